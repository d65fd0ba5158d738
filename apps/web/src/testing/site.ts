import { startTestApi } from '@newsroom/api/testing';
import { openStore, type Store } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';

// Pages under test run against a real API server over HTTP, as in production. src/lib/api.ts
// reads the environment when it is first imported, so a test file calls startSite() before it
// imports any page (each test file runs in its own module graph).

export const testSiteUrl = 'https://news.example';

export interface SiteUnderTest {
  store: Store;
  container: AstroContainer;
  close(): Promise<void>;
}

export async function startSite(
  options: { seed?: (store: Store) => Promise<void>; apiConfig?: Parameters<typeof startTestApi>[1] } = {},
): Promise<SiteUnderTest> {
  const store = await openStore(':memory:');
  await seedIfEmpty(store, { count: 25, seed: 3 });
  await options.seed?.(store);
  const api = await startTestApi(store, options.apiConfig);
  process.env.API_URL = api.url;
  process.env.SITE_URL = testSiteUrl;
  process.env.SITE_NAME = 'Newsroom';
  const container = await AstroContainer.create();
  return {
    store,
    container,
    close: async () => {
      await api.close();
      await store.close();
    },
  };
}

export interface Rendered {
  status: number;
  headers: Headers;
  html: string;
}

type PageModule = { default: Parameters<AstroContainer['renderToResponse']>[0] };

/** Renders a page module for `path` (GET, or POST with `form` fields). */
export async function render(
  container: AstroContainer,
  module: PageModule,
  path: string,
  init: {
    params?: Record<string, string>;
    form?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
): Promise<Rendered> {
  const url = `http://localhost${path}`;
  const request = init.form
    ? new Request(url, {
        method: 'POST',
        body: new URLSearchParams(init.form),
        headers: { origin: 'http://localhost', ...init.headers },
      })
    : new Request(url, { headers: init.headers ?? {} });
  const response = await container.renderToResponse(module.default, { params: init.params ?? {}, request });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** `count` published stories with one tag, older than the seeded ones, for paging through. */
export async function addTaggedStories(store: Store, tag: string, count: number): Promise<void> {
  await store.tags.upsert({ slug: tag, name: 'Deep dive', description: 'Long reads.', type: 'topic' });
  await store.articles.importMany(
    Array.from({ length: count }, (_, i) => {
      const at = new Date(Date.UTC(2020, 0, 1, 12, i)).toISOString();
      return {
        headline: `Deep dive number ${i + 1}`,
        body: [{ type: 'paragraph' as const, text: `The ${i + 1}th long read.` }],
        status: 'published' as const,
        createdAt: at,
        publishedAt: at,
        sectionSlug: 'science',
        authorSlugs: ['grace-mensah'],
        tagSlugs: [tag],
      };
    }),
  );
}
