import type { DatabaseSync } from 'node:sqlite';
import type { Store } from '@newsroom/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from './testing/call-api.js';
import { type FaultNewsroom, faultNewsroom, type LogLine } from './testing/fault-newsroom.js';
import type { TestApi } from './testing/start-test-api.js';

// The disk under the API's SQLite file is full. Rehearsed with PRAGMA max_page_count on the
// Store's own connection: at the limit SQLite fails with SQLITE_FULL, "database or disk is
// full", exactly as on a full disk, and rolls the transaction back.

let fx: FaultNewsroom;
let store: Store;
let connection: DatabaseSync;
let api: TestApi;
let editor: string;
let logLines: LogLine[];

function fillDisk() {
  const { page_count } = connection.prepare('pragma page_count').get() as { page_count: number };
  connection.exec(`pragma max_page_count = ${page_count}`);
}

function freeSpace() {
  connection.exec('pragma max_page_count = 4294967294');
}

/** Every content table's row count, so a refused write can be shown to have left nothing. */
function contentRows(): Record<string, number> {
  const tables = connection
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> 'rate_limits'",
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      Number((connection.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n),
    ]),
  );
}

beforeAll(async () => {
  fx = await faultNewsroom({
    onConnection: (database) => {
      connection = database;
    },
  });
  ({ store, api, logLines, editorToken: editor } = fx);
  await store.tags.upsert({ slug: 'climate', name: 'Climate', description: null, type: 'topic' });
  await store.authors.upsert({ slug: 'al', name: 'Al Writer', bio: null, avatar: null });
});
afterAll(() => fx?.close());

/** Long enough to need pages a full file cannot add. */
const longRead = {
  headline: 'A long read on the harbour',
  body: Array.from({ length: 30 }, (_, i) => ({ type: 'paragraph', text: `${i} ${'harbour '.repeat(600)}` })),
  sectionSlug: 'world',
  tagSlugs: ['climate'],
  authorSlugs: ['al'],
};
const write = (input: unknown) =>
  callApi(api.url, 'article.create', input, {
    method: 'POST',
    headers: { authorization: `Bearer ${editor}` },
  });

describe('when the disk under the database is full', () => {
  it('answers a write 503 with Retry-After, writes nothing of it, logs it once as an error, keeps reading, and writes again once there is room', async () => {
    const before = contentRows();
    fillDisk();
    const refused = await write(longRead);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body.error.data).toMatchObject({ code: 'SERVICE_UNAVAILABLE', httpStatus: 503 });
    expect(refused.body.error.message).toMatch(/^The database is out of disk space\. Nothing was written/);
    expect(JSON.stringify(refused.body)).not.toMatch(
      /sqlite|disk is full|insert|newsroom\.db|\.ts:\d+|stack/i,
    );
    // No article, block, tag link, byline, revision or search entry of it.
    expect(contentRows()).toEqual(before);

    const lines = logLines.filter(
      (line) => line.reqId === refused.headers.get('x-request-id') && line.level >= 40,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      reason: 'full',
      err: { message: 'database or disk is full' },
    });

    // Readers are not affected.
    const read = await callApi(api.url, 'article.bySlug', { slug: 'harbour-reopens' });
    expect(read.status).toBe(200);
    expect(read.body.result.data.headline).toBe('Harbour reopens');
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);

    freeSpace();
    const accepted = await write(longRead);
    expect(accepted.status).toBe(200);
    expect(accepted.body.result.data.body).toHaveLength(30);
    expect((await store.articles.bySlug('a-long-read-on-the-harbour', { status: 'any' }))?.tags).toHaveLength(
      1,
    );
  });
});
