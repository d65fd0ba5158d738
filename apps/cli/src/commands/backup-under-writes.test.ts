import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { openStore, type Store } from '@newsroom/db';
import type { Block } from '@newsroom/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from '../testing/run-captured.js';

// `newsroom backup` while the newsroom keeps writing: another process creates, publishes and
// comments on stories without pause, and backups are taken through the CLI in the middle of
// it. Each must be a sound, complete snapshot (everything committed before it began, no story
// in part), and a database restored from it must work as a Store.

type Step =
  | { step: 'created'; slug: string; body: Block[]; tags: string[]; authors: string[] }
  | { step: 'published'; slug: string }
  | { step: 'commented'; slug: string; commentId: string };

interface Backup {
  file: string;
  /** What the writer had reported committed when the backup began. */
  committedBefore: Step[];
}

const writerScript = fileURLToPath(new URL('../testing/newsroom-writer.ts', import.meta.url));
let dir: string;
let env: Record<string, string>;
const steps: Step[] = [];
const backups: Backup[] = [];

/** Set when the writer process ends, with what it printed on stderr. */
let writerEnded: { code: number | null; stderr: string } | null = null;

function startWriter(databaseUrl: string): ChildProcessWithoutNullStreams {
  const writer = spawn(process.execPath, ['--no-warnings', writerScript, databaseUrl], { stdio: 'pipe' });
  createInterface({ input: writer.stdout }).on('line', (line) => steps.push(JSON.parse(line) as Step));
  let stderr = '';
  writer.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  writer.once('exit', (code) => {
    writerEnded = { code, stderr };
  });
  return writer;
}

/** Resolves once the writer has reported `count` more committed steps; never by time alone. */
async function stepsBeyond(count: number): Promise<void> {
  const target = steps.length + count;
  while (steps.length < target) {
    if (writerEnded) throw new Error(`the writer stopped (${writerEnded.code}): ${writerEnded.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsroom-backup-writes-'));
  env = { DATABASE_URL: `file:${join(dir, 'newsroom.db')}`, INIT_CWD: dir };
  const store = await openStore(env.DATABASE_URL as string);
  await store.sections.upsert({ slug: 'world', name: 'World', description: null, order: 1 });
  for (const slug of ['climate', 'harbour', 'elections']) {
    await store.tags.upsert({ slug, name: slug, description: null, type: 'topic' });
  }
  await store.authors.upsert({ slug: 'al', name: 'Al Writer', bio: null, avatar: null });
  await store.authors.upsert({ slug: 'bea', name: 'Bea Reporter', bio: null, avatar: null });
  await store.close();

  const writer = startWriter(env.DATABASE_URL as string);
  try {
    for (let i = 1; i <= 3; i += 1) {
      // Some stories in before each backup, and more being written while it runs.
      await stepsBeyond(9);
      const file = join(dir, `backup-${i}.db`);
      backups.push({ file, committedBefore: [...steps] });
      const result = await runCaptured(['backup', file], env);
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
    }
    // The writer was still at it after the last backup: the backups were taken mid-stream.
    await stepsBeyond(3);
  } finally {
    const exited = once(writer, 'exit');
    writer.stdin.end('stop\n');
    await exited;
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const createdBySlug = () =>
  new Map(steps.flatMap((step) => (step.step === 'created' ? [[step.slug, step] as const] : [])));

describe('newsroom backup while another process writes', () => {
  it('the writer ran without a failure, before, during and after the backups', () => {
    expect(writerEnded).toEqual({ code: 0, stderr: '' });
    expect(steps.length).toBeGreaterThan(backups.at(-1)?.committedBefore.length ?? Infinity);
  });

  it.each([0, 1, 2])(
    'backup %i passes integrity_check and holds everything committed before it began',
    (index) => {
      const { file, committedBefore } = backups[index] as Backup;
      const copy = new DatabaseSync(file, { readOnly: true });
      try {
        expect(copy.prepare('pragma integrity_check').get()).toEqual({ integrity_check: 'ok' });
        expect(copy.prepare('pragma foreign_key_check').all()).toEqual([]);
        const statusOf = copy.prepare('select status from articles where slug = ?');
        const comment = copy.prepare('select 1 as found from comments where id = ?');
        for (const step of committedBefore) {
          if (step.step === 'created') expect(statusOf.get(step.slug), step.slug).toBeDefined();
          if (step.step === 'published')
            expect(statusOf.get(step.slug), step.slug).toEqual({ status: 'published' });
          if (step.step === 'commented')
            expect(comment.get(step.commentId), step.commentId).toEqual({ found: 1 });
        }
      } finally {
        copy.close();
      }
    },
  );

  it.each([0, 1, 2])(
    'backup %i, restored with newsroom restore, holds every story whole and works as a Store',
    async (index) => {
      const { file } = backups[index] as Backup;
      const restoredUrl = `file:${join(dir, `restored-${index}`, 'newsroom.db')}`;
      const restored = await runCaptured(['restore', file], { ...env, DATABASE_URL: restoredUrl });
      expect(restored.err).toBe('');
      expect(restored.code).toBe(0);

      const store: Store = await openStore(restoredUrl);
      try {
        // No story in part: each is exactly as the writer committed it, blocks, tags and bylines.
        const written = createdBySlug();
        const copy = new DatabaseSync(file, { readOnly: true });
        const slugs = (
          copy.prepare('select slug from articles order by slug').all() as { slug: string }[]
        ).map((row) => row.slug);
        copy.close();
        expect(slugs.length).toBeGreaterThan(0);
        for (const slug of slugs) {
          const article = await store.articles.bySlug(slug, { status: 'any' });
          const expected = written.get(slug);
          expect(expected, slug).toBeDefined();
          expect(article?.body, slug).toEqual(expected?.body);
          expect(
            article?.tags.map((tag) => tag.slug),
            slug,
          ).toEqual(expected?.tags);
          expect(
            article?.authors.map((author) => author.slug),
            slug,
          ).toEqual(expected?.authors);
        }
        expect(await store.articleCount()).toBe(slugs.length);

        // And it takes the newsroom's everyday work: write, publish, comment, search, edit.
        const draft = await store.articles.create({
          headline: 'Lighthouse keeper retires after restore',
          body: [{ type: 'paragraph', text: 'The lighthouse keeper retires after forty years.' }],
          sectionSlug: 'world',
          tagSlugs: ['harbour'],
          authorSlugs: ['bea'],
          commentPolicy: 'open',
        });
        const published = await store.articles.setStatus(draft.id, draft.version, 'published');
        await store.comments.create({
          articleId: published.id,
          displayName: 'A neighbour',
          body: 'Well earned.',
        });
        const thread = await store.comments.list(published.id, { order: 'oldest', limit: 10 });
        expect(thread.items.map((item) => item.body)).toEqual(['Well earned.']);
        const hits = await store.articles.search({ q: 'lighthouse keeper', limit: 5 });
        expect(hits.items.map((hit) => hit.slug)).toEqual([published.slug]);
        const edited = await store.articles.update({
          id: published.id,
          version: published.version,
          minor: false,
          headline: 'Lighthouse keeper retires',
        });
        expect(edited.version).toBe(published.version + 1);
        expect((await store.tags.bySlug('harbour'))?.articleCount).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    },
  );
});
