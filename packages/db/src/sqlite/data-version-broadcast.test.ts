import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { draftInput } from '../testing/contract-fixtures.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'newsroom-notices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The poll's clock is Vitest's: each poll runs when the test says a second has passed, so "no
// notice at the next poll" is seen at that poll, not guessed by sleeping past it.
afterEach(() => {
  vi.useRealTimers();
});

/** Lets a second pass: the poll runs, and its query and notice complete. */
const nextPoll = () => vi.advanceTimersByTimeAsync(1_000);

describe('change notices between processes on one SQLite file', () => {
  it('reach a Store on the same file at its next poll after another one’s write, and only then', async () => {
    vi.useFakeTimers({ toFake: ['setInterval'] });
    const file = join(dir, 'shared.db');
    const api = await openSqliteStore(file);
    const cli = await openSqliteStore(file);
    try {
      let notices = 0;
      api.changes.subscribe(() => {
        notices++;
      });
      // The API's own writes are told at once (once), not again by the poll.
      await api.sections.upsert({ slug: 'world', name: 'World', description: null, order: 0 });
      expect(notices).toBe(1);
      await nextPoll();
      await nextPoll();
      expect(notices).toBe(1);

      await cli.articles.create(draftInput({ slug: 'imported-beside-the-api' }));
      expect(notices).toBe(1);
      await nextPoll();
      expect(notices).toBe(2);
    } finally {
      await cli.close();
      await api.close();
    }
  });
});
