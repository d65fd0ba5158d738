import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@newsroom/db';
import { describeStoreContract } from '@newsroom/db/testing';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { runCaptured } from '../testing/run-captured.js';

// A database that went through `newsroom backup` and `newsroom restore` must be a whole
// Store, not only hold rows: schema, indexes, full-text search and its triggers, foreign keys.
// The Store contract, which every backend passes, runs against copies of one restored file
// (the contract wants an empty Store for each test; a file copy of a closed database is exact).

// The contract's bulk imports take seconds when every package's tests run at once on a busy
// machine; as in packages/db, a generous limit only guards against hangs.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const dir = mkdtempSync(join(tmpdir(), 'newsroom-restore-contract-'));
const restored = join(dir, 'restored', 'newsroom.db');
let opened = 0;

beforeAll(async () => {
  const env = { DATABASE_URL: `file:${join(dir, 'newsroom.db')}`, INIT_CWD: dir };
  expect((await runCaptured(['migrate'], env)).code).toBe(0);
  expect((await runCaptured(['backup', 'backup.db'], env)).code).toBe(0);
  const result = await runCaptured(['restore', 'backup.db'], { ...env, DATABASE_URL: `file:${restored}` });
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract(
  'SQLite, restored by newsroom restore from a newsroom backup',
  async () => {
    opened += 1;
    const file = join(dir, `store-${opened}.db`);
    copyFileSync(restored, file);
    return openStore(`file:${file}`);
  },
  { sessions: 'one session' },
);
