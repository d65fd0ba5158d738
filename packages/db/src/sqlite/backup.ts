import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { InvalidInputError } from '../errors.js';

/**
 * A consistent copy of a SQLite database in one file, taken with `VACUUM INTO` while other
 * connections keep reading and writing (WAL), then opened and checked with
 * `pragma integrity_check` before it is called a backup. Refuses to overwrite a file.
 */
export function backupSqliteDatabase(sourcePath: string, targetPath: string): { bytes: number } {
  if (sourcePath === ':memory:') throw new InvalidInputError('an in-memory database has nothing to back up');
  if (!existsSync(sourcePath)) throw new InvalidInputError(`no database at ${sourcePath}`);
  if (existsSync(targetPath)) throw new InvalidInputError(`${targetPath} already exists; choose a new file`);
  mkdirSync(dirname(targetPath), { recursive: true });
  const source = new DatabaseSync(sourcePath, { readOnly: true });
  try {
    source.prepare('vacuum into ?').run(targetPath);
  } finally {
    source.close();
  }
  const copy = new DatabaseSync(targetPath, { readOnly: true });
  try {
    const result = copy.prepare('pragma integrity_check').get() as { integrity_check?: string } | undefined;
    if (result?.integrity_check !== 'ok') {
      throw new InvalidInputError(`the backup at ${targetPath} failed its integrity check`);
    }
  } finally {
    copy.close();
  }
  return { bytes: statSync(targetPath).size };
}
