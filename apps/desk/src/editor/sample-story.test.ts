import { readFile } from 'node:fs/promises';
import { createNewsroomClient } from '@newsroom/api/client';
import { startTestApi, type TestApi } from '@newsroom/api/testing';
import { openStore, type Store } from '@newsroom/db';
import { parseScrapedText } from '@newsroom/ingest';
import { sampleStorySlug, seed } from '@newsroom/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyToDoc } from './body-to-doc';
import { docToBody } from './doc-to-body';
import { editorSchema } from './editor-extensions';

/**
 * "Any article the API returns opens in the editor and saves back unchanged": the sample
 * newsroom (its stories imported from scraped copy, as `newsroom seed` does, and generated
 * articles with every block type), read over HTTP from a real API.
 */
let store: Store;
let api: TestApi;
let client: ReturnType<typeof createNewsroomClient>;

beforeAll(async () => {
  store = await openStore(':memory:');
  await seed(store, { count: 60 });
  api = await startTestApi(store);
  client = createNewsroomClient(api.url);
});

afterAll(async () => {
  await api?.close();
  await store?.close();
});

function expectRoundTrip(body: Parameters<typeof bodyToDoc>[0]) {
  const doc = bodyToDoc(body);
  editorSchema.nodeFromJSON(doc).check();
  expect(docToBody(doc)).toEqual({ body, problems: [], warnings: [] });
}

describe('articles from the API in the editor', () => {
  it('the sample story, imported from the shared scraped copy, saves back unchanged', async () => {
    const article = await client.article.bySlug.query({ slug: sampleStorySlug });
    const copy = await readFile(
      new URL('../../../../packages/sample/copy/scraped-article.txt', import.meta.url),
      'utf8',
    );
    // The story the API serves is the one ingest makes of the copy (see-also lines resolved).
    const parsed = parseScrapedText(copy, { origin: 'scraped-article.txt' });
    expect(article.body.map((block) => block.type)).toEqual(parsed.body.map((block) => block.type));
    expect(article.body.some((block) => block.type === 'heading')).toBe(true);
    expectRoundTrip(article.body);
  });

  it('every published article saves back unchanged', async () => {
    const slugs: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.article.list.query({ limit: 100, ...(cursor ? { cursor } : {}) });
      slugs.push(...page.items.map((item) => item.slug));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(slugs.length).toBe(63);
    const types = new Set<string>();
    for (const slug of slugs) {
      const article = await client.article.bySlug.query({ slug });
      for (const block of article.body) types.add(block.type);
      expectRoundTrip(article.body);
    }
    expect([...types].sort()).toEqual(['heading', 'image', 'list', 'paragraph', 'quote', 'see-also']);
  });
});
