import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { kyselyDatabaseOf, statementCacheSize } from './node-sqlite-adapter.js';
import { NodeSqliteDialect } from './node-sqlite-dialect.js';

interface TestDb {
  notes: { id: number; text: string; done: number };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function memoryKysely(): Kysely<TestDb> {
  const db = new Kysely<TestDb>({ dialect: new NodeSqliteDialect(new DatabaseSync(':memory:')) });
  cleanups.push(() => db.destroy());
  return db;
}

async function withNotes(db: Kysely<TestDb>) {
  await sql`create table notes (id integer primary key, text text not null, done integer not null)`.execute(
    db,
  );
  await db
    .insertInto('notes')
    .values([
      { id: 1, text: 'first', done: 0 },
      { id: 2, text: 'second', done: 1 },
    ])
    .execute();
}

describe('node:sqlite behind Kysely', () => {
  it('returns the rows of a SELECT (a statement without `reader` would silently return none)', async () => {
    const db = memoryKysely();
    await withNotes(db);
    const rows = await db.selectFrom('notes').select(['id', 'text']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 1, text: 'first' },
      { id: 2, text: 'second' },
    ]);
  });

  it('proves the point: the raw StatementSync has no reader flag, the adapter computes one', () => {
    const raw = new DatabaseSync(':memory:');
    cleanups.push(() => raw.close());
    raw.exec('create table t (x integer)');
    expect((raw.prepare('select 1') as unknown as { reader?: boolean }).reader).toBeUndefined();
    const adapted = kyselyDatabaseOf(raw);
    expect(adapted.prepare('select x from t').reader).toBe(true);
    expect(adapted.prepare('pragma user_version').reader).toBe(true);
    expect(adapted.prepare('insert into t (x) values (?) returning x').reader).toBe(true);
    expect(adapted.prepare('insert into t (x) values (?)').reader).toBe(false);
    expect(adapted.prepare('update t set x = 1').reader).toBe(false);
  });

  it('reports affected rows and insert ids of writes', async () => {
    const db = memoryKysely();
    await withNotes(db);
    const inserted = await db
      .insertInto('notes')
      .values({ id: 7, text: 'third', done: 0 })
      .executeTakeFirst();
    expect(inserted.insertId).toBe(7n);
    const updated = await db.updateTable('notes').set({ done: 1 }).where('done', '=', 0).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
  });

  it('returns rows from INSERT … RETURNING', async () => {
    const db = memoryKysely();
    await withNotes(db);
    const row = await db
      .insertInto('notes')
      .values({ id: 3, text: 'x', done: 0 })
      .returning(['id', 'text'])
      .executeTakeFirst();
    expect(row).toEqual({ id: 3, text: 'x' });
  });

  it('binds booleans as 1 and 0', async () => {
    const db = memoryKysely();
    await withNotes(db);
    const done = await db
      .selectFrom('notes')
      .select('id')
      .where('done', '=', true as unknown as number)
      .execute();
    expect(done).toEqual([{ id: 2 }]);
  });

  it('refuses undefined and objects with a message that says what to do', async () => {
    const db = memoryKysely();
    await withNotes(db);
    await expect(sql`select ${undefined} as x`.execute(db)).rejects.toThrow(/parameter 1 of type undefined/);
    await expect(sql`select ${{ a: 1 }} as x`.execute(db)).rejects.toThrow(/JSON\.stringify/);
  });

  it('streams rows through iterate()', async () => {
    const db = memoryKysely();
    await withNotes(db);
    const texts: string[] = [];
    for await (const row of db.selectFrom('notes').select('text').orderBy('id').stream())
      texts.push(row.text);
    expect(texts).toEqual(['first', 'second']);
  });

  it('rolls a failed transaction back', async () => {
    const db = memoryKysely();
    await withNotes(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.deleteFrom('notes').execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await db.selectFrom('notes').select('id').execute()).toHaveLength(2);
  });

  it('takes the write lock when a transaction begins, so another writer waits instead of failing mid-way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsroom-adapter-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'lock.db');
    const db = new Kysely<TestDb>({ dialect: new NodeSqliteDialect(new DatabaseSync(file)) });
    cleanups.push(() => db.destroy());
    await withNotes(db);
    const other = new DatabaseSync(file, { timeout: 0 });
    cleanups.push(() => other.close());

    await db.transaction().execute(async (trx) => {
      // Nothing written yet: a deferred BEGIN would hold no lock, and `other` could start writing.
      await trx.selectFrom('notes').select('id').execute();
      expect(() => other.exec('begin immediate')).toThrow(/locked/);
    });
    other.exec('begin immediate');
    other.exec('rollback');
  });

  it('is needed: Kysely’s stock dialect on node:sqlite without the adapter returns no rows', async () => {
    const raw = new DatabaseSync(':memory:');
    const bare = {
      close: () => raw.close(),
      prepare: (query: string) => {
        const statement = raw.prepare(query);
        return {
          reader: undefined as unknown as boolean,
          all: (parameters: readonly unknown[]) => statement.all(...(parameters as [])),
          run: (parameters: readonly unknown[]) => statement.run(...(parameters as [])),
          iterate: (parameters: readonly unknown[]) => statement.iterate(...(parameters as [])),
        };
      },
    };
    const db = new Kysely<TestDb>({ dialect: new SqliteDialect({ database: bare }) });
    cleanups.push(() => db.destroy());
    await withNotes(db);
    expect(await db.selectFrom('notes').selectAll().execute()).toEqual([]);
  });
});

describe('the prepared-statement cache', () => {
  it('reuses a statement for the same SQL, keeps the most recent ones, and still sees schema changes', async () => {
    const database = new DatabaseSync(':memory:');
    const adapter = kyselyDatabaseOf(database);
    cleanups.push(() => adapter.close());
    database.exec('create table t (a integer)');
    const first = adapter.prepare('select * from t');
    expect(adapter.prepare('select * from t')).toBe(first);
    for (let i = 0; i < statementCacheSize; i++) adapter.prepare(`select ${i} as n`);
    expect(adapter.prepare('select * from t')).not.toBe(first);

    const kept = adapter.prepare('select * from t');
    database.exec('alter table t add column b text');
    database.exec("insert into t values (1, 'one')");
    expect(kept.all([])).toEqual([{ a: 1, b: 'one' }]);
  });
});
