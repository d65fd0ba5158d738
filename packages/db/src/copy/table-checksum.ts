import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../kysely/database.js';
import { batchRowsOf, type CopiedTable } from './copied-tables.js';
import { type Row, rowBatches } from './table-rows.js';

export interface TableChecksum {
  rows: number;
  /** SHA-256, hex, over the canonical rows in primary-key order. */
  checksum: string;
}

/**
 * Reads a table back in primary-key order and hashes every copied column of every row, so two
 * databases of either backend can be compared without trusting what the copy believes it
 * wrote. Text keys sort by bytes on both backends (SQLite's BINARY, PostgreSQL's "C"), so the
 * order, and so the checksum, is the same for the same rows.
 */
export async function tableChecksum(
  db: Kysely<Database>,
  table: CopiedTable,
  batchSize: number,
): Promise<TableChecksum> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const batch of rowBatches(db, table.name, {
    columns: table.columns,
    order: table.key,
    batchSize: batchRowsOf(table, batchSize),
  })) {
    for (const row of batch) hash.update(`${canonicalRow(table.name, table.columns, row)}\n`);
    rows += batch.length;
  }
  return { rows, checksum: hash.digest('hex') };
}

/**
 * One row as a JSON array of its columns' values in a fixed order. Both backends store only
 * text, integers, bytes and nulls in these tables; an integer is the same number whether the
 * driver gave a number or a bigint, bytes stand as their SHA-256 (a Buffer from pg, a
 * Uint8Array from SQLite and PGlite), and anything else is an error rather than a guess.
 */
export function canonicalRow(table: string, columns: readonly string[], row: Row): string {
  return JSON.stringify(
    columns.map((column) => {
      const value = row[column];
      if (value === null || typeof value === 'string') return value;
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
      if (typeof value === 'bigint' && Number.isSafeInteger(Number(value))) return Number(value);
      if (value instanceof Uint8Array) return { sha256: createHash('sha256').update(value).digest('hex') };
      const kind = value === undefined ? 'no value' : `a value of type ${typeof value}`;
      throw new Error(`${table}.${column} has ${kind}, not text, an integer, bytes or null`);
    }),
  );
}
