import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { postgresMigrations } from './postgres/migrations/index.js';
import { sqliteMigrations } from './sqlite/migrations/index.js';

/** The migration files in a directory beside this one, by name without the extension. */
function migrationFilesIn(directory: string): string[] {
  return readdirSync(new URL(`${directory}/`, import.meta.url))
    .filter((file) => /^\d{4}-[a-z0-9-]+\.ts$/.test(file))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
}

// Both backends record applied migrations by name in schema_migration, and `newsroom copy`
// moves a newsroom between them: a migration missing from one, or under another name, would
// leave the two schemas apart without any error.
describe('the migrations of SQLite and PostgreSQL', () => {
  it('are the same list, under the same names, in the same order', () => {
    expect(Object.keys(postgresMigrations)).toEqual(Object.keys(sqliteMigrations));
  });

  it('are numbered one after another, listed in the order the Migrator applies them (by name)', () => {
    const names = Object.keys(sqliteMigrations);
    expect(names).toEqual([...names].sort());
    expect(names.map((name) => Number(name.slice(0, 4)))).toEqual(names.map((_, index) => index + 1));
  });

  it('list every migration file there is, so none is written and left out', () => {
    expect(migrationFilesIn('sqlite/migrations')).toEqual(Object.keys(sqliteMigrations));
    expect(migrationFilesIn('postgres/migrations')).toEqual(Object.keys(postgresMigrations));
  });
});
