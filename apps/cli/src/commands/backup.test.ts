import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@newsroom/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../testing/run-captured.js';

let dir: string;
let env: Record<string, string>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsroom-backup-'));
  env = { DATABASE_URL: `file:${join(dir, 'newsroom.db')}`, INIT_CWD: dir };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCaptured(argv, env);

describe('newsroom backup', () => {
  it('copies the database into a new file that opens with every article', async () => {
    expect((await cli('seed', '--count', '20')).code).toBe(0);
    const result = await cli('backup', 'backups/copy.db');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /^Backed up 23 articles to .*backups\/copy\.db \(.* MB, integrity checked\)\.$/,
    );

    const copy = await openStore(`file:${join(dir, 'backups', 'copy.db')}`);
    const count = await copy.articleCount();
    const sample = await copy.articles.bySlug(
      'despite-frustration-rubio-discusses-a-new-approach-to-the-ukrainian-peace-talks',
    );
    await copy.close();
    expect(count).toBe(23);
    expect(sample?.sources.map((s) => s.name)).toEqual(['AP']);
  });

  it('never overwrites a file', async () => {
    await cli('seed', '--count', '1');
    writeFileSync(join(dir, 'taken.db'), 'precious');
    const result = await cli('backup', 'taken.db');
    expect(result.code).toBe(1);
    expect(result.err).toContain('already exists');
  });

  it('needs exactly one file name', async () => {
    expect((await cli('backup')).code).toBe(2);
    expect((await cli('backup', 'a.db', 'b.db')).code).toBe(2);
  });
});
