import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@newsroom/db';
import { describeOnServer, freshServerDatabase } from '@newsroom/db/testing/server-database';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../testing/run-captured.js';

let dir: string;
let env: Record<string, string>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsroom-copy-'));
  // Relative paths count from INIT_CWD; DATABASE_URL names a file copy must never create.
  env = { DATABASE_URL: `file:${join(dir, 'unused.db')}`, INIT_CWD: dir };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCaptured(argv, env);
const tableLine = /^[a-z_]+ +[\d,]+ rows {2}sha256 [0-9a-f]{16}…$/;
const sampleSlug = 'despite-frustration-rubio-discusses-a-new-approach-to-the-ukrainian-peace-talks';

async function seeded(file: string, count: number): Promise<void> {
  const result = await runCaptured(['seed', '--count', String(count)], {
    DATABASE_URL: `file:${join(dir, file)}`,
  });
  expect(result.code).toBe(0);
}

// The content tables the copy knows (packages/db/src/copy/copied-tables.ts): a line each, then the summary.
const tables = 18;

describe('newsroom copy', () => {
  it('copies a SQLite file into a new one, one line per table and a summary', async () => {
    await seeded('newsroom.db', 20);
    const result = await cli('copy', '--from', 'file:newsroom.db', '--to', 'file:copies/newsroom.db');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.lines).toHaveLength(tables + 1);
    expect(result.lines.slice(0, tables).every((line) => tableLine.test(line))).toBe(true);
    expect(result.lines[3]).toMatch(/^articles +23 rows {2}sha256 /);
    expect(result.lines[tables]).toMatch(
      /^Copied [\d,]+ rows in 18 tables from SQLite to SQLite in \d+\.\d s \([\d,]+ rows\/s\); every count and checksum matches the source\.$/,
    );

    const copy = await openStore(`file:${join(dir, 'copies', 'newsroom.db')}`);
    const count = await copy.articleCount();
    const sample = await copy.articles.bySlug(sampleSlug);
    await copy.close();
    expect(count).toBe(23);
    expect(sample?.sources.map((s) => s.name)).toEqual(['AP']);
    expect(existsSync(join(dir, 'unused.db'))).toBe(false);
  });

  it('refuses a destination with content in one line, exit 1, and leaves it as it was', async () => {
    await seeded('a.db', 2);
    await seeded('b.db', 1);
    const result = await cli('copy', '--from', 'file:a.db', '--to', 'file:b.db');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(
      /^copy: the destination \(.*b\.db\) already holds content: 7 rows in sections, .*4 rows in articles/,
    );
    expect(result.err).not.toContain('\n');
    const store = await openStore(`file:${join(dir, 'b.db')}`);
    expect(await store.articleCount()).toBe(4);
    await store.close();
  });

  it('fails in one line, exit 1, for a source that does not exist, creating nothing', async () => {
    const result = await cli('copy', '--from', 'file:missing.db', '--to', 'file:new.db');
    expect(result.code).toBe(1);
    expect(result.err).toBe(`copy: the source ${join(dir, 'missing.db')} does not exist`);
    expect(existsSync(join(dir, 'missing.db'))).toBe(false);
    expect(existsSync(join(dir, 'new.db'))).toBe(false);
  });

  it('refuses wrong usage with exit 2 before opening anything', async () => {
    const usage = [
      [['copy'], /^copy: use "copy --from URL --to URL"/],
      [['copy', '--from', 'file:a.db'], /^copy: use "copy --from URL --to URL"/],
      [
        ['copy', '--from', 'file:a.db', '--to', 'file:b.db', 'extra'],
        /^copy: use "copy --from URL --to URL"/,
      ],
      [['copy', '--from', 'file:a.db', '--to', 'file:b.db', '--force'], /^copy: .*'--force'/],
      [['copy', '--from', 'file:a.db', '--to'], /^copy: .*'--to/],
      [
        ['copy', '--from', 'file:a.db', '--to', 'mysql://db/news'],
        /^copy: --to: the "mysql:" scheme is not supported/,
      ],
      [['copy', '--from', 'a.db', '--to', 'file:b.db'], /^copy: --from: the URL is not a database URL/],
      [
        ['copy', '--from', 'file:a.db', '--to', `file:${join(dir, 'a.db')}`],
        /^copy: --from and --to name the same database$/,
      ],
    ] as const;
    for (const [argv, message] of usage) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toMatch(message);
      expect(result.err).not.toContain('\n');
    }
    expect(existsSync(join(dir, 'a.db'))).toBe(false);
    expect(existsSync(join(dir, 'b.db'))).toBe(false);
    expect(existsSync(join(dir, 'unused.db'))).toBe(false);
  });

  it('shows progress on a terminal and takes it off before the report', async () => {
    await seeded('newsroom.db', 5);
    const result = await runCaptured(['copy', '--from', 'file:newsroom.db', '--to', 'file:copy.db'], env, {
      withStatus: true,
    });
    expect(result.code).toBe(0);
    expect(result.status[0]).toMatch(/^copying sections 0 of 7$/);
    expect(result.status.at(-1)).toBe('');
  });
});

describeOnServer('newsroom copy', (serverUrl) => {
  it('copies SQLite into an empty server database and back, with the same checksums', async () => {
    const url = await freshServerDatabase(serverUrl, 'newsroom_test_cli_copy');
    await seeded('newsroom.db', 20);
    const result = await cli('copy', '--from', 'file:newsroom.db', '--to', url);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.lines[tables]).toMatch(/ from SQLite to PostgreSQL in /);

    const store = await openStore(url);
    const sample = await store.articles.bySlug(sampleSlug);
    await store.close();
    expect(sample?.dateline).toBe('KUALA LUMPUR');

    // The same rows give the same checksums, whichever backend holds them.
    const back = await cli('copy', '--from', url, '--to', 'file:back.db');
    expect(back.code).toBe(0);
    expect(back.lines.slice(0, tables)).toEqual(result.lines.slice(0, tables));
    expect(back.lines[tables]).toMatch(/ from PostgreSQL to SQLite in /);
  });
});
