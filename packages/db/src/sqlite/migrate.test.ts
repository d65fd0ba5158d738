import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, migrationTable } from './migrate.js';
import { initialSchema } from './migrations/0001-initial-schema.js';
import { sqliteMigrations } from './migrations/index.js';
import { openSqliteKysely, sqliteStoreOf } from './sqlite-store.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-migrate-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'newsroom.db');
}

async function tablesOf(db: ReturnType<typeof openSqliteKysely>): Promise<string[]> {
  const { rows } = await sql<{
    name: string;
  }>`select name from sqlite_schema where type = 'table' order by name`.execute(db);
  return rows.map((r) => r.name);
}

describe('migrations', () => {
  it('builds the schema once and records each migration', async () => {
    const file = tempFile();
    const first = openSqliteKysely(file);
    expect(await migrateToLatest(first)).toEqual(Object.keys(sqliteMigrations));
    expect(await tablesOf(first)).toEqual(
      expect.arrayContaining([
        'articles',
        'article_authors',
        'article_tags',
        'sections',
        'tags',
        'authors',
        'comments',
        'api_tokens',
        'article_search',
        'article_revisions',
        'slug_redirects',
        'article_imports',
      ]),
    );
    await first.destroy();

    const again = openSqliteKysely(file);
    cleanups.push(() => again.destroy());
    expect(await migrateToLatest(again)).toEqual([]);
    const { rows } = await sql<{ name: string }>`select name from ${sql.table(migrationTable)}`.execute(
      again,
    );
    expect(rows.map((r) => r.name)).toEqual(Object.keys(sqliteMigrations));
  });

  it('leaves no half-built schema when a migration fails, and names it', async () => {
    const db = openSqliteKysely(':memory:');
    cleanups.push(() => db.destroy());
    const broken: typeof sqliteMigrations = {
      '0001-good': { up: async (trx) => void (await sql`create table good (id integer)`.execute(trx)) },
      '0002-bad': {
        up: async (trx) => {
          await sql`create table half (id integer)`.execute(trx);
          await sql`create table half (id integer)`.execute(trx);
        },
      },
    };
    await expect(migrateToLatest(db, broken)).rejects.toThrow(/0002-bad failed: .*already exists/);
    const tables = await tablesOf(db);
    expect(tables).not.toContain('good');
    expect(tables).not.toContain('half');
  });

  it('upgrades a database made by 0001 alone, keeping its content and giving it the new defaults', async () => {
    const file = tempFile();
    const old = openSqliteKysely(file);
    expect(await migrateToLatest(old, { '0001-initial-schema': initialSchema })).toEqual([
      '0001-initial-schema',
    ]);
    const id = '0b6a5a52-4a0e-4a8e-9d59-6c3f0f1c7aff';
    for (const statement of [
      `insert into sections (slug, name, sort_order) values ('world', 'World', 0)`,
      `insert into tags (slug, name, type) values ('harbours', 'Harbours', 'topic')`,
      `insert into authors (slug, name) values ('al', 'Al')`,
      `insert into articles (id, slug, headline, standfirst, body, body_text, status, created_at, updated_at,
         published_at, version, section_slug, sources, corrections, language, word_count, reading_time_minutes)
       values ('${id}', 'old-story', 'Old harbour story', null,
         '[{"type":"paragraph","text":"The lighthouse keeper waved."}]', 'The lighthouse keeper waved.',
         'published', '2024-01-01T10:00:00.000Z', '2024-01-01T10:00:00.000Z', '2024-01-01T10:00:00.000Z',
         3, 'world', '[]', '[]', 'en', 4, 1)`,
      `insert into article_tags (article_id, position, tag_slug) values ('${id}', 0, 'harbours')`,
      `insert into article_authors (article_id, position, author_slug) values ('${id}', 0, 'al')`,
      `insert into api_tokens (id, name, role, author_slug, token_hash, created_at)
       values ('2b6a5a52-4a0e-4a8e-9d59-6c3f0f1c7a00', 'Old desk', 'editor', 'al', '${'0'.repeat(64)}', '2024-01-01T09:00:00.000Z')`,
      `insert into comments (id, article_id, display_name, body, status, created_at)
       values ('1b6a5a52-4a0e-4a8e-9d59-6c3f0f1c7a00', '${id}', 'R', 'Nice', 'approved', '2024-01-02T00:00:00.000Z')`,
    ]) {
      await sql.raw(statement).execute(old);
    }
    await old.destroy();

    const db = openSqliteKysely(file);
    // Every migration after 0001, in order (the index is held to the files by migrations.test.ts).
    expect(await migrateToLatest(db)).toEqual(Object.keys(sqliteMigrations).slice(1));
    const store = sqliteStoreOf(db);
    cleanups.push(() => store.close());
    const article = await store.articles.bySlug('old-story');
    expect(article).toMatchObject({
      id,
      version: 3,
      section: { slug: 'world' },
      tags: [{ slug: 'harbours' }],
      authors: [{ slug: 'al' }],
      relatedSlugs: [],
      commentPolicy: 'moderated',
      reviewRequestedAt: null,
    });
    expect((await store.articles.search({ q: 'lighthouse', limit: 5 })).items.map((a) => a.id)).toEqual([id]);
    expect((await store.comments.list(id, { order: 'oldest', limit: 5 })).items.map((c) => c.body)).toEqual([
      'Nice',
    ]);
    expect((await store.tags.bySlug('harbours'))?.articleCount).toBe(1);

    // Its first tracked change saves the state it had before, then the change.
    const renamed = await store.articles.update({ id, version: 3, slug: 'renamed-story' });
    expect((await store.articles.revisions(id, { limit: 5 })).items.map((r) => [r.version, r.kind])).toEqual([
      [4, 'updated'],
      [3, 'created'],
    ]);
    expect(await store.redirects.lookup('article', 'old-story')).toBe('renamed-story');
    expect(renamed.slug).toBe('renamed-story');
    // CHECK constraints came with the new columns.
    await expect(sql`update articles set comment_policy = 'anything'`.execute(db)).rejects.toThrow(/CHECK/);
    // A token from before 0009 never expires and was never seen used.
    expect((await store.tokens.list({ limit: 5 })).items).toEqual([
      expect.objectContaining({ name: 'Old desk', expiresAt: null, lastUsedAt: null, revokedAt: null }),
    ]);
    // The old article was never imported; importing other copy works beside it.
    expect(await store.imports.byArticleId(id)).toBeNull();
    // An article from before preview links can be shared as one.
    const link = await store.previews.create(id, {
      expiresAt: new Date(Date.now() + 3_600_000),
      purpose: 'share',
      actor: { personId: null, name: 'Desk' },
    });
    expect((await store.previews.resolve(link.secret))?.articleId).toBe(id);
  });

  it('records imports in article_imports: unique identities, gone with their article', async () => {
    const db = openSqliteKysely(':memory:');
    await migrateToLatest(db);
    const store = sqliteStoreOf(db);
    cleanups.push(() => store.close());
    const hash = 'a'.repeat(64);
    const article = (await store.imports.importDraft({ contentHash: hash, headline: 'One', body: [] }))
      .article;
    const other = await store.articles.create({ headline: 'Two', body: [] });
    const row = (articleId: string, sourceId: string | null) =>
      sql`insert into article_imports (article_id, source_id, content_hash, imported_version, imported_at)
          values (${articleId}, ${sourceId}, ${hash}, 1, '2025-01-01T00:00:00.000Z')`.execute(db);
    await sql`update article_imports set source_id = 'urn:x'`.execute(db);
    await expect(row(other.id, 'urn:x')).rejects.toThrow(/UNIQUE/);
    await expect(row(other.id, null)).resolves.toBeDefined();
    await expect(
      sql`update article_imports set content_hash = 'short' where article_id = ${other.id}`.execute(db),
    ).rejects.toThrow(/CHECK/);
    await store.articles.delete(article.id, article.version);
    const { rows } = await sql<{ article_id: string }>`select article_id from article_imports`.execute(db);
    expect(rows.map((r) => r.article_id)).toEqual([other.id]);
  });
});
