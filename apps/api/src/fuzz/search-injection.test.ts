import { openPostgresStore, openStore, type Store } from '@newsroom/db';
import { createPGlite } from '@newsroom/db/testing/pglite';
import { describeOnServer, freshServerDatabase } from '@newsroom/db/testing/server-database';
import { seedIfEmpty } from '@newsroom/sample';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';
import { fuzzRuns } from './hostile-input.js';

/**
 * Search text and list filters made of SQL and full-text-search syntax, through HTTP, on each
 * backend (SQLite's FTS5 and PostgreSQL's tsquery are built differently): each is answered 200
 * with published articles only, or 400 with a message; never a 5xx, never rows from elsewhere,
 * and the newsroom is the same afterwards. Some searches must find something, or "published
 * only" would hold of empty answers alone.
 */
const runs = fuzzRuns() * 8;

/** Pieces of SQL, FTS5 and tsquery syntax, and words the seeded stories contain. */
const syntax = fc.constantFrom(
  '"',
  "'",
  '`',
  '(',
  ')',
  '*',
  '^',
  ':',
  ';',
  '--',
  '/*',
  '%',
  '_',
  '\\',
  '{',
  '}',
  '-',
  '+',
  '&',
  '|',
  '!',
  '<->',
  'AND',
  'OR',
  'NOT',
  'NEAR',
  'NEAR(said the, 2)',
  'MATCH',
  'headline:said',
  "' OR '1'='1",
  '" OR ""="',
  '1; DROP TABLE articles',
  'UNION SELECT * FROM api_tokens',
  'said',
  'the',
  'dividend',
  'draft',
);
const hostileText = fc
  .array(syntax, { minLength: 1, maxLength: 8 })
  .chain((pieces) => fc.constantFrom(' ', '', '\t').map((glue) => pieces.join(glue)));

interface Answer {
  error?: { message: string };
  result?: { data: { items: { slug: string }[] } };
}

interface Newsroom {
  store: Store;
  close(): Promise<void>;
}

function describeSearchInjection(backend: string, open: () => Promise<Newsroom>) {
  describe(`search and filters made of query syntax, on ${backend}`, () => {
    let newsroom: Newsroom;
    let api: TestApi;
    let published: Set<string>;
    let articleCount: number;

    beforeAll(async () => {
      newsroom = await open();
      const { store } = newsroom;
      await seedIfEmpty(store, { count: 20, seed: 9 });
      // A draft whose words match common searches: it must never be found.
      await store.articles.create({
        headline: 'Unpublished draft said the dividend',
        standfirst: 'Said, dividend, the: words every search below may use.',
        body: [{ type: 'paragraph', text: 'The draft said the dividend would rise.' }],
      } as never);
      const all = await store.articles.list({ limit: 100 });
      published = new Set(all.items.map((item) => item.slug));
      articleCount =
        (await store.articles.list({ limit: 100, status: 'draft' } as never)).items.length + published.size;
      api = await startTestApi(store);
    });
    afterAll(async () => {
      await api?.close();
      await newsroom?.close();
    });

    async function get(procedure: string, input: unknown) {
      const res = await fetch(`${api.url}/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, {
        signal: AbortSignal.timeout(10_000),
      });
      return { status: res.status, body: (await res.json()) as Answer };
    }

    it('search answers published articles only, or a 400 that says why, and finds some', async () => {
      let withHits = 0;
      await fc.assert(
        fc.asyncProperty(hostileText, async (q) => {
          const { status, body } = await get('article.search', { q });
          expect([200, 400], `${q} -> ${status} ${JSON.stringify(body).slice(0, 200)}`).toContain(status);
          if (status === 400) {
            expect(body.error?.message).toEqual(expect.any(String));
            return;
          }
          const hits = body.result?.data.items ?? [];
          for (const hit of hits) expect(published).toContain(hit.slug);
          if (hits.length > 0) withHits++;
        }),
        { numRuns: runs },
      );
      // The words among the syntax are in the stories, and about one search in eight finds
      // them: one that never found anything would pass the checks above whatever it did.
      expect(withHits, `${withHits} of ${runs} searches found something`).toBeGreaterThanOrEqual(runs / 40);
    });

    it('finds the stories behind syntax that means nothing to search', async () => {
      for (const q of [
        'said',
        '"said"',
        'said*',
        '(said)',
        'said --',
        'said /*',
        'said %',
        'said \\',
        'said <-> the',
        '-dividend said',
      ]) {
        const { status, body } = await get('article.search', { q });
        const hits = body.result?.data.items ?? [];
        expect([status, hits.length > 0], q).toEqual([200, true]);
        for (const hit of hits) expect(published).toContain(hit.slug);
      }
    });

    it('list filters answer an empty page or a 400, never other rows', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('tag', 'section', 'author'), hostileText, async (filter, value) => {
          const { status, body } = await get('article.list', { [filter]: value, limit: 10 });
          expect([200, 400], `${filter}=${value} -> ${status}`).toContain(status);
          if (status === 200) expect(body.result?.data.items).toEqual([]);
        }),
        { numRuns: runs },
      );
    });

    it('leaves the newsroom as it was', async () => {
      const all = await newsroom.store.articles.list({ limit: 100 });
      const drafts = await newsroom.store.articles.list({ limit: 100, status: 'draft' } as never);
      expect(all.items.length + drafts.items.length).toBe(articleCount);
    });
  });
}

describeSearchInjection('SQLite', async () => {
  const store = await openStore(':memory:');
  return { store, close: () => store.close() };
});

describeSearchInjection('PostgreSQL (PGlite)', async () => {
  const pglite = createPGlite();
  const store = await openPostgresStore(pglite);
  return {
    store,
    close: async () => {
      await store.close();
      await pglite.close();
    },
  };
});

describeOnServer('search injection', (serverUrl) => {
  describeSearchInjection('PostgreSQL', async () => {
    const url = await freshServerDatabase(serverUrl, 'newsroom_test_api_search_injection');
    const store = await openPostgresStore(url, { poolSize: 4 });
    return { store, close: () => store.close() };
  });
});
