import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateArticleInputSchema } from '@newsroom/domain';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createKyselyStore } from '../kysely/kysely-store.js';
import { migrateToLatest } from './migrate.js';
import { openSqliteKysely, openSqliteStore } from './sqlite-store.js';

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

  it('keeps the full-text index in step with article writes', async () => {
    const db = openSqliteKysely(':memory:');
    await migrateToLatest(db);
    const store = createKyselyStore(db);
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
});
