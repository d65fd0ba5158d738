import { sql } from 'kysely';
import { type CopiedTable, copiedTables, isUncopiedTable } from './copied-tables.js';
import type { CopyEndpoint } from './copy-endpoint.js';
import { CopyError } from './copy-error.js';

/**
 * Refuses a database with a table or column that copiedTables does not account for. A
 * migration that adds a column or a content table without teaching the copy about it would
 * otherwise lose that data without a word; the checksums could not tell, since they cover the
 * copied columns only.
 */
export async function assertKnownSchema(endpoint: CopyEndpoint): Promise<void> {
  const problems: string[] = [];
  const copied = new Set(copiedTables.map((table) => table.name));
  const unknown = (await tableNamesOf(endpoint)).filter(
    (name) => !copied.has(name) && !isUncopiedTable(name),
  );
  if (unknown.length > 0) problems.push(`table${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
  for (const table of copiedTables) {
    const columns = await columnNamesOf(endpoint, table.name);
    if (columns.length === 0) {
      problems.push(`no table ${table.name}`);
      continue;
    }
    problems.push(...columnProblems(table, columns));
  }
  if (problems.length > 0) {
    throw new CopyError(
      `the copy does not know the schema of ${endpoint.description}: ${problems.join('; ')} ` +
        '(packages/db/src/copy/copied-tables.ts lists what is copied)',
    );
  }
}

function columnProblems(table: CopiedTable, columns: readonly string[]): string[] {
  const known = new Set([...table.columns, ...table.generated]);
  const unknown = columns
    .filter((column) => !known.has(column))
    .map((column) => `column ${table.name}.${column}`);
  const missing = table.columns
    .filter((column) => !columns.includes(column))
    .map((column) => `no column ${table.name}.${column}`);
  return [...unknown, ...missing];
}

async function tableNamesOf({ backend, db }: CopyEndpoint): Promise<string[]> {
  const { rows } =
    backend === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_schema where type = 'table'`.execute(db)
      : await sql<{ name: string }>`select table_name::text as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return rows.map((row) => row.name);
}

/** Every column, generated ones included (table_xinfo, unlike table_info, lists those on SQLite). */
async function columnNamesOf({ backend, db }: CopyEndpoint, table: string): Promise<string[]> {
  const { rows } =
    backend === 'sqlite'
      ? await sql<{ name: string }>`select name from pragma_table_xinfo(${table})`.execute(db)
      : await sql<{ name: string }>`select column_name::text as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table}`.execute(db);
  return rows.map((row) => row.name);
}
