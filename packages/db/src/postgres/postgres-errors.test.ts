import { describe, expect, it } from 'vitest';
import { SlugTakenError, StoreError } from '../errors.js';
import { migrateToLatest } from '../sqlite/migrate.js';
import { createPGlite } from './create-pglite.js';
import { postgresMigrations } from './migrations/index.js';
import { PGlitePool } from './pglite-pool.js';
import { storeErrorOf } from './postgres-errors.js';
import { postgresKyselyOf } from './postgres-store.js';

describe('storeErrorOf', () => {
  it('turns a unique violation on a slug into SlugTakenError', () => {
    const error = storeErrorOf({
      code: '23505',
      constraint: 'articles_slug_key',
      detail: 'Key (slug)=(harbour-reopens) already exists.',
    });
    expect(error).toBeInstanceOf(SlugTakenError);
    expect((error as SlugTakenError).slug).toBe('harbour-reopens');
  });

  it('turns other unique violations into a StoreError that names the column, not the value', () => {
    const error = storeErrorOf({ code: '23505', detail: 'Key (token_hash)=(secret) already exists.' });
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toContain('token_hash');
    expect((error as Error).message).not.toContain('secret');
  });

  it('leaves every other error as it is', () => {
    const error = Object.assign(new Error('boom'), { code: '23503' });
    expect(storeErrorOf(error)).toBe(error);
  });
});

describe('unique violations through the Store’s Kysely', () => {
  it('reach the caller as SlugTakenError', async () => {
    const db = postgresKyselyOf(new PGlitePool(createPGlite(), { owned: true }));
    try {
      await migrateToLatest(db, postgresMigrations);
      const section = { slug: 'world', name: 'World', description: null, sort_order: 0 };
      await db.insertInto('sections').values(section).execute();
      const error = await db
        .insertInto('sections')
        .values(section)
        .execute()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SlugTakenError);
      expect((error as SlugTakenError).slug).toBe('world');
    } finally {
      await db.destroy();
    }
  });
});
