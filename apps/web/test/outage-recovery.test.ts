import { createApi } from '@newsroom/api';
import { freePort } from '@newsroom/api/testing';
import { openStore, type Store } from '@newsroom/db';
import { sampleStorySlug, seedIfEmpty } from '@newsroom/sample';
import type { APIContext } from 'astro';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { onRequest } from '../src/middleware';
import { pointSiteAt } from './site';

// The API goes away and comes back on the same address (a restart, a deploy): the site must
// say "come back later" meanwhile, in a way clients and caches understand (503, Retry-After,
// not stored), and serve pages again by itself once the API answers, with no site restart.
// This file has its own module graph, so src/lib/api.ts reads the API_URL set below.

let port: number;
let container: AstroContainer;
let store: Store;

/** The API, listening on the one address the site knows. */
async function startApi(): Promise<FastifyInstance> {
  const app = await createApi({ store, logger: false, config: { API_SCHEDULER_INTERVAL_MS: 0 } });
  await app.listen({ port, host: '127.0.0.1' });
  return app;
}

beforeAll(async () => {
  // The API must come back on the address the site knows, so the test picks it: a port the
  // system just handed out, with nothing listening there yet.
  port = await freePort();
  pointSiteAt(`http://127.0.0.1:${port}`);
  store = await openStore(':memory:');
  await seedIfEmpty(store, { count: 5, seed: 3 });
  container = await AstroContainer.create();
  // The pages log each failed call; the log is not what these tests are about.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterAll(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await store.close();
});

const pages = [
  ['/', () => import('../src/pages/index.astro'), {}],
  [
    `/articles/${sampleStorySlug}`,
    () => import('../src/pages/articles/[slug].astro'),
    { slug: sampleStorySlug },
  ],
  ['/search?q=rubio', () => import('../src/pages/search.astro'), {}],
] as const;

/** A page as a reader gets it: rendered, then through the site's middleware (headers). */
async function get([path, load, params]: (typeof pages)[number]): Promise<Response> {
  const request = new Request(`http://localhost${path}`);
  const module = await load();
  const response = await onRequest({ request } as APIContext, () =>
    container.renderToResponse(module.default, { params: { ...params }, request }),
  );
  return response as Response;
}

async function expectUnavailable() {
  for (const page of pages) {
    const response = await get(page);
    expect(response.status, page[0]).toBe(503);
    expect(Number(response.headers.get('retry-after')), page[0]).toBeGreaterThanOrEqual(1);
    // A CDN must not keep the outage page and go on serving it after the API is back.
    expect(response.headers.get('cache-control'), page[0]).toBe('no-store');
  }
}

async function expectServed() {
  for (const page of pages) {
    const response = await get(page);
    expect(response.status, page[0]).toBe(200);
    expect(response.headers.get('retry-after'), page[0]).toBeNull();
  }
}

describe('when the API goes away and comes back on the same address', () => {
  it('answers 503 with a Retry-After while nothing listens there', async () => {
    await expectUnavailable();
  });

  it('serves pages again as soon as the API answers, and 503s again when it goes, without a site restart', async () => {
    await expectUnavailable();
    let api = await startApi();
    try {
      await expectServed();
      await api.close();
      await expectUnavailable();
      api = await startApi();
      await expectServed();
    } finally {
      await api.close();
    }
  });
});
