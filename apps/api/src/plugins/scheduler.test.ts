import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@newsroom/db';
import type { Article } from '@newsroom/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { callApi } from '../testing/call-api.js';
import { startTestApi } from '../testing/start-test-api.js';
import { storeWith } from '../testing/store-with.js';
import { createScheduler } from './scheduler.js';

describe('the scheduler', () => {
  it('publishes what is due, prunes rate limits, preview links, old events and deliveries, logs it, and survives a failing run', async () => {
    const published = { id: 'a1', slug: 'due-story', publishedAt: '2025-01-01T00:00:00.000Z' } as Article;
    let calls = 0;
    let prunes = 0;
    let previewPrunes = 0;
    const eventCutoffs: Date[] = [];
    const deliveryCutoffs: Date[] = [];
    let thirdRun!: () => void;
    const threeRuns = new Promise<void>((resolve) => {
      thirdRun = resolve;
    });
    const store = {
      rateLimits: {
        prune: async () => {
          prunes++;
          if (prunes === 3) thirdRun();
          return 0;
        },
      },
      previews: {
        prune: async () => {
          previewPrunes++;
          if (previewPrunes === 2) throw new Error('preview table is locked');
          return 0;
        },
      },
      events: {
        prune: async (before: Date) => {
          eventCutoffs.push(before);
          return 0;
        },
      },
      webhooks: {
        prune: async (before: Date) => {
          deliveryCutoffs.push(before);
          return 0;
        },
      },
      articles: {
        publishDue: async () => {
          calls++;
          if (calls === 1) throw new Error('database is locked');
          return calls === 2 ? [published] : [];
        },
      },
    } as unknown as Store;
    const info: object[] = [];
    const errors: object[] = [];
    const started = Date.now();
    const scheduler = createScheduler({
      store,
      intervalMs: 20,
      eventRetentionDays: 3,
      log: { info: (details) => info.push(details), error: (details) => errors.push(details) },
    });
    scheduler.start();
    // The third run's prune ends it: three whole runs, the failing one among them.
    await threeRuns;
    await scheduler.stop();

    expect(prunes).toBe(calls);
    expect(previewPrunes).toBe(calls);
    expect(eventCutoffs).toHaveLength(calls);
    // Finished webhook deliveries go with the events they were made from.
    expect(deliveryCutoffs).toEqual(eventCutoffs);
    // Events are kept three days (EVENTS_RETENTION_DAYS), to the run's own time.
    const firstCutoff = eventCutoffs[0]?.getTime() ?? 0;
    expect(firstCutoff).toBeGreaterThanOrEqual(started - 3 * 86_400_000);
    expect(firstCutoff).toBeLessThanOrEqual(Date.now() - 3 * 86_400_000);
    expect(errors.map((e) => (e as { err: Error }).err.message)).toEqual([
      'database is locked',
      'preview table is locked',
    ]);
    expect(info).toEqual([{ articleId: 'a1', slug: 'due-story', publishedAt: published.publishedAt }]);
  });

  it('waits for a run in progress when stopped', async () => {
    let finish!: () => void;
    let finished = false;
    const store = {
      rateLimits: { prune: async () => 0 },
      previews: { prune: async () => 0 },
      events: { prune: async () => 0 },
      articles: {
        publishDue: () =>
          new Promise<Article[]>((resolve) => {
            finish = () => {
              finished = true;
              resolve([]);
            };
          }),
      },
    } as unknown as Store;
    const scheduler = createScheduler({ store, intervalMs: 10, log: { info() {}, error() {} } });
    scheduler.start();
    const stopped = scheduler.stop();
    finish();
    await stopped;
    expect(finished).toBe(true);
  });
});

describe('a scheduled article', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-scheduler-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // A generous timeout: the article falls due 3 s in, and a slow machine may take longer to start.
  it('is published once due by an API started after a restart: the schedule lives in the database', {
    timeout: 30_000,
  }, async () => {
    const databaseUrl = `file:${join(dir, 'newsroom.db')}`;
    const config = { API_SCHEDULER_INTERVAL_MS: 200 };

    // First process: schedule an article a few seconds ahead, then stop everything.
    const first = await openStore(databaseUrl);
    const firstApi = await startTestApi(first, config);
    const draft = await first.articles.create({
      headline: 'Results are in',
      body: [{ type: 'paragraph', text: 'The count is complete.' }],
    });
    const scheduledFor = new Date(Date.now() + 3_000).toISOString();
    const scheduled = await first.articles.setStatus(draft.id, draft.version, 'scheduled', { scheduledFor });
    expect(scheduled.status).toBe('scheduled');
    await firstApi.close();
    await first.close();

    // Second process, same database file: it publishes the article once its time comes.
    const second = await openStore(databaseUrl);
    let publishedByScheduler!: () => void;
    const publishing = new Promise<void>((resolve) => {
      publishedByScheduler = resolve;
    });
    const watched = storeWith(second, {
      articles: {
        publishDue: async (now) => {
          const published = await second.articles.publishDue(now);
          if (published.some((article) => article.id === draft.id)) publishedByScheduler();
          return published;
        },
      },
    });
    const secondApi = await startTestApi(watched, config);
    try {
      // Unless this machine took the whole 3 s to get here, nothing has published it yet.
      const stillScheduled = await second.articles.byId(draft.id);
      expect(stillScheduled?.status === 'scheduled' || Date.now() >= Date.parse(scheduledFor)).toBe(true);
      await publishing;
      expect((await callApi(secondApi.url, 'article.bySlug', { slug: draft.slug })).status).toBe(200);
      const article = await second.articles.byId(draft.id);
      expect(article?.status).toBe('published');
      expect(Date.parse(article?.publishedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(scheduledFor));
    } finally {
      await secondApi.close();
      await second.close();
    }
  });
});
