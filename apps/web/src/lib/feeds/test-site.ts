import { startTestApi } from '@newsroom/api/testing';
import { openStore, type Store } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import type { APIContext, APIRoute } from 'astro';
import { vi } from 'vitest';

/** The public address the endpoint tests give the site, to tell absolute URLs from relative ones. */
export const testSiteUrl = 'https://news.example';
/** A site name that needs escaping, so the tests see it escaped in every document. */
export const testSiteName = 'Newsroom & Co';

/**
 * For endpoint tests: an in-memory Store with sample content (the three sample stories and
 * `count` generated ones), served by a real API on 127.0.0.1, and the site's environment
 * pointing at it. Call before importing an endpoint: src/lib/api.ts reads the environment once.
 */
export async function startTestSite(count = 60) {
  const store: Store = await openStore(':memory:');
  await seedIfEmpty(store, { count, seed: 3 });
  const api = await startTestApi(store);
  stubSiteEnv(api.url);
  return {
    store,
    async stop() {
      vi.unstubAllEnvs();
      await api.close();
      await store.close();
    },
  };
}

export function stubSiteEnv(apiUrl: string) {
  vi.stubEnv('API_URL', apiUrl);
  vi.stubEnv('SITE_URL', testSiteUrl);
  vi.stubEnv('SITE_NAME', testSiteName);
}

/** Calls an endpoint's GET the way Astro does, with the route's params. */
export async function get(module: { GET: APIRoute }, path: string, params: Record<string, string> = {}) {
  const url = new URL(path, 'http://localhost');
  const context = { params, url, request: new Request(url) } as unknown as APIContext;
  return module.GET(context);
}
