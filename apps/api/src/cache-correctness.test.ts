import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore, openStore, type Store } from '@newsroom/db';
import { describeOnServer, freshServerDatabase } from '@newsroom/db/testing/server-database';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callApi } from './testing/call-api.js';
import { startTestApi, type TestApi } from './testing/start-test-api.js';

/*
 * The response cache purges by key, so a key missing from an answer or an event would leave a
 * stale answer kept. This property test makes random writes through two API instances on one
 * database (each with its own Store and cache, as behind a load balancer) and, once each write
 * is answered and both instances have handled its event, checks every answer either instance
 * keeps against a fresh one from a third instance with no cache.
 */

const sections = ['world', 'science', 'sport'] as const;
const tags = ['storms', 'elections', 'energy'] as const;

type Step =
  | { kind: 'publish'; section: number; tag: number; via: number }
  | { kind: 'headline'; story: number; via: number }
  | { kind: 'unpublish'; story: number; via: number }
  | { kind: 'tag name'; tag: number; via: number }
  | { kind: 'section name'; section: number; via: number }
  | { kind: 'comment'; story: number; via: number }
  | { kind: 'delete'; story: number; via: number };

const via = fc.integer({ min: 0, max: 1 });
const story = fc.nat({ max: 20 });
const steps = fc.array(
  fc.oneof(
    {
      arbitrary: fc.record({
        kind: fc.constant('publish' as const),
        section: fc.nat(2),
        tag: fc.nat(2),
        via,
      }),
      weight: 3,
    },
    fc.record({ kind: fc.constant('headline' as const), story, via }),
    fc.record({ kind: fc.constant('unpublish' as const), story, via }),
    fc.record({ kind: fc.constant('tag name' as const), tag: fc.nat(2), via }),
    fc.record({ kind: fc.constant('section name' as const), section: fc.nat(2), via }),
    fc.record({ kind: fc.constant('comment' as const), story, via }),
    fc.record({ kind: fc.constant('delete' as const), story, via }),
  ),
  { minLength: 12, maxLength: 20 },
);

interface Newsroom {
  cached: [TestApi, TestApi];
  fresh: TestApi;
  editor: string;
  close(): Promise<void>;
}

async function newsroomOn(stores: [Store, Store, Store]): Promise<Newsroom> {
  const [a, b, c] = stores;
  for (const [order, slug] of sections.entries()) {
    await a.sections.upsert({ slug, name: slug, description: null, order });
  }
  for (const slug of tags) await a.tags.upsert({ slug, name: slug, description: null, type: 'topic' });
  const editor = (await a.tokens.create({ name: 'Property', role: 'editor' })).token;
  const config = { API_RESPONSE_CACHE_MB: 16 };
  const cached: [TestApi, TestApi] = [await startTestApi(a, config), await startTestApi(b, config)];
  const fresh = await startTestApi(c, { API_RESPONSE_CACHE_MB: 0 });
  return {
    cached,
    fresh,
    editor,
    async close() {
      for (const api of [...cached, fresh]) await api.close();
      for (const store of stores) await store.close();
    },
  };
}

/** Runs the steps, checking after each that every kept answer is the fresh one. */
async function holds(newsroom: Newsroom, plan: Step[]): Promise<void> {
  const { cached, fresh, editor } = newsroom;
  const auth = { method: 'POST' as const, headers: { authorization: `Bearer ${editor}` } };
  /** Every story made, deleted ones too: their old answers must go as well. */
  const stories: { id: string; slug: string; deleted?: boolean }[] = [];
  const write = async (through: number, path: string, input: unknown) => {
    const answer = await callApi(cached[through]?.url ?? '', path, input, auth);
    expect(answer.status, `${path} ${JSON.stringify(answer.body)}`).toBe(200);
    return answer.body.result.data;
  };
  const current = async (id: string) =>
    (await callApi(fresh.url, 'article.byId', { id }, { headers: { authorization: `Bearer ${editor}` } }))
      .body.result.data as { id: string; version: number; status: string };

  /** Every public read a reader could make now. */
  const reads = (): [string, unknown][] => [
    ['article.list', { limit: 50 }],
    ...sections.map((section): [string, unknown] => ['article.list', { section, limit: 50 }]),
    ...tags.map((tag): [string, unknown] => ['article.list', { tag, limit: 50 }]),
    ...tags.map((slug): [string, unknown] => ['tag.bySlug', { slug }]),
    ...sections.map((slug): [string, unknown] => ['section.bySlug', { slug }]),
    ['section.list', undefined],
    ['tag.list', undefined],
    ['article.search', { q: 'harbour' }],
    ...stories.flatMap(({ id, slug }): [string, unknown][] => [
      ['article.bySlug', { slug }],
      ['article.related', { slug }],
      ['comment.list', { articleId: id }],
    ]),
  ];
  /** Reads everything from both instances (filling their caches) and compares with fresh answers. */
  const check = async (after: string) => {
    for (const [path, input] of reads()) {
      const expected = await callApi(fresh.url, path, input);
      for (const api of cached) {
        const kept = await callApi(api.url, path, input);
        expect(kept.body, `${path} ${JSON.stringify(input)} after ${after}`).toEqual(expected.body);
      }
    }
  };

  await check('nothing');
  for (const step of plan) {
    const live = stories.filter((made) => !made.deleted);
    const known = live[('story' in step ? step.story : 0) % Math.max(1, live.length)];
    switch (step.kind) {
      case 'publish': {
        const draft = await write(step.via, 'article.create', {
          headline: `Harbour story ${stories.length + 1}`,
          body: [{ type: 'paragraph', text: 'The harbour wall held.' }],
          sectionSlug: sections[step.section],
          tagSlugs: [tags[step.tag]],
          commentPolicy: 'open',
        });
        await write(step.via, 'article.publish', { id: draft.id, version: draft.version });
        stories.push({ id: draft.id, slug: draft.slug });
        break;
      }
      case 'headline':
        if (known) {
          const article = await current(known.id);
          await write(step.via, 'article.update', {
            id: article.id,
            version: article.version,
            headline: `Harbour story, version ${article.version + 1}`,
          });
        }
        break;
      case 'unpublish':
        if (known) {
          const article = await current(known.id);
          const path = article.status === 'published' ? 'article.unpublish' : 'article.publish';
          await write(step.via, path, { id: article.id, version: article.version });
        }
        break;
      case 'tag name':
        await write(step.via, 'tag.update', {
          slug: tags[step.tag],
          patch: { name: `${tags[step.tag]} ${Date.now()}` },
        });
        break;
      case 'section name':
        await write(step.via, 'section.update', {
          slug: sections[step.section],
          patch: { name: `${sections[step.section]} ${Date.now()}` },
        });
        break;
      case 'comment':
        if (known && (await current(known.id)).status === 'published') {
          await write(step.via, 'comment.create', {
            articleId: known.id,
            displayName: 'A reader',
            body: 'Well reported.',
            parentId: null,
          });
        }
        break;
    }
    if (step.kind === 'delete' && known) {
      const article = await current(known.id);
      await write(step.via, 'article.delete', { id: article.id, version: article.version });
      known.deleted = true;
    }
    // Both instances have handled every event so far: their own through the write, the other's
    // through the change notice (or the poll); catching up here only saves the wait.
    await Promise.all(cached.map((api) => api.app.cachePurge?.catchUp()));
    await check(`${step.kind} through instance ${step.via}`);
  }
}

describe('cached answers after random writes, on one SQLite file', () => {
  it('always equal fresh ones, on both instances', async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (plan) => {
        const dir = mkdtempSync(join(tmpdir(), 'newsroom-cache-property-'));
        const url = `file:${join(dir, 'newsroom.db')}`;
        const newsroom = await newsroomOn([await openStore(url), await openStore(url), await openStore(url)]);
        try {
          await holds(newsroom, plan);
        } finally {
          await newsroom.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 3 },
    );
  }, 120_000);
});

describeOnServer('cached answers after random writes', (serverUrl) => {
  it('always equal fresh ones, on two instances with a connection pool each', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(steps, async (plan) => {
        const url = await freshServerDatabase(serverUrl, `newsroom_test_cache_property_${run++}`);
        const newsroom = await newsroomOn([
          await openPostgresStore(url, { poolSize: 4 }),
          await openPostgresStore(url, { poolSize: 4 }),
          await openPostgresStore(url, { poolSize: 2 }),
        ]);
        try {
          await holds(newsroom, plan);
        } finally {
          await newsroom.close();
        }
      }),
      { numRuns: 2 },
    );
  }, 180_000);
});
