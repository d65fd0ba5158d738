import { type Kysely, sql } from 'kysely';
import type { Database } from '../kysely/database.js';
import { batchRowsOf, type CopiedTable, copiedTables } from './copied-tables.js';
import { type CopyEndpoint, openCopyEndpoint } from './copy-endpoint.js';
import { CopyError } from './copy-error.js';
import { assertSourceExists, type CopyTarget, copyLocationOf, isSameDatabase } from './copy-location.js';
import { assertKnownSchema } from './known-schema.js';
import { tableChecksum } from './table-checksum.js';
import { insertRows, rowBatches, rowCount } from './table-rows.js';

export interface CopyOptions {
  /** Rows per read and per INSERT (fewer for wide tables, under SQLite's bound-parameter limit); default 500. */
  batchSize?: number;
  /** Called after every batch copied, and as each table's verification starts. */
  onProgress?: (progress: CopyProgress) => void;
}

export interface CopyProgress {
  phase: 'copying' | 'verifying';
  table: string;
  /** Rows of this table copied so far (0 while verifying). */
  rows: number;
  /** Rows of this table in the source. */
  totalRows: number;
}

export interface CopiedTableReport {
  table: string;
  /** Rows in the destination, the same as in the source. */
  rows: number;
  /** SHA-256 (hex) of the table's rows in primary-key order, the same on both sides. */
  checksum: string;
}

export interface CopyReport {
  source: 'sqlite' | 'postgres';
  destination: 'sqlite' | 'postgres';
  /** In the order they were copied (parents before children). */
  tables: CopiedTableReport[];
  /** Rows copied, all tables together. */
  rows: number;
  milliseconds: number;
}

const defaultBatchSize = 500;
/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER; PostgreSQL allows 65,535. */
const maxBoundParameters = 32_766;

/**
 * Copies a whole newsroom from one database to another of either backend (SQLite to
 * PostgreSQL is the move it exists for) and proves the copy: every content table
 * (copiedTables) row by row, in batches, in one destination transaction, then, before that
 * transaction commits, each table's row count and checksum read back from each side. Both sides
 * are migrated to the latest schema first, as openStore would. Refuses the same database
 * twice, a destination that holds any content, and a schema with tables or columns the copy
 * does not know (CopyError). Any failure, a mismatch included, rolls the destination back to
 * empty; nothing is ever deleted.
 *
 * The source is read inside one read-only transaction, so a source that stays in use (the API
 * writing on) is copied and checked as one consistent snapshot.
 */
export async function copyNewsroom(
  from: CopyTarget,
  to: CopyTarget,
  options: CopyOptions = {},
): Promise<CopyReport> {
  const started = performance.now();
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? defaultBatchSize));
  const progress = options.onProgress ?? (() => {});
  const sourceLocation = copyLocationOf(from, 'source');
  const destinationLocation = copyLocationOf(to, 'destination');
  if (isSameDatabase(sourceLocation, destinationLocation)) {
    throw new CopyError(
      `the source and the destination are the same database (${sourceLocation.description})`,
    );
  }
  assertSourceExists(sourceLocation);

  const source = await openCopyEndpoint(sourceLocation, 'source');
  try {
    const destination = await openCopyEndpoint(destinationLocation, 'destination');
    try {
      await assertKnownSchema(source);
      await assertKnownSchema(destination);
      const tables = await inReadSnapshot(source, (sourceDb) =>
        destination.db.transaction().execute(async (destinationDb) => {
          await assertEmpty(destinationDb, destination.description);
          const copied = new Map<string, number>();
          for (const table of copiedTables) {
            copied.set(table.name, await copyTable(sourceDb, destinationDb, table, batchSize, progress));
          }
          return verifiedTables(sourceDb, destinationDb, copied, batchSize, progress);
        }),
      );
      if (destination.backend === 'postgres') {
        // Fresh tables have no planner statistics until autovacuum comes by; the list and
        // search plans depend on them.
        await sql`analyze ${sql.join(copiedTables.map((table) => sql.table(table.name)))}`.execute(
          destination.db,
        );
      }
      return {
        source: source.backend,
        destination: destination.backend,
        tables,
        rows: tables.reduce((sum, table) => sum + table.rows, 0),
        milliseconds: Math.round(performance.now() - started),
      };
    } finally {
      await destination.close();
    }
  } finally {
    await source.close();
  }
}

async function copyTable(
  source: Kysely<Database>,
  destination: Kysely<Database>,
  table: CopiedTable,
  batchSize: number,
  progress: (progress: CopyProgress) => void,
): Promise<number> {
  const size = batchRowsOf(table, Math.min(batchSize, Math.floor(maxBoundParameters / table.columns.length)));
  const totalRows = await rowCount(source, table.name);
  let rows = 0;
  progress({ phase: 'copying', table: table.name, rows, totalRows });
  for (const where of table.copyPasses ?? [undefined]) {
    const order = table.copyOrder ?? table.key;
    const batches = rowBatches(source, table.name, { columns: table.columns, order, where, batchSize: size });
    for await (const batch of batches) {
      try {
        await insertRows(destination, table.name, table.columns, batch);
      } catch (error) {
        // The database's own words seldom say where: name the table and the batch's keys.
        throw new Error(
          `cannot write ${table.name} ${keysOf(table, batch)} into the destination, so nothing was kept: ` +
            (error as Error).message,
          { cause: error },
        );
      }
      rows += batch.length;
      progress({ phase: 'copying', table: table.name, rows, totalRows });
    }
  }
  return rows;
}

/**
 * Counts and checksums of every table, read from each side on its own; throws CopyError
 * naming every table that differs (the caller's transaction then rolls back).
 */
async function verifiedTables(
  source: Kysely<Database>,
  destination: Kysely<Database>,
  copied: ReadonlyMap<string, number>,
  batchSize: number,
  progress: (progress: CopyProgress) => void,
): Promise<CopiedTableReport[]> {
  const reports: CopiedTableReport[] = [];
  const mismatches: string[] = [];
  for (const table of copiedTables) {
    const sourceRows = await rowCount(source, table.name);
    progress({ phase: 'verifying', table: table.name, rows: 0, totalRows: sourceRows });
    const destinationRows = await rowCount(destination, table.name);
    const [sourceSum, destinationSum] = await Promise.all([
      tableChecksum(source, table, batchSize),
      tableChecksum(destination, table, batchSize),
    ]);
    const copiedRows = copied.get(table.name) ?? 0;
    if (sourceRows !== destinationRows || sourceSum.rows !== destinationSum.rows) {
      mismatches.push(
        `${table.name} has ${sourceRows.toLocaleString('en')} rows in the source and ` +
          `${destinationRows.toLocaleString('en')} in the destination`,
      );
    } else if (copiedRows !== sourceRows) {
      mismatches.push(
        `${copiedRows.toLocaleString('en')} of ${table.name}'s ${sourceRows.toLocaleString('en')} rows were copied`,
      );
    } else if (sourceSum.checksum !== destinationSum.checksum) {
      mismatches.push(
        `${table.name}'s rows differ (sha256 ${short(sourceSum.checksum)} ≠ ${short(destinationSum.checksum)})`,
      );
    }
    reports.push({ table: table.name, rows: destinationRows, checksum: destinationSum.checksum });
  }
  if (mismatches.length > 0) {
    throw new CopyError(`the copy did not match its source and was rolled back: ${mismatches.join('; ')}`);
  }
  return reports;
}

/** Checked inside the copy's transaction, so nothing can be written between the check and the copy. */
async function assertEmpty(db: Kysely<Database>, description: string): Promise<void> {
  const found: string[] = [];
  for (const table of copiedTables) {
    const rows = await rowCount(db, table.name);
    if (rows > 0) found.push(`${rows.toLocaleString('en')} ${rows === 1 ? 'row' : 'rows'} in ${table.name}`);
  }
  if (found.length > 0) {
    throw new CopyError(
      `the destination (${description}) already holds content: ${found.join(', ')}; ` +
        'copy only into an empty database (nothing was changed)',
    );
  }
}

/**
 * Runs `work` on one connection of the source inside a read-only transaction: one snapshot for
 * the copy and its checks. Kysely's transaction() cannot be used: on SQLite the Store's driver
 * starts every transaction with BEGIN IMMEDIATE, which would hold the writers' lock (and stop
 * the API's writes) for the whole copy, where a plain BEGIN only reads.
 */
async function inReadSnapshot<T>(
  source: CopyEndpoint,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return source.db.connection().execute(async (db) => {
    await sql
      .raw(source.backend === 'postgres' ? 'begin isolation level repeatable read read only' : 'begin')
      .execute(db);
    try {
      const result = await work(db);
      await sql.raw('commit').execute(db);
      return result;
    } catch (error) {
      await sql
        .raw('rollback')
        .execute(db)
        .catch(() => {});
      throw error;
    }
  });
}

/** "rows id 0197… to 0198…" for the first and last key of a batch. */
function keysOf(table: CopiedTable, batch: readonly Record<string, unknown>[]): string {
  const keyOf = (row: Record<string, unknown> | undefined) =>
    table.key.map((column) => String(row?.[column])).join('/');
  const first = keyOf(batch[0]);
  const last = keyOf(batch.at(-1));
  return first === last
    ? `row ${table.key.join('/')} ${first}`
    : `rows ${table.key.join('/')} ${first} to ${last}`;
}

function short(checksum: string): string {
  return `${checksum.slice(0, 12)}…`;
}
