import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../errors.js';
import type { Store } from '../store.js';
import { draftInput, givenTaxonomy } from '../testing/contract-fixtures.js';
import { openSqliteStore } from './sqlite-store.js';

// A full disk, rehearsed with PRAGMA max_page_count on the Store's own connection (it holds
// per connection): at the limit SQLite fails with SQLITE_FULL, "database or disk is full",
// the very error a full disk gives, and rolls the transaction back.
let dir: string;
let file: string;
let store: Store;
let connection: DatabaseSync;

function pageCount(): number {
  return Number((connection.prepare('pragma page_count').get() as { page_count: number }).page_count);
}

/** The disk is full from now on: no page may be added to the file. */
function fillDisk() {
  connection.exec(`pragma max_page_count = ${pageCount()}`);
}

function freeSpace() {
  connection.exec('pragma max_page_count = 4294967294');
}

/** Every table's row count, read by a connection of its own, as an operator would check. */
function rowCounts(): Record<string, number> {
  const reader = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = reader
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        Number((reader.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n),
      ]),
    );
  } finally {
    reader.close();
  }
}

/** A story long enough to need pages the file does not have. */
const longStory = draftInput({
  slug: 'long-read',
  headline: 'A long read',
  body: Array.from({ length: 30 }, (_, i) => ({
    type: 'paragraph' as const,
    text: `${i} ${'harbour '.repeat(600)}`,
  })),
  tagSlugs: ['climate', 'lisbon'],
  authorSlugs: ['al', 'bea'],
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsroom-full-'));
  file = join(dir, 'newsroom.db');
  store = await openSqliteStore(file, {
    onConnection: (database) => {
      connection = database;
    },
  });
  await givenTaxonomy(store);
  await store.articles.create(draftInput({ slug: 'already-there', headline: 'Already there' }));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a SQLite Store on a full disk', () => {
  it('refuses a new article with StoreUnavailableError("full") and writes none of its rows', async () => {
    const before = rowCounts();
    fillDisk();
    const refused = await store.articles.create(longStory).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(StoreUnavailableError);
    expect((refused as StoreUnavailableError).reason).toBe('full');
    expect((refused as Error).message).toMatch(/out of disk space/);
    expect((refused as Error).message).not.toMatch(/sqlite|insert|newsroom\.db/i);
    expect(((refused as Error).cause as { errcode?: number }).errcode).toBe(13);
    // No article, block, tag link, byline, revision or search entry of it: every table as before.
    expect(rowCounts()).toEqual(before);
  });

  it('keeps answering reads', async () => {
    fillDisk();
    await expect(store.articles.create(longStory)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect((await store.articles.bySlug('already-there', { status: 'any' }))?.headline).toBe('Already there');
    expect(await store.articleCount()).toBe(1);
    expect(await store.ping()).toBe(true);
  });

  it('refuses an edit that needs room and leaves the article as it was', async () => {
    const article = await store.articles.bySlug('already-there', { status: 'any' });
    if (!article) throw new Error('the article made in beforeEach is missing');
    fillDisk();
    await expect(
      store.articles.update({ id: article.id, version: article.version, minor: false, body: longStory.body }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.articles.bySlug('already-there', { status: 'any' })).toEqual(article);
  });

  it('takes the same write once there is room again, without reopening', async () => {
    fillDisk();
    await expect(store.articles.create(longStory)).rejects.toBeInstanceOf(StoreUnavailableError);
    freeSpace();
    const created = await store.articles.create(longStory);
    expect(created.body).toHaveLength(30);
    expect(created.tags.map((tag) => tag.slug)).toEqual(['climate', 'lisbon']);
    expect(await store.articleCount()).toBe(2);
  });

  it('still closes, so a process shutting down on a full disk does not hang or fail', async () => {
    fillDisk();
    await expect(store.close()).resolves.toBeUndefined();
  });
});
