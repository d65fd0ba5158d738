import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateArticleInputSchema } from '@newsroom/domain';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { dueScheduledQuery } from '../kysely/article-queries.js';
import { publishIfDue } from '../kysely/article-writes.js';
import { createOutbox } from '../kysely/event-outbox.js';
import { migrateToLatest } from './migrate.js';
import { openSqliteKysely, openSqliteStore, sqliteStoreOf } from './sqlite-store.js';

/* What the SQLite backend stores, beyond what the contract can see through the Store. */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('SQLite storage', () => {
  it('keeps only a hash of API tokens: the secret is nowhere in the database files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsroom-tokens-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const store = await openSqliteStore(join(dir, 'newsroom.db'));
    const { token } = await store.tokens.create({ name: 'Secret keeper', role: 'admin' });
    await store.close();

    const files = readdirSync(dir).map((name) => readFileSync(join(dir, name)).toString('latin1'));
    const everything = files.join('\n');
    expect(everything).toContain('Secret keeper');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(token.slice(3));

    const reopened = await openSqliteStore(join(dir, 'newsroom.db'));
    cleanups.push(() => reopened.close());
    expect((await reopened.tokens.resolve(token))?.name).toBe('Secret keeper');
  });

  it('keeps only a hash of preview secrets: the secret is nowhere in the database files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsroom-previews-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const store = await openSqliteStore(join(dir, 'newsroom.db'));
    const article = await store.articles.create(
      CreateArticleInputSchema.parse({ headline: 'Not yet published', body: [] }),
    );
    const { secret } = await store.previews.create(article.id, {
      expiresAt: new Date(Date.now() + 3_600_000),
      purpose: 'share',
      actor: { personId: null, name: 'Preview maker' },
    });
    await store.close();

    const everything = readdirSync(dir)
      .map((name) => readFileSync(join(dir, name)).toString('latin1'))
      .join('\n');
    expect(everything).toContain('Preview maker');
    expect(everything).not.toContain(secret.slice(4));

    const reopened = await openSqliteStore(join(dir, 'newsroom.db'));
    cleanups.push(() => reopened.close());
    expect((await reopened.previews.resolve(secret))?.articleId).toBe(article.id);
  });

  it('keeps the full-text index in step with article writes', async () => {
    const db = openSqliteKysely(':memory:');
    await migrateToLatest(db);
    const store = sqliteStoreOf(db);
    cleanups.push(() => store.close());
    const search = async (words: string) =>
      (
        await sql<{ slug: string }>`
          select articles.slug from article_search
          join articles on articles.seq = article_search.rowid
          where article_search match ${words} order by rank`.execute(db)
      ).rows.map((r) => r.slug);

    const article = await store.articles.create(
      CreateArticleInputSchema.parse({
        slug: 'harbour',
        headline: 'Harbour reopens',
        standfirst: 'Ferries are back.',
        body: [
          { type: 'paragraph', text: 'The **lighthouse** keeper waved.' },
          {
            type: 'image',
            src: '/a.jpg',
            alt: 'x',
            caption: 'Gulls over the pier',
            credit: null,
            width: 10,
            height: 10,
          },
        ],
      }),
    );
    expect(await search('lighthouse')).toEqual(['harbour']);
    expect(await search('gulls')).toEqual(['harbour']);
    expect(await search('ferries')).toEqual(['harbour']);
    expect(await search('paragraph')).toEqual([]);

    await store.articles.update({
      id: article.id,
      version: 1,
      body: [{ type: 'paragraph', text: 'Café reopens.' }],
    });
    expect(await search('lighthouse')).toEqual([]);
    expect(await search('cafe')).toEqual(['harbour']);
  });

  it('publishes a scheduled article once when two processes both saw it as due', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsroom-schedule-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'newsroom.db');
    const dbA = openSqliteKysely(file);
    await migrateToLatest(dbA);
    const a = sqliteStoreOf(dbA);
    const b = await openSqliteStore(file);
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    const created = new Date('2025-07-01T08:00:00.000Z');
    const now = new Date('2025-07-01T12:00:00.000Z');
    for (let i = 0; i < 3; i++) {
      const draft = await a.articles.create(
        CreateArticleInputSchema.parse({ headline: `Due ${i}`, body: [] }),
        {
          now: created,
        },
      );
      await a.articles.setStatus(draft.id, 1, 'scheduled', {
        now: created,
        scheduledFor: new Date(created.getTime() + (i + 1) * 60_000).toISOString(),
      });
    }

    // Process A reads what is due; process B publishes it all before A writes.
    const seenByA = await dueScheduledQuery(dbA, now.toISOString(), 100).execute();
    expect(seenByA).toHaveLength(3);
    const publishedByB = await b.articles.publishDue(now);
    expect(publishedByB).toHaveLength(3);
    for (const { id } of seenByA)
      expect(await publishIfDue(dbA, createOutbox(), id, now.toISOString())).toBeNull();
    expect(await a.articles.publishDue(now)).toEqual([]);

    for (const { id } of seenByA) {
      const revisions = (await a.articles.revisions(id, { limit: 10 })).items;
      expect(revisions.filter((r) => r.snapshot.status === 'published')).toHaveLength(1);
      expect((await a.articles.byId(id))?.version).toBe(3);
    }
  });
});
