import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeStoreContract } from '../testing/store-contract.js';
import { openSqliteStore } from './sqlite-store.js';

describeStoreContract('SQLite in memory', () => openSqliteStore(':memory:'), { sessions: 'one session' });

const dir = mkdtempSync(join(tmpdir(), 'newsroom-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
describeStoreContract('SQLite file', () => openSqliteStore(join(dir, `store-${++files}.db`)), {
  sessions: 'one session',
});
