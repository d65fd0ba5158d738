import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, migrationTable } from './migrate.js';
import { sqliteMigrations } from './migrations/index.js';
import { openSqliteKysely } from './sqlite-store.js';

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
});
