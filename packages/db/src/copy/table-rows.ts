import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../kysely/database.js';

export type Row = Record<string, unknown>;

/**
 * The rows of a table ordered by `order` (a unique key), `batchSize` at a time. Each batch is
 * one query that starts after the last row of the one before (keyset pagination), so memory
 * stays bounded by one batch whatever the table's size and every query walks the key's index.
 */
export async function* rowBatches(
  db: Kysely<Database>,
  table: string,
  options: {
    columns: readonly string[];
    order: readonly string[];
    where?: RawBuilder<unknown>;
    batchSize: number;
  },
): AsyncGenerator<Row[]> {
  const { order, batchSize } = options;
  const columns = [...new Set([...options.columns, ...order])];
  const orderBy = sql.join(order.map((column) => sql.ref(column)));
  let after: unknown[] | undefined;
  for (;;) {
    const conditions = [
      ...(options.where ? [options.where] : []),
      ...(after ? [sql`(${orderBy}) > (${sql.join(after)})`] : []),
    ];
    const where = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
    const { rows } = await sql<Row>`select ${sql.join(columns.map((column) => sql.ref(column)))}
      from ${sql.table(table)} ${where} order by ${orderBy} limit ${batchSize}`.execute(db);
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = order.map((column) => last[column]);
  }
}

/** Writes rows in one multi-row INSERT, naming the columns (generated ones are left out). */
export async function insertRows(
  db: Kysely<Database>,
  table: string,
  columns: readonly string[],
  rows: readonly Row[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((row) => sql`(${sql.join(columns.map((column) => row[column]))})`);
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))})
    values ${sql.join(values)}`.execute(db);
}

/** `select count(*)`, as a number whichever way the driver returns it. */
export async function rowCount(db: Kysely<Database>, table: string): Promise<number> {
  const { rows } = await sql<{ count: number | bigint | string }>`select count(*) as count
    from ${sql.table(table)}`.execute(db);
  return Number(rows[0]?.count ?? 0);
}
