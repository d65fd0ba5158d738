import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeOnServer, freshServerDatabase } from '@newsroom/db/testing/server-database';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../testing/run-captured.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsroom-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('newsroom migrate', () => {
  it('creates and migrates a new SQLite file, then finds nothing to do', async () => {
    const env = { DATABASE_URL: 'file:data/newsroom.db', INIT_CWD: dir };
    const first = await runCaptured(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.out).toBe('Database is up to date (0 articles).');
    expect(existsSync(join(dir, 'data', 'newsroom.db'))).toBe(true);
    expect((await runCaptured(['seed', '--count', '2'], env)).code).toBe(0);
    expect((await runCaptured(['migrate'], env)).out).toBe('Database is up to date (5 articles).');
  });
});

describeOnServer('newsroom migrate', (serverUrl) => {
  it('creates the schema in an empty database, then finds nothing to do', async () => {
    const env = { DATABASE_URL: await freshServerDatabase(serverUrl, 'newsroom_test_cli_migrate') };
    const first = await runCaptured(['migrate'], env);
    expect(first.err).toBe('');
    expect(first.out).toBe('Database is up to date (0 articles).');
    expect((await runCaptured(['seed', '--count', '2'], env)).code).toBe(0);
    const again = await runCaptured(['migrate'], env);
    expect(again.code).toBe(0);
    expect(again.out).toBe('Database is up to date (5 articles).');
  });
});
