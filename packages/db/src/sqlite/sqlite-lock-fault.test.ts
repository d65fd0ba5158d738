import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../errors.js';
import type { Store } from '../store.js';
import { draftInput, givenTaxonomy } from '../testing/contract-fixtures.js';
import { openSqliteStore } from './sqlite-store.js';

// Another process (a CLI import, a migration, a tool an operator opened) holding the write
// lock on the file the Store uses. A second connection in this process locks the file exactly
// as another process would: SQLite keeps its own lock table per file for that reason.
let dir: string;
let file: string;
let store: Store;
let holder: DatabaseSync;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsroom-lock-'));
  file = join(dir, 'newsroom.db');
  // A short wait keeps the test quick; the default (5 s) behaves the same, only slower.
  store = await openSqliteStore(file, { busyTimeoutMs: 200 });
  await givenTaxonomy(store);
  await store.articles.create(draftInput({ slug: 'already-there', headline: 'Already there' }));
  holder = new DatabaseSync(file);
  holder.exec('begin exclusive');
});
afterEach(async () => {
  if (holder.isOpen) holder.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a SQLite Store whose file another connection holds the write lock of', () => {
  it('refuses a write with StoreUnavailableError("busy") after the busy timeout, with no SQL in the message', async () => {
    const refused = await store.articles
      .create(draftInput({ slug: 'held-back', headline: 'Held back', tagSlugs: ['climate'] }))
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(StoreUnavailableError);
    const error = refused as StoreUnavailableError;
    expect(error.reason).toBe('busy');
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.message).toMatch(/^The database is busy/);
    expect(error.message).not.toMatch(/sqlite|insert|begin|newsroom\.db/i);
    // The operator's log gets SQLite's own words through the cause.
    expect((error.cause as { errcode?: number }).errcode).toBe(5);
  });

  it('keeps answering reads: in WAL mode a writer never blocks readers', async () => {
    expect(await store.articleCount()).toBe(1);
    expect((await store.articles.bySlug('already-there', { status: 'any' }))?.headline).toBe('Already there');
    expect(await store.ping()).toBe(true);
  });

  it('takes writes again once the lock is released, and the refused write left nothing behind', async () => {
    await expect(store.articles.create(draftInput({ slug: 'held-back' }))).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    holder.exec('rollback');
    expect(await store.articles.bySlug('held-back', { status: 'any' })).toBeNull();

    const created = await store.articles.create(draftInput({ slug: 'held-back', tagSlugs: ['climate'] }));
    expect(created.slug).toBe('held-back');
    expect(created.tags.map((tag) => tag.slug)).toEqual(['climate']);
    expect(await store.articleCount()).toBe(2);
  });

  it('refuses an edit to an existing article and leaves the article as it was', async () => {
    const before = await store.articles.bySlug('already-there', { status: 'any' });
    if (!before) throw new Error('the article made in beforeEach is missing');
    await expect(
      store.articles.update({
        id: before.id,
        version: before.version,
        minor: false,
        headline: 'Rewritten',
        tagSlugs: ['lisbon'],
      }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    holder.exec('rollback');
    expect(await store.articles.bySlug('already-there', { status: 'any' })).toEqual(before);
  });
});
