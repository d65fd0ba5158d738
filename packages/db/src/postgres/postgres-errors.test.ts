import { createServer } from 'node:net';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SlugTakenError, StoreError, StoreUnavailableError } from '../errors.js';
import { migrateToLatest } from '../sqlite/migrate.js';
import { createPGlite } from './create-pglite.js';
import { postgresMigrations } from './migrations/index.js';
import { pgPoolOf } from './pg-pool.js';
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

  it('turns a server that is out of connections, starting or stopping into StoreUnavailableError("unreachable")', () => {
    for (const code of ['53300', '57P03', '57P01', '08006']) {
      const error = storeErrorOf({ code, message: 'sorry, too many clients already' });
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).reason).toBe('unreachable');
    }
  });

  it('turns a server whose disk is full (53100) into StoreUnavailableError("full")', () => {
    const error = storeErrorOf({ code: '53100', message: 'could not extend file' });
    expect((error as StoreUnavailableError).reason).toBe('full');
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

/** A port on this machine that nothing listens on. */
async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('a PostgreSQL server that is down', () => {
  it('reaches the caller as StoreUnavailableError("unreachable"), without the password', async () => {
    const pool = await pgPoolOf(
      `postgres://newsroom:s3cret-word@127.0.0.1:${await closedPort()}/newsroom`,
      1,
    );
    const db = postgresKyselyOf(pool);
    try {
      const error = await sql`select 1`.execute(db).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).reason).toBe('unreachable');
      expect((error as Error).message).toBe(
        'The database cannot be reached (ECONNREFUSED). Nothing was done; try again shortly',
      );
      expect(((error as Error).cause as { code?: string }).code).toBe('ECONNREFUSED');
    } finally {
      await db.destroy();
    }
  });
});
