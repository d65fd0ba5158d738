import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '@newsroom/db';
import { afterAll, test } from 'vitest';
import { generateArticles } from './generate-articles.js';
import { seed } from './seed.js';

/*
 * How long sample content takes to load: `npx vitest bench` in packages/sample prints the figures.
 * Nothing here fails on a slow machine.
 */

const dir = mkdtempSync(join(tmpdir(), 'newsroom-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const fewRuns = { iterations: 3, time: 0, warmup: false };

test('sample content, 10,000 generated articles', async ({ bench }) => {
  await bench.compare(
    bench('generate only (no database)', () => {
      for (const _ of generateArticles({ count: 10_000, seed: 1 }));
    }),
    bench('seed into SQLite in memory (importMany)', async () => {
      const store = await openSqliteStore(':memory:');
      await seed(store, { count: 10_000, seed: 1 });
      await store.close();
    }),
    bench('seed into a SQLite file (importMany)', async () => {
      const store = await openSqliteStore(join(dir, `bench-${++files}.db`));
      await seed(store, { count: 10_000, seed: 1 });
      await store.close();
    }),
    fewRuns,
  );
});

test('one by one through create + setStatus, 1,000 articles', async ({ bench }) => {
  await bench('create + publish each article (SQLite file)', async () => {
    const store = await openSqliteStore(join(dir, `bench-${++files}.db`));
    await seed(store, { count: 0 });
    for (const article of generateArticles({ count: 1_000, seed: 2 })) {
      const {
        id: _id,
        status: _status,
        createdAt,
        updatedAt: _u,
        publishedAt,
        scheduledFor: _s,
        ...input
      } = article;
      const draft = await store.articles.create(input, { now: new Date(createdAt) });
      await store.articles.setStatus(draft.id, draft.version, 'published', {
        now: new Date(publishedAt ?? createdAt),
      });
    }
    await store.close();
  }).run(fewRuns);
});
