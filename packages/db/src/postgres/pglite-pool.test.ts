import { Kysely, PostgresDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createPGlite } from './create-pglite.js';
import { commandOf, PGlitePool } from './pglite-pool.js';

interface Db {
  items: { id: number; name: string };
}

const open: Kysely<Db>[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy();
});

function kyselyOf(pool: PGlitePool): Kysely<Db> {
  const db = new Kysely<Db>({ dialect: new PostgresDialect({ pool }) });
  open.push(db);
  return db;
}

describe('PGlitePool', () => {
  it('runs queries through Kysely with parameters, row counts and returning', async () => {
    const db = kyselyOf(new PGlitePool(createPGlite(), { owned: true }));
    await sql`create table items (id integer primary key, name text not null)`.execute(db);
    const inserted = await db
      .insertInto('items')
      .values([
        { id: 1, name: 'a' },
        { id: 2, name: "b'); drop table items; --" },
      ])
      .executeTakeFirst();
    expect(inserted.numInsertedOrUpdatedRows).toBe(2n);
    const updated = await db.updateTable('items').set({ name: 'c' }).where('id', '=', 1).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    const none = await db.deleteFrom('items').where('id', '=', 9).executeTakeFirst();
    expect(none.numDeletedRows).toBe(0n);
    const returned = await db.deleteFrom('items').where('id', '=', 2).returning('name').execute();
    expect(returned).toEqual([{ name: "b'); drop table items; --" }]);
    expect(await db.selectFrom('items').selectAll().execute()).toEqual([{ id: 1, name: 'c' }]);
  });

  it('lends its one connection to one transaction at a time, and rolls back on error', async () => {
    const db = kyselyOf(new PGlitePool(createPGlite(), { owned: true }));
    await sql`create table items (id integer primary key, name text not null)`.execute(db);
    const order: string[] = [];
    const first = db.transaction().execute(async (trx) => {
      order.push('first:start');
      await trx.insertInto('items').values({ id: 1, name: 'a' }).execute();
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('first:end');
    });
    const second = db.transaction().execute(async (trx) => {
      order.push('second:start');
      await trx.insertInto('items').values({ id: 2, name: 'b' }).execute();
    });
    await Promise.all([first, second]);
    expect(order).toEqual(['first:start', 'first:end', 'second:start']);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 3, name: 'c' }).execute();
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    const ids = await db.selectFrom('items').select('id').orderBy('id').execute();
    expect(ids.map((row) => row.id)).toEqual([1, 2]);
  });

  it('closes PGlite on end only when it owns it', async () => {
    const shared = createPGlite();
    const borrowing = kyselyOf(new PGlitePool(shared));
    await sql`select 1`.execute(borrowing);
    await borrowing.destroy();
    expect(shared.closed).toBe(false);
    await shared.close();
    const owned = createPGlite();
    const owning = kyselyOf(new PGlitePool(owned, { owned: true }));
    await sql`select 1`.execute(owning);
    await owning.destroy();
    expect(owned.closed).toBe(true);
  });
});

describe('commandOf', () => {
  it('names the statement as pg does, data-modifying CTEs by their main statement', () => {
    expect(commandOf('insert into t values (1)')).toBe('INSERT');
    expect(commandOf('  update t set a = 1')).toBe('UPDATE');
    expect(commandOf('select 1')).toBe('SELECT');
    expect(commandOf('with x as (select 1) delete from t where a in (select * from x)')).toBe('DELETE');
  });
});
