import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { PGlite } from '@electric-sql/pglite';
import type { ArticleStatus, CommentStatus } from '@newsroom/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPGlite } from '../postgres/create-pglite.js';
import { openPostgresStore } from '../postgres/postgres-store.js';
import { backupSqliteDatabase } from '../sqlite/backup.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';
import type { Store } from '../store.js';
import { allPages } from '../testing/contract-fixtures.js';
import { givenNewsroomContent } from '../testing/newsroom-content.js';
import { describeOnServer, freshServerDatabase } from '../testing/server-database.js';
import { copiedTables } from './copied-tables.js';
import { CopyError } from './copy-error.js';
import { type CopyProgress, type CopyReport, copyNewsroom } from './copy-newsroom.js';

const dir = mkdtempSync(join(tmpdir(), 'newsroom-copy-'));
const pglites: PGlite[] = [];
afterAll(async () => {
  for (const pglite of pglites) if (!pglite.closed) await pglite.close();
  rmSync(dir, { recursive: true, force: true });
});

const sourcePath = join(dir, 'source.db');
const sourceUrl = `file:${sourcePath}`;
let tokens: { live: string; revoked: string; preview: string; draftId: string };
/**
 * When the live token was last used. The tests resolve it at that same instant, so reading it
 * is not a use worth recording: a write would change the checksums the copies are held to.
 */
const tokenUsedAt = new Date('2025-07-11T08:30:00.000Z');
let pglite: PGlite;
let report: CopyReport;

function newPGlite(): PGlite {
  const instance = createPGlite();
  pglites.push(instance);
  return instance;
}

/** A copy of the source file, to change without touching the shared one. */
function sourceCopy(name: string): string {
  const path = join(dir, name);
  backupSqliteDatabase(sourcePath, path);
  return path;
}

function sqliteFile(path: string, work: (db: DatabaseSync) => void): void {
  const db = new DatabaseSync(path);
  try {
    work(db);
  } finally {
    db.close();
  }
}

/**
 * A newsroom with rows in every table: generated articles and stories imported as outside copy,
 * then what editors and readers do through the Store.
 */
async function givenNewsroom(path: string): Promise<typeof tokens> {
  const store = await openSqliteStore(path);
  try {
    await givenNewsroomContent(store, 60);
    const now = new Date('2025-07-11T08:00:00.000Z');
    const published = (await store.articles.list({ limit: 10 })).items;
    const article = async (index: number) => {
      const found = await store.articles.byId(published[index]?.id ?? '');
      if (!found) throw new Error(`no published article ${index}`);
      return found;
    };

    const renamed = await article(0);
    await store.articles.update(
      {
        id: renamed.id,
        version: renamed.version,
        slug: `${renamed.slug}-renamed`,
        headline: 'A headline, renamed',
      },
      { now },
    );
    const corrected = await article(1);
    await store.articles.addCorrection(
      corrected.id,
      corrected.version,
      'An earlier version misspelt a name.',
      {
        now,
      },
    );
    const archived = await article(2);
    await store.articles.setStatus(archived.id, archived.version, 'archived', { now });

    const discussed = await article(3);
    const open = await store.articles.update(
      { id: discussed.id, version: discussed.version, commentPolicy: 'open' },
      { now },
    );
    const top = await store.comments.create(
      { articleId: open.id, displayName: 'Reader', body: 'First thoughts', parentId: null },
      { now },
    );
    // A reply older than its parent by the clock: the copy must not rely on timestamps.
    await store.comments.create(
      { articleId: open.id, displayName: 'Another', body: 'A reply', parentId: top.id },
      { now: new Date(now.getTime() - 60_000) },
    );
    const second = await store.comments.create(
      {
        articleId: open.id,
        displayName: 'Ünïcödé 日本',
        body: '“Quoted” — and **not** markup',
        parentId: null,
      },
      { now },
    );
    await store.comments.setStatus(second.id, 'spam');
    const moderated = await article(4);
    await store.comments.create(
      { articleId: moderated.id, displayName: 'Waiting', body: 'Held for a moderator', parentId: null },
      { now },
    );

    const [firstTag, secondTag, thirdTag] = await store.tags.list();
    if (!firstTag || !secondTag || !thirdTag) throw new Error('the content has too few tags');
    await store.tags.update(firstTag.slug, { slug: `${firstTag.slug}-renamed` });
    await store.tags.merge(secondTag.slug, thirdTag.slug);
    await store.sections.update('culture', { slug: 'arts', name: 'Arts' });
    await store.authors.update('amara-okafor', { avatar: '/media/amara.jpg' });

    const draft = await store.articles.create(
      {
        headline: 'A draft waiting for review',
        body: [{ type: 'paragraph', text: 'Not yet.' }],
        sectionSlug: 'world',
        authorSlugs: ['amara-okafor'],
        tagSlugs: [thirdTag.slug],
      },
      { now },
    );
    await store.articles.requestReview(draft.id, draft.version, { now });
    const preview = await store.previews.create(draft.id, {
      expiresAt: new Date(Date.now() + 86_400_000),
      purpose: 'share',
      actor: { personId: null, name: 'Desk' },
    });
    const scheduled = await store.articles.create(
      { headline: 'Scheduled for later', body: [{ type: 'paragraph', text: 'Soon.' }] },
      { now },
    );
    await store.articles.setStatus(scheduled.id, scheduled.version, 'scheduled', {
      now,
      scheduledFor: '2099-01-01T00:00:00.000Z',
    });

    // A token with an expiry and a last use, so both columns are seen to move.
    const live = await store.tokens.create(
      { name: 'Desk', role: 'editor', expiresAt: '2099-01-01T00:00:00.000Z' },
      { now },
    );
    await store.tokens.resolve(live.token, { now: tokenUsedAt });
    const revoked = await store.tokens.create({
      name: 'Stringer',
      role: 'author',
      authorSlug: 'amara-okafor',
    });
    await store.tokens.revoke(revoked.principal.tokenId);

    // A person of the desk with everything that moves with them, and what stays behind.
    const editor = await store.people.invite(
      { email: 'ed@example.com', name: 'Ed Editor', role: 'editor', authorSlug: 'amara-okafor' },
      { now },
    );
    await store.people.setPasswordHash(editor.id, 'scrypt$N=32768,r=8,p=3,l=32$c2FsdA$a2V5');
    await store.people.beginTotp(editor.id, 'JBSWY3DPEHPK3PXP');
    await store.people.enableTotp(editor.id, ['a'.repeat(64), 'b'.repeat(64)]);
    await store.people.addPasskey(editor.id, {
      name: 'Laptop',
      credentialId: 'Y3JlZGVudGlhbA',
      publicKey: 'cHVibGljLWtleQ',
      counter: 3,
      transports: ['internal'],
    });
    await store.audit.record({
      actor: { kind: 'person', id: editor.id, name: editor.name },
      action: 'sign-in',
      objectType: 'person',
      objectId: editor.id,
      address: '203.0.113.9',
      detail: { method: 'password' },
    });
    await store.settings.update({ requireSecondFactorFrom: 'editor' });
    await store.sessions.create({
      personId: editor.id,
      userAgent: 'Browser',
      address: '203.0.113.9',
      lifetimeMs: 3_600_000,
    });

    await store.webhooks.create(
      { url: 'https://hooks.example/newsroom', eventTypes: ['article.published'], description: 'Alerts' },
      { now },
    );
    // Pictures, more than one batch of them (four a batch), with a variant that stays behind.
    for (let index = 0; index < 6; index += 1) {
      const bytes = Buffer.alloc(50_000 + index, index);
      const hash = createHash('sha256').update(bytes).digest('hex');
      await store.media.put(
        { hash, bytes, format: 'png', width: 40, height: 30 },
        { uploadedBy: 'Ed Editor', now },
      );
      await store.media.update(hash, { alt: `Picture ${index}`, focal: { x: 0.125, y: 0.75 } });
      await store.media.putVariant(hash, '320.webp', {
        contentType: 'image/webp',
        bytes: Buffer.from('variant'),
      });
    }
    return { live: live.token, revoked: revoked.token, preview: preview.secret, draftId: draft.id };
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  tokens = await givenNewsroom(sourcePath);
  pglite = newPGlite();
  report = await copyNewsroom(sourceUrl, pglite);
});

/** Every table's row count in a SQLite file, read directly. */
function sqliteCounts(path: string): Record<string, number> {
  const counts: Record<string, number> = {};
  sqliteFile(path, (db) => {
    for (const { name } of copiedTables) {
      counts[name] = Number((db.prepare(`select count(*) as n from ${name}`).get() as { n: number }).n);
    }
  });
  return counts;
}

async function pgliteCounts(instance: PGlite): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { name } of copiedTables) {
    counts[name] =
      (await instance.query<{ n: number }>(`select count(*)::int as n from ${name}`)).rows[0]?.n ?? -1;
  }
  return counts;
}

async function failureOf(copy: Promise<unknown>): Promise<Error> {
  try {
    await copy;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the copy did not fail');
}

const emptyCounts = Object.fromEntries(copiedTables.map(({ name }) => [name, 0]));
const checksumsOf = (copy: CopyReport) =>
  copy.tables.map(({ table, rows, checksum }) => ({ table, rows, checksum }));

describe('copyNewsroom from SQLite to PostgreSQL (PGlite)', () => {
  it('copies every content table, with the same counts and checksums read back from each side', async () => {
    expect(report.source).toBe('sqlite');
    expect(report.destination).toBe('postgres');
    expect(report.tables.map((t) => t.table)).toEqual([
      'sections',
      'tags',
      'authors',
      'articles',
      'article_authors',
      'article_tags',
      'comments',
      'api_tokens',
      'article_revisions',
      'slug_redirects',
      'article_imports',
      'people',
      'recovery_codes',
      'passkeys',
      'audit_log',
      'settings',
      'media',
      'webhooks',
    ]);
    for (const table of report.tables) {
      expect(table.rows, table.table).toBeGreaterThan(0);
      expect(table.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
    const counts = sqliteCounts(sourcePath);
    expect(await pgliteCounts(pglite)).toEqual(counts);
    expect(Object.fromEntries(report.tables.map((t) => [t.table, t.rows]))).toEqual(counts);
    expect(report.rows).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    expect(counts.articles).toBe(65);
  });

  describe('the same newsroom through the Store on both sides', () => {
    let source: Store;
    let copy: Store;
    beforeAll(async () => {
      source = await openSqliteStore(sourcePath);
      copy = await openPostgresStore(pglite);
    });
    afterAll(async () => {
      await source.close();
      await copy.close();
    });
    const both = async <T>(read: (store: Store) => Promise<T>): Promise<[T, T]> => [
      await read(source),
      await read(copy),
    ];
    const statuses: ArticleStatus[] = ['published', 'draft', 'scheduled', 'archived'];

    it('lists the same pages in every status, section and tag, and every article by id', async () => {
      const ids: string[] = [];
      for (const status of statuses) {
        const pages = async (store: Store) => {
          const seen: unknown[] = [];
          await allPages(async (cursor) => {
            const page = await store.articles.list({ status, limit: 7, ...(cursor ? { cursor } : {}) });
            seen.push(page);
            return page;
          });
          return seen;
        };
        const [fromSource, fromCopy] = await both(pages);
        expect(fromCopy).toEqual(fromSource);
        for (const page of fromSource as { items: { id: string }[] }[])
          ids.push(...page.items.map((a) => a.id));
      }
      expect(ids).toHaveLength(await source.articleCount());
      expect(await copy.articleCount()).toBe(ids.length);
      for (const id of ids) {
        const [fromSource, fromCopy] = await both((store) => store.articles.byId(id));
        expect(fromSource).not.toBeNull();
        expect(fromCopy).toEqual(fromSource);
      }
      for (const query of [{ section: 'world' }, { section: 'arts' }, { author: 'amara-okafor' }]) {
        const [fromSource, fromCopy] = await both((store) => store.articles.list({ ...query, limit: 100 }));
        expect(fromSource.items.length, JSON.stringify(query)).toBeGreaterThan(0);
        expect(fromCopy).toEqual(fromSource);
      }
      const related = (await source.articles.list({ limit: 3 })).items;
      for (const { id } of related) {
        const [fromSource, fromCopy] = await both((store) => store.articles.related(id, 6));
        expect(fromCopy).toEqual(fromSource);
      }
    });

    it('has the same sections, tags and authors with their article counts', async () => {
      const lists = [
        await both((store) => store.sections.list()),
        await both((store) => store.tags.list()),
        await both((store) => store.authors.list()),
      ];
      for (const [fromSource, fromCopy] of lists) {
        expect(fromSource.length).toBeGreaterThan(0);
        expect(fromCopy).toEqual(fromSource);
      }
    });

    it('has the same comment threads and moderation queues', async () => {
      const statusesOfComments: CommentStatus[] = ['pending', 'approved', 'rejected', 'spam'];
      let queued = 0;
      for (const status of statusesOfComments) {
        const [fromSource, fromCopy] = await both((store) =>
          store.comments.listByStatus(status, { limit: 100 }),
        );
        expect(fromCopy).toEqual(fromSource);
        queued += fromSource.items.length;
      }
      expect(queued).toBe(4);
      const published = (await source.articles.list({ limit: 100 })).items;
      for (const { id } of published) {
        for (const order of ['oldest', 'newest'] as const) {
          const [fromSource, fromCopy] = await both((store) =>
            store.comments.list(id, { order, limit: 100 }),
          );
          expect(fromCopy).toEqual(fromSource);
        }
      }
    });

    it('has the same revisions, import records and redirects', async () => {
      const ids = (await source.articles.list({ limit: 100 })).items.map((a) => a.id);
      let revisions = 0;
      let imports = 0;
      for (const id of ids) {
        const [fromSource, fromCopy] = await both((store) => store.articles.revisions(id, { limit: 100 }));
        expect(fromCopy).toEqual(fromSource);
        revisions += fromSource.items.length;
        const [importSource, importCopy] = await both((store) => store.imports.byArticleId(id));
        expect(importCopy).toEqual(importSource);
        if (importSource) imports += 1;
      }
      expect(revisions).toBeGreaterThan(0);
      expect(imports).toBe(3);

      let redirects: { kind: 'article' | 'tag' | 'section' | 'author'; old_slug: string }[] = [];
      sqliteFile(sourcePath, (db) => {
        redirects = db.prepare('select kind, old_slug from slug_redirects').all() as typeof redirects;
      });
      expect(redirects.map((r) => r.kind).sort()).toEqual(
        expect.arrayContaining(['article', 'section', 'tag']),
      );
      for (const { kind, old_slug } of redirects) {
        const [fromSource, fromCopy] = await both((store) => store.redirects.lookup(kind, old_slug));
        expect(fromSource).not.toBeNull();
        expect(fromCopy).toEqual(fromSource);
      }
    });

    it('resolves the same API tokens, and not the revoked one', async () => {
      const [live, liveCopy] = await both((store) => store.tokens.resolve(tokens.live, { now: tokenUsedAt }));
      expect(live).toMatchObject({ name: 'Desk', role: 'editor' });
      expect(liveCopy).toEqual(live);
      const [revoked, revokedCopy] = await both((store) =>
        store.tokens.resolve(tokens.revoked, { now: tokenUsedAt }),
      );
      const [listed, listedCopy] = await both((store) => store.tokens.list({ limit: 10 }));
      expect(listed.items.find((t) => t.name === 'Desk')).toMatchObject({
        expiresAt: '2099-01-01T00:00:00.000Z',
        lastUsedAt: tokenUsedAt.toISOString(),
      });
      expect(listedCopy).toEqual(listed);
      expect(revoked).toBeNull();
      expect(revokedCopy).toBeNull();
    });

    it('has the same people with their password, second factors, passkeys, audit trail and settings, but no sessions', async () => {
      const [person, personCopy] = await both((store) => store.people.byEmail('ed@example.com'));
      expect(person).toMatchObject({ status: 'active', totpEnabled: true, passkeyCount: 1 });
      expect(personCopy).toEqual(person);
      if (!person) throw new Error('the person is missing');
      const secrets = (store: Store) =>
        Promise.all([
          store.people.passwordHash(person.id),
          store.people.totp(person.id),
          store.people.recoveryCodesLeft(person.id),
          store.people.passkeys(person.id),
          store.audit.list({ actorId: person.id, limit: 10 }),
          store.settings.get(),
        ]);
      const [fromSource, fromCopy] = await both(secrets);
      expect(fromCopy).toEqual(fromSource);
      const [sessions, sessionsCopy] = await both((store) =>
        store.sessions.list(person.id, { idleMs: 3_600_000 }),
      );
      expect(sessions).toHaveLength(1);
      expect(sessionsCopy).toEqual([]);
    });

    it('leaves preview links behind, like sessions: the copy opens none', async () => {
      const [resolved, resolvedCopy] = await both((store) => store.previews.resolve(tokens.preview));
      expect(resolved?.articleId).toBe(tokens.draftId);
      expect(resolvedCopy).toBeNull();
      const [links, linksCopy] = await both((store) => store.previews.list(tokens.draftId));
      expect(links).toHaveLength(1);
      expect(linksCopy).toEqual([]);
    });

    it('has the same pictures, bytes and all, and none of their variants, which are made again on request', async () => {
      const [pictures, picturesCopy] = await both((store) => store.media.list({ limit: 50 }));
      expect(pictures.items).toHaveLength(6);
      expect(picturesCopy).toEqual(pictures);
      for (const picture of pictures.items) {
        const [original, originalCopy] = await both((store) => store.media.original(picture.hash));
        expect(originalCopy?.bytes.equals(original?.bytes ?? Buffer.alloc(0)), picture.alt).toBe(true);
        const [variant, variantCopy] = await both((store) => store.media.variant(picture.hash, '320.webp'));
        expect(variant?.toString()).toBe('variant');
        expect(variantCopy).toBeNull();
      }
    });

    it('searches the copy: every article has its search vector, and words find the same articles', async () => {
      const empty = await pglite.query<{ n: number }>(
        'select count(*)::int as n from articles where search is null or length(search) = 0',
      );
      expect(empty.rows[0]?.n).toBe(0);
      for (const q of ['ferry', 'Osaka', 'harbour']) {
        const ids = async (store: Store) =>
          (
            await allPages((cursor) => store.articles.search({ q, limit: 50, ...(cursor ? { cursor } : {}) }))
          ).items
            .map((hit) => hit.id)
            .sort();
        const [fromSource, fromCopy] = await both(ids);
        expect(fromCopy.length, q).toBeGreaterThan(0);
        expect(fromCopy, q).toEqual(fromSource);
      }
    });
  });

  it('copies back to SQLite, and SQLite to SQLite in small batches, with the same checksums', async () => {
    const back = await copyNewsroom(pglite, `file:${join(dir, 'back.db')}`);
    expect(back.source).toBe('postgres');
    expect(back.destination).toBe('sqlite');
    expect(checksumsOf(back)).toEqual(checksumsOf(report));

    const progress: CopyProgress[] = [];
    // Seven rows a batch: many keyset pages, over single and composite keys, in both passes of comments.
    const again = await copyNewsroom(sourceUrl, `file:${join(dir, 'again.db')}`, {
      batchSize: 7,
      onProgress: (p) => progress.push(p),
    });
    expect(checksumsOf(again)).toEqual(checksumsOf(report));
    const articles = progress.filter((p) => p.phase === 'copying' && p.table === 'articles');
    expect(articles.at(-1)).toEqual({ phase: 'copying', table: 'articles', rows: 65, totalRows: 65 });
    expect(articles.length).toBeGreaterThan(65 / 7);
    expect(progress.filter((p) => p.phase === 'verifying').map((p) => p.table)).toEqual(
      copiedTables.map((t) => t.name),
    );

    // SQLite's full-text index is filled by its triggers as the articles go in.
    const store = await openSqliteStore(join(dir, 'again.db'));
    const hits = await store.articles.search({ q: 'ferry', limit: 5 });
    await store.close();
    expect(hits.items.length).toBeGreaterThan(0);
  });
});

describe('copyNewsroom refuses', () => {
  it('a destination that holds content, naming what it found and changing nothing', async () => {
    const before = await pgliteCounts(pglite);
    const error = await failureOf(copyNewsroom(sourceUrl, pglite));
    expect(error).toBeInstanceOf(CopyError);
    expect(error.message).toMatch(
      /^the destination \(PGlite\) already holds content: 7 rows in sections, .*65 rows in articles, .*; copy only into an empty database \(nothing was changed\)$/,
    );
    expect(await pgliteCounts(pglite)).toEqual(before);

    const file = join(dir, 'one-section.db');
    const store = await openSqliteStore(file);
    await store.sections.upsert({ slug: 'world', name: 'World', description: null, order: 0 });
    await store.close();
    await expect(copyNewsroom(sourceUrl, `file:${file}`)).rejects.toThrow(
      /already holds content: 1 row in sections;/,
    );
  });

  it('the same database as source and destination, however it is named', async () => {
    const same = /^the source and the destination are the same database/;
    await expect(copyNewsroom(sourceUrl, sourceUrl)).rejects.toThrow(same);
    await expect(copyNewsroom(sourceUrl, `file:./${relative(process.cwd(), sourcePath)}`)).rejects.toThrow(
      same,
    );
    await expect(copyNewsroom(sourceUrl, `file://${sourcePath}`)).rejects.toThrow(same);
    const link = join(dir, 'link.db');
    symlinkSync(sourcePath, link);
    await expect(copyNewsroom(`file:${link}`, sourceUrl)).rejects.toThrow(same);
    await expect(copyNewsroom(pglite, pglite)).rejects.toThrow(/same database \(PGlite\)/);
    await expect(
      copyNewsroom('postgres://a:secret@Db.example:5432/news', 'postgresql://b:other@db.example/news'),
    ).rejects.toThrow(/same database \(PostgreSQL database "news" on Db\.example:5432\)/);
  });

  it('a missing or in-memory source, an unsupported URL and an unreachable server, each in one line', async () => {
    const missing = join(dir, 'nowhere', 'missing.db');
    await expect(copyNewsroom(`file:${missing}`, ':memory:')).rejects.toThrow(
      `the source ${missing} does not exist`,
    );
    await expect(copyNewsroom(':memory:', `file:${join(dir, 'x.db')}`)).rejects.toThrow(
      'the source is a new, empty in-memory database: nothing to copy',
    );
    await expect(copyNewsroom(sourceUrl, 'mysql://db/news')).rejects.toThrow(
      /^the destination URL: the "mysql:" scheme is not supported; supported: /,
    );
    await expect(copyNewsroom('newsroom.db', ':memory:')).rejects.toThrow(
      /^the source URL is not a database URL;/,
    );

    const refused = await failureOf(
      copyNewsroom(sourceUrl, 'postgres://newsroom:hunter2@127.0.0.1:1/newsroom'),
    );
    expect(refused.message).toMatch(
      /^cannot open the destination \(PostgreSQL database "newsroom" on 127\.0\.0\.1:1\): connect ECONNREFUSED/,
    );
    expect(refused.message).not.toContain('hunter2');
    expect(refused.message).not.toContain('\n');
  });

  it('a schema with a table or column the copy does not know', async () => {
    const path = sourceCopy('extended.db');
    sqliteFile(path, (db) => {
      db.exec('alter table comments add column mood text');
      db.exec('create table polls (id text primary key) strict');
    });
    const destination = join(dir, 'not-extended.db');
    await expect(copyNewsroom(`file:${path}`, `file:${destination}`)).rejects.toThrow(
      new RegExp(
        `^the copy does not know the schema of ${path.replaceAll('.', '\\.')}: table polls; column comments\\.mood `,
      ),
    );
    expect(sqliteCounts(destination)).toEqual(emptyCounts);
  });
});

describe('a copy that fails', () => {
  it('leaves the destination empty when a row cannot be written, and the copy can be run again', async () => {
    const path = sourceCopy('nul.db');
    // SQLite keeps a NUL character in text; PostgreSQL refuses it. Revisions come late in the
    // order, so most tables were already written when it fails.
    sqliteFile(path, (db) => {
      db.prepare(
        'update article_revisions set actor_name = ? where rowid = (select min(rowid) from article_revisions)',
      ).run('nul\u0000name');
    });
    const destination = newPGlite();
    const progress: string[] = [];
    const error = await failureOf(
      copyNewsroom(`file:${path}`, destination, { onProgress: (p) => progress.push(p.table) }),
    );
    expect(error.message).toMatch(
      /^cannot write article_revisions rows id .+ to .+ into the destination, so nothing was kept: .*0x00/,
    );
    expect(progress).toContain('article_revisions');
    expect(await pgliteCounts(destination)).toEqual(emptyCounts);

    const retried = await copyNewsroom(sourceUrl, destination);
    expect(checksumsOf(retried)).toEqual(checksumsOf(report));
  });

  it('rolls back when what was written does not read back the same, naming each table', async () => {
    const destination = join(dir, 'tampered.db');
    await (await openSqliteStore(destination)).close();
    sqliteFile(destination, (db) => {
      // A destination that changes what it is given: the checks must notice.
      db.exec(`create trigger shout after insert on tags begin
        update tags set name = upper(name) where slug = new.slug; end`);
      db.exec(`create trigger forget after insert on slug_redirects when new.kind = 'tag' begin
        delete from slug_redirects where kind = new.kind and old_slug = new.old_slug; end`);
    });
    const error = await failureOf(copyNewsroom(sourceUrl, `file:${destination}`));
    expect(error).toBeInstanceOf(CopyError);
    expect(error.message).toMatch(
      /^the copy did not match its source and was rolled back: tags's rows differ \(sha256 [0-9a-f]{12}… ≠ [0-9a-f]{12}…\); slug_redirects has \d+ rows in the source and \d+ in the destination$/,
    );
    expect(sqliteCounts(destination)).toEqual(emptyCounts);
  });
});

describeOnServer('copyNewsroom', (serverUrl) => {
  it('copies SQLite to the server with the same checksums, then refuses to copy again', async () => {
    const url = await freshServerDatabase(serverUrl, 'newsroom_test_copy');
    const copied = await copyNewsroom(sourceUrl, url);
    expect(copied.destination).toBe('postgres');
    expect(checksumsOf(copied)).toEqual(checksumsOf(report));

    const store = await openPostgresStore(url, { poolSize: 2 });
    try {
      const [first] = (await store.articles.list({ limit: 1 })).items;
      expect(first).toBeDefined();
      expect((await store.articles.search({ q: 'ferry', limit: 5 })).items.length).toBeGreaterThan(0);
      expect(await store.tokens.resolve(tokens.live)).toMatchObject({ role: 'editor' });
    } finally {
      await store.close();
    }
    await expect(copyNewsroom(sourceUrl, url)).rejects.toThrow(/already holds content/);
  });
});
