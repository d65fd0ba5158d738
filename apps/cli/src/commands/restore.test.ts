import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openStore } from '@newsroom/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../testing/run-captured.js';

let dir: string;
let env: Record<string, string>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsroom-restore-'));
  env = { DATABASE_URL: `file:${join(dir, 'newsroom.db')}`, INIT_CWD: dir };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCaptured(argv, env);

async function articleCount(path = join(dir, 'newsroom.db')): Promise<number> {
  const store = await openStore(`file:${path}`);
  try {
    return await store.articleCount();
  } finally {
    await store.close();
  }
}

/** The files in the test's directory that a restore would have saved the old database as. */
const savedCopies = () => readdirSync(dir).filter((name) => name.includes('-before-restore-'));

describe('newsroom restore', () => {
  it('puts a backup back in place and saves the database it replaces beside it', async () => {
    await cli('seed', '--count', '5');
    expect((await cli('backup', 'monday.db')).code).toBe(0);
    await cli('seed', '--count', '7');
    const later = await articleCount();

    const result = await cli('restore', 'monday.db');
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(
      /^Restored 8 articles from .*monday\.db into .*newsroom\.db \(integrity checked, schema up to date\)\.$/,
    );
    expect(result.lines[1]).toMatch(
      /^The database it replaced is saved as .*newsroom-before-restore-\d{8}T\d{6}Z\.db\.$/,
    );
    expect(await articleCount()).toBe(8);
    const [saved] = savedCopies();
    expect(await articleCount(join(dir, saved as string))).toBe(later);
  });

  it('restores into a new file when there is no database yet', async () => {
    await cli('seed', '--count', '2');
    await cli('backup', 'copy.db');
    env.DATABASE_URL = `file:${join(dir, 'fresh', 'newsroom.db')}`;
    const result = await cli('restore', 'copy.db');
    expect(result.code).toBe(0);
    expect(result.lines).toHaveLength(1);
    expect(await articleCount(join(dir, 'fresh', 'newsroom.db'))).toBe(5);
  });

  it('refuses while another process (the API) has the database open, and changes nothing', async () => {
    await cli('seed', '--count', '1');
    await cli('backup', 'copy.db');
    await cli('seed', '--count', '3', '--seed', '9');
    const current = await articleCount();
    expect(current).toBeGreaterThan(await articleCount(join(dir, 'copy.db')));
    const api = await openStore(env.DATABASE_URL as string);
    try {
      const result = await cli('restore', 'copy.db');
      expect(result.code).toBe(1);
      expect(result.err).toMatch(
        /^restore: .*newsroom\.db is open in another process .*stop it, then restore$/,
      );
      expect(await api.articleCount()).toBe(current);
    } finally {
      await api.close();
    }
    expect(savedCopies()).toEqual([]);
  });

  it('refuses a damaged backup, a file that is not a database and one from a newer Newsroom, and changes nothing', async () => {
    await cli('seed', '--count', '1');
    await cli('backup', 'damaged.db');
    await cli('backup', 'future.db');
    // Garbage over the third page: a disk or a copy gone wrong.
    const fd = openSync(join(dir, 'damaged.db'), 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 8192);
    closeSync(fd);
    writeFileSync(join(dir, 'notes.db'), 'not a database at all, only words');
    const future = new DatabaseSync(join(dir, 'future.db'));
    future
      .prepare('insert into schema_migration (name, timestamp) values (?, ?)')
      .run('9999-from-the-future', new Date().toISOString());
    future.close();

    for (const [file, reason] of [
      ['damaged.db', /damaged\.db failed its integrity check$/],
      ['notes.db', /notes\.db is not a SQLite database$/],
      [
        'future.db',
        /future\.db comes from a newer Newsroom \(its migration 9999-from-the-future is unknown here\)/,
      ],
      ['missing.db', /no backup at .*missing\.db$/],
    ] as const) {
      const result = await cli('restore', file);
      expect(result.code, file).toBe(1);
      expect(result.err, file).toMatch(reason);
    }
    expect(await articleCount()).toBe(4);
    expect(savedCopies()).toEqual([]);
  });

  it('needs exactly one file name, and an embedded database to restore into', async () => {
    expect((await cli('restore')).code).toBe(2);
    expect((await cli('restore', 'a.db', 'b.db')).code).toBe(2);
    env.DATABASE_URL = 'postgres://newsroom@127.0.0.1:1/newsroom';
    const result = await cli('restore', 'a.db');
    expect(result.code).toBe(1);
    expect(result.err).toContain('pg_restore');
    expect(existsSync(join(dir, 'newsroom.db'))).toBe(false);
  });
});
