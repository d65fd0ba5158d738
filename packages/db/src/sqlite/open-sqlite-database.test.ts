import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from './open-sqlite-database.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('opening a SQLite database', () => {
  it('creates missing directories and turns on WAL, foreign keys and the busy timeout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsroom-open-'));
    dirs.push(dir);
    const file = join(dir, 'nested', 'deeper', 'newsroom.db');
    const db = openSqliteDatabase(file);
    try {
      expect(existsSync(file)).toBe(true);
      expect(db.prepare('pragma journal_mode').get()).toEqual({ journal_mode: 'wal' });
      expect(db.prepare('pragma foreign_keys').get()).toEqual({ foreign_keys: 1 });
      expect(db.prepare('pragma busy_timeout').get()).toEqual({ timeout: 5000 });
      expect(db.prepare('pragma synchronous').get()).toEqual({ synchronous: 1 });
    } finally {
      db.close();
    }
  });

  it('enforces foreign keys', () => {
    const db = openSqliteDatabase(':memory:');
    try {
      db.exec(
        'create table parent (id integer primary key); create table child (parent_id integer references parent (id))',
      );
      expect(() => db.exec('insert into child values (42)')).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });
});
