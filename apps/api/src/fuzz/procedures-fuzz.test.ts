import { openStore, type Store } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeOf } from '../procedures.js';
import { appRouter } from '../root.js';
import { routerPaths } from '../testing/router-paths.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';
import { brokenJsonText, fuzzRuns, hostileInput } from './hostile-input.js';

/**
 * Every procedure, through the real HTTP server, fed generated hostile input: each answer must
 * come within a deadline, be JSON, and be a success or a 4xx with a message, never a 5xx; and
 * no prototype-pollution key may reach Object.prototype. `npm test` runs a few dozen inputs per
 * procedure; FUZZ_RUNS raises that (the stress run).
 */
const runs = fuzzRuns();
const deadlineMs = 10_000;

let store: Store;
let api: TestApi;
let adminToken: string;

beforeAll(async () => {
  store = await openStore(':memory:');
  await seedIfEmpty(store, { count: 5, seed: 8 });
  adminToken = (await store.tokens.create({ name: 'Fuzz', role: 'admin' })).token;
  api = await startTestApi(store);
});
afterAll(async () => {
  await api.close();
  await store.close();
});

/** Every procedure the router has (procedures.test.ts holds typeOf to the same list). */
const procedures = routerPaths(appRouter).map((path) => ({ path, type: typeOf(path) ?? 'unknown' }));

interface Sent {
  method: 'GET' | 'POST';
  url: string;
  body?: string;
  token: boolean;
}

function requestFor(path: string, type: string, input: unknown, token: boolean): Sent {
  const json = JSON.stringify(input);
  if (type === 'query' || type === 'subscription') {
    return {
      method: 'GET',
      url: `/${path}${json === undefined ? '' : `?input=${encodeURIComponent(json)}`}`,
      token,
    };
  }
  return { method: 'POST', url: `/${path}`, body: json ?? '', token };
}

/** How long a subscription's stream is read: long enough for a refusal to arrive. */
const streamReadMs = 100;
/** A subscription's run costs that wait when its input is accepted: fewer runs keep it short. */
const streamRuns = Math.min(runs, 200);

/**
 * Opens a subscription and reads its stream for a moment: tRPC answers 200 and then says in a
 * `serialized-error` event why it refuses; a stream that stays open was accepted.
 */
async function problemWithStream(sent: Sent): Promise<string | null> {
  const res = await fetch(`${api.url}${sent.url}`, {
    headers: sent.token ? { authorization: `Bearer ${adminToken}` } : {},
    signal: AbortSignal.timeout(streamReadMs),
  });
  let text = '';
  try {
    const reader = (res.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
  } catch {
    // The moment is over: what came so far is the answer.
  }
  const what = `GET ${sent.url.slice(0, 200)} -> ${res.status} ${text.slice(0, 300)}`;
  if (res.status >= 500) return `5xx: ${what}`;
  const refusal = /^event: serialized-error\ndata: (.*)$/m.exec(text)?.[1];
  if (!refusal) return null;
  const error = JSON.parse(refusal) as { message?: unknown; data?: { httpStatus?: number } };
  if ((error.data?.httpStatus ?? 500) >= 500) return `5xx: ${what}`;
  return typeof error.message === 'string' && error.message !== ''
    ? null
    : `an error without a message: ${what}`;
}

/** Sends it and checks the answer; returns a description of what is wrong, or null. */
async function problemWith(sent: Sent): Promise<string | null> {
  const res = await fetch(`${api.url}${sent.url}`, {
    method: sent.method,
    headers: {
      ...(sent.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(sent.token ? { authorization: `Bearer ${adminToken}` } : {}),
    },
    ...(sent.body !== undefined ? { body: sent.body } : {}),
    signal: AbortSignal.timeout(deadlineMs),
  });
  const text = await res.text();
  const what = `${sent.method} ${sent.url.slice(0, 200)} ${sent.body?.slice(0, 200) ?? ''} -> ${res.status} ${text.slice(0, 300)}`;
  if (res.status >= 500) return `5xx: ${what}`;
  let body: { error?: { message?: unknown } } | null;
  try {
    body = JSON.parse(text);
  } catch {
    return `not JSON: ${what}`;
  }
  if (res.status >= 400 && (typeof body?.error?.message !== 'string' || body.error.message === '')) {
    return `an error without a message: ${what}`;
  }
  if ((Object.prototype as Record<string, unknown>).polluted !== undefined)
    return `Object.prototype polluted by ${what}`;
  return null;
}

describe('every procedure, given hostile input over HTTP', () => {
  it.each(procedures)(
    '$path ($type) answers with a success or a clear 4xx, never a 5xx',
    async ({ path, type }) => {
      await fc.assert(
        fc.asyncProperty(hostileInput, fc.boolean(), async (input, token) => {
          const sent = requestFor(path, type, input, token);
          expect(await (type === 'subscription' ? problemWithStream(sent) : problemWith(sent))).toBeNull();
        }),
        { numRuns: type === 'subscription' ? streamRuns : runs },
      );
    },
  );

  it('answers bodies that are not JSON with 400 for every mutation', async () => {
    const mutations = procedures.filter((p) => p.type === 'mutation').map((p) => p.path);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...mutations), brokenJsonText, async (path, text) => {
        const sent: Sent = { method: 'POST', url: `/${path}`, body: text, token: true };
        expect(await problemWith(sent)).toBeNull();
      }),
      { numRuns: runs * 4 },
    );
  });

  it('is still whole afterwards: reads answer, and nothing reached Object.prototype', async () => {
    const res = await fetch(`${api.url}/article.list?input=${encodeURIComponent('{"limit":2}')}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: { data: { items: unknown[] } } }).result.data.items).toHaveLength(
      2,
    );
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });
});
