import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedurePaths, typeOf } from './procedures.js';
import { appRouter } from './root.js';
import { type ApiWithOwnStore, startApiWithOwnStore } from './testing/api-with-own-store.js';
import { routerPaths } from './testing/router-paths.js';

let api: ApiWithOwnStore;
beforeAll(async () => {
  api = await startApiWithOwnStore();
});
afterAll(() => api.close());

describe('the kind of each procedure', () => {
  it('is known for exactly the procedures the router has', () => {
    expect([...procedurePaths].sort()).toEqual(routerPaths(appRouter).sort());
  });

  it('is unknown for any other path, including the names every object has', () => {
    for (const path of [
      'article',
      'article.nothing',
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
    ]) {
      expect(typeOf(path), path).toBeUndefined();
    }
  });

  it('is what tRPC itself holds: a GET never runs a mutation, and every query answers a GET', async () => {
    // tRPC refuses a mutation sent as GET (405), and the API answers GET queries directly, by
    // this table: a mutation listed as a query would run on a GET.
    for (const path of procedurePaths) {
      const stop = new AbortController();
      const res = await fetch(`${api.url}/${path}?input=%7B%7D`, { signal: stop.signal });
      if (typeOf(path) === 'subscription') {
        // A stream of Server-Sent Events, which stays open: its answer is its start.
        expect(res.headers.get('content-type'), path).toContain('text/event-stream');
        stop.abort();
        continue;
      }
      await res.arrayBuffer();
      if (typeOf(path) === 'mutation') expect(res.status, path).toBe(405);
      else expect([200, 400, 401, 404], path).toContain(res.status);
    }
  });
});
