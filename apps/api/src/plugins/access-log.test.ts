import { openStore, type Store } from '@newsroom/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

type Line = Record<string, unknown>;

let store: Store;
let api: TestApi;
const lines: Line[] = [];
/** Tests waiting for a request's line: the line is written once the answer has gone, maybe after the client has it. */
const waiting = new Map<string, (line: Line) => void>();

beforeAll(async () => {
  store = await openStore(':memory:');
  const write = (text: string) => {
    const line = JSON.parse(text) as Line;
    lines.push(line);
    if (line.msg === 'Request completed') waiting.get(String(line.reqId))?.(line);
  };
  api = await startTestApi(store, { LOG_LEVEL: 'info' }, { write });
});
afterAll(async () => {
  await api.close();
  await store.close();
});

/** Every access-log line for the request, once the first is written. */
async function completed(reqId: string, request: Promise<Response>): Promise<Line[]> {
  const logged = new Promise<Line>((resolve) => waiting.set(reqId, resolve));
  await (await request).arrayBuffer();
  await logged;
  return lines.filter((line) => line.reqId === reqId && line.msg === 'Request completed');
}

describe('the access log', () => {
  it('has one line per request: method, URL, status, time taken, address and request id', async () => {
    const [line, ...more] = await completed(
      'log-1',
      fetch(`${api.url}/tag.list`, { headers: { 'x-request-id': 'log-1' } }),
    );
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: 30,
      method: 'GET',
      url: '/tag.list',
      statusCode: 200,
      responseTimeMs: expect.any(Number),
      clientAddress: '127.0.0.1',
    });
  });

  it('logs refused requests too, and cuts a long URL short', async () => {
    const long = `/article.bySlug?input=${'x'.repeat(1_000)}`;
    const [line] = await completed(
      'log-2',
      fetch(`${api.url}${long}`, { headers: { 'x-request-id': 'log-2' } }),
    );
    expect(line?.statusCode).toBe(400);
    expect(line?.url).toBe(`${long.slice(0, 300)}…`);
  });

  it('never holds the token', async () => {
    const request = fetch(`${api.url}/tag.list`, {
      headers: { 'x-request-id': 'log-3', authorization: 'Bearer secret-token-0042' },
    });
    expect(await completed('log-3', request)).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain('secret-token-0042');
  });

  it('leaves out the input of a call that carries a secret link, alone or in a batch', async () => {
    const secret = 'nrp_secretPreviewToken0042';
    const input = encodeURIComponent(JSON.stringify({ token: secret }));
    const batchInput = encodeURIComponent(JSON.stringify({ 0: {}, 1: { token: secret } }));
    const [single] = await completed(
      'log-4',
      fetch(`${api.url}/preview.article?input=${input}`, { headers: { 'x-request-id': 'log-4' } }),
    );
    const [batch] = await completed(
      'log-5',
      fetch(`${api.url}/tag.list,preview.article?batch=1&input=${batchInput}`, {
        headers: { 'x-request-id': 'log-5' },
      }),
    );
    expect(single).toMatchObject({
      url: '/preview.article?(input not logged: it holds a secret)',
      statusCode: 404,
    });
    expect(batch?.url).toBe('/tag.list,preview.article?(input not logged: it holds a secret)');
    expect(JSON.stringify(lines)).not.toContain('secretPreviewToken0042');
  });
});
