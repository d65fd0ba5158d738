import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Store } from '@newsroom/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiAnswer, callApi } from './testing/call-api.js';
import { type FaultNewsroom, faultNewsroom, type LogLine } from './testing/fault-newsroom.js';
import type { TestApi } from './testing/start-test-api.js';

// Another process (a CLI import, a migration, an operator's sqlite3 shell) holds the write lock
// on the API's SQLite file. The API must say "busy, try again" rather than fail or hang, and
// write again by itself once the lock is gone.

/** A process that holds the write lock on `file` until it is told to let go. */
async function lockHolder(file: string): Promise<{ release(): Promise<void> }> {
  const script = `
    import { DatabaseSync } from 'node:sqlite';
    const db = new DatabaseSync(process.argv[1]);
    db.exec('begin exclusive');
    process.stdout.write('locked\\n');
    process.stdin.once('data', () => { db.exec('commit'); db.close(); process.exit(0); });`;
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--input-type=module', '--no-warnings', '-e', script, file],
    { stdio: 'pipe' },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the lock holder exited early (${code})`)));
    child.stdout.once('data', () => resolve());
  });
  child.removeAllListeners('exit');
  return {
    async release() {
      const exited = once(child, 'exit');
      child.stdin.write('go\n');
      await exited;
    },
  };
}

let fx: FaultNewsroom;
let store: Store;
let api: TestApi;
let editor: string;
let logLines: LogLine[];

beforeAll(async () => {
  // 300 ms instead of 5 s: the same wait, shorter, so the test does not sit idle.
  fx = await faultNewsroom({ busyTimeoutMs: 300 });
  ({ store, api, logLines, editorToken: editor } = fx);
});
afterAll(() => fx?.close());

const story = {
  headline: 'Storm closes the port',
  body: [{ type: 'paragraph', text: 'No ships today.' }],
  sectionSlug: 'world',
};
const write = (input: unknown, path = 'article.create') =>
  callApi(api.url, path, input, { method: 'POST', headers: { authorization: `Bearer ${editor}` } });

function expectBusyAnswer(answer: ApiAnswer, error: ApiAnswer['body']) {
  expect(answer.status).toBe(503);
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(error.data).toMatchObject({ code: 'SERVICE_UNAVAILABLE', httpStatus: 503 });
  expect(error.message).toMatch(/^The database is busy: .*try again/);
  // Nothing of SQLite, SQL, the file or the code's lines reaches the client.
  expect(JSON.stringify(answer.body)).not.toMatch(/sqlite|locked|insert|begin|newsroom\.db|\.ts:\d+|stack/i);
}

describe('when another process holds the write lock on the database file', () => {
  it('answers writes 503 with Retry-After, logs each refused request once, and writes again once the lock is gone', async () => {
    const articlesBefore = await store.articleCount();
    const holder = await lockHolder(fx.file);
    let refused: ApiAnswer;
    let batch: ApiAnswer;
    try {
      refused = await write(story);
      expectBusyAnswer(refused, refused.body.error);

      // A batch of writes: every call says so, and the log has one line for the request.
      batch = await callApi(
        api.url,
        'article.create,article.create?batch=1',
        { 0: story, 1: story },
        {
          method: 'POST',
          headers: { authorization: `Bearer ${editor}` },
        },
      );
      expect(batch.body).toHaveLength(2);
      for (const call of batch.body) expectBusyAnswer(batch, call.error);
    } finally {
      await holder.release();
    }

    // Not half-applied: nothing of the refused writes is in the database.
    expect(await store.articleCount()).toBe(articlesBefore);
    expect(await store.articles.bySlug('storm-closes-the-port', { status: 'any' })).toBeNull();

    // The same process takes the same write now, without a restart.
    const accepted = await write(story);
    expect(accepted.status).toBe(200);
    expect(accepted.body.result.data.slug).toBe('storm-closes-the-port');
    expect(await store.articleCount()).toBe(articlesBefore + 1);

    for (const answer of [refused, batch]) {
      const lines = logLines.filter(
        (line) => line.reqId === answer.headers.get('x-request-id') && line.level >= 40,
      );
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 40, reason: 'busy', err: { message: 'database is locked' } });
    }
  });

  it('keeps answering reads and reports itself ready: in WAL mode the lock holds back writers only', async () => {
    const holder = await lockHolder(fx.file);
    try {
      const read = await callApi(api.url, 'article.bySlug', { slug: 'harbour-reopens' });
      expect(read.status).toBe(200);
      expect(read.body.result.data.headline).toBe('Harbour reopens');
      const ready = await fetch(`${api.url}/readyz`);
      expect(ready.status).toBe(200);
    } finally {
      await holder.release();
    }
  });
});
