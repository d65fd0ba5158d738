import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { draftInput } from '../testing/contract-fixtures.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'newsroom-notices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function eventually(condition: () => boolean, ms = 5_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
}

describe('change notices between processes on one SQLite file', () => {
  it('reach a Store on the same file within moments of another one’s write, and only then', async () => {
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
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(notices).toBe(1);

      await cli.articles.create(draftInput({ slug: 'imported-beside-the-api' }));
      expect(await eventually(() => notices === 2)).toBe(true);
    } finally {
      await cli.close();
      await api.close();
    }
  });
});
