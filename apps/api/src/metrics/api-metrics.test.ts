import { readFileSync } from 'node:fs';
import { type MetricsServer, serveMetrics } from '@newsroom/metrics';
import {
  checkMetrics,
  describeWithPromtool,
  seriesValue,
  undocumentedMetrics,
} from '@newsroom/metrics/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNewsroomClient } from '../client.js';
import { callApi } from '../testing/call-api.js';
import { type NewsroomFixture, newsroomFixture } from '../testing/newsroom-fixture.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';
import { startReceiver } from '../testing/webhook-receiver.js';

let fx: NewsroomFixture;
let api: TestApi;
let metrics: MetricsServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  fx = await newsroomFixture();
  receiver = await startReceiver([204]);
  api = await startTestApi(fx.store, {
    METRICS_PORT: 0,
    API_SCHEDULER_INTERVAL_MS: 50,
    WEBHOOK_SENDS: 2,
    WEBHOOK_ALLOW_PRIVATE: true,
  });
  const registry = api.app.metrics?.registry;
  if (!registry) throw new Error('METRICS_PORT was set, so the API should count');
  metrics = await serveMetrics(registry, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await metrics.close();
  await api.close();
  await receiver.close();
  await fx.close();
});

const scrape = async () => (await fetch(metrics.url)).text();

const requests = (route: string, method: string, status: number) =>
  `newsroom_http_request_duration_seconds_count{route="${route}",method="${method}",status="${status}"}`;

describe('the API metrics', () => {
  it('time requests by procedure or route, and count response-cache hits and misses and Store calls', async () => {
    const before = await scrape();
    const list = `article.list?input=${encodeURIComponent(JSON.stringify({ limit: 3 }))}`;
    expect((await fetch(`${api.url}/${list}`)).headers.get('x-cache')).toBe('MISS');
    expect((await fetch(`${api.url}/${list}`)).headers.get('x-cache')).toBe('HIT');
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    const batch = `section.list,article.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 1: { limit: 2 } }))}`;
    expect((await fetch(`${api.url}/${batch}`)).status).toBe(200);
    expect((await fetch(`${api.url}/no-such-thing.here`)).status).toBe(404);
    expect((await fetch(`${api.url}/no/such/path`)).status).toBe(404);

    const after = await scrape();
    const grew = (series: string) => seriesValue(after, series) - seriesValue(before, series);
    expect(grew(requests('article.list', 'GET', 200))).toBe(2);
    // The list and the batch were built and kept; the list's second asking was a hit.
    expect(grew('newsroom_api_response_cache_requests_total{result="miss"}')).toBe(2);
    expect(grew('newsroom_api_response_cache_requests_total{result="hit"}')).toBe(1);
    expect(grew(requests('/healthz', 'GET', 200))).toBe(1);
    expect(grew(requests('article.list,section.list', 'GET', 200))).toBe(1);
    // A made-up procedure or path never becomes a label of its own.
    expect(grew(requests('unknown', 'GET', 404))).toBe(1);
    expect(grew(requests('unmatched', 'GET', 404))).toBe(1);
    expect(after).not.toContain('no-such-thing');
    // Only the misses asked the Store.
    expect(grew('newsroom_store_call_duration_seconds_count{operation="articles.list"}')).toBe(2);
    expect(seriesValue(after, 'newsroom_api_response_cache_bytes')).toBeGreaterThan(0);
  });

  it('count failed sign-ins from the audit trail, and comments by status as the Store has them', async () => {
    const before = await scrape();
    const refused = await callApi(
      api.url,
      'auth.signIn',
      { email: 'nobody@news.example', password: 'not the password at all' },
      { method: 'POST' },
    );
    expect(refused.status).toBe(401);
    const after = await scrape();
    expect(
      seriesValue(after, 'newsroom_audit_actions_total{action="sign-in.failed"}') -
        seriesValue(before, 'newsroom_audit_actions_total{action="sign-in.failed"}'),
    ).toBe(1);
    const counts = await fx.store.comments.countByStatus();
    for (const [status, count] of Object.entries(counts))
      expect(seriesValue(after, `newsroom_comments{status="${status}"}`)).toBe(count);
  });

  it('count the scheduler’s runs and webhook deliveries, and the events waiting for delivery', async () => {
    await fx.store.webhooks.create({ url: receiver.url, eventTypes: ['article.published'] });
    const draft = await fx.draft({ headline: 'Metrics count a delivered webhook' });
    await createNewsroomClient(api.url, { token: fx.tokens.editor }).article.publish.mutate({
      id: draft.id,
      version: draft.version,
    });
    await receiver.arrived(1);
    // The attempt is counted once recorded, just after the receiver has answered.
    let text = await scrape();
    for (
      let tries = 0;
      seriesValue(text, 'newsroom_webhook_deliveries_total{result="delivered"}') < 1 && tries < 50;
      tries++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      text = await scrape();
    }
    expect(seriesValue(text, 'newsroom_webhook_deliveries_total{result="delivered"}')).toBe(1);
    expect(seriesValue(text, 'newsroom_scheduler_runs_total{result="ok"}')).toBeGreaterThan(0);
    expect(text).toMatch(/^newsroom_scheduled_stories_published_total 0$/m);
    expect(seriesValue(text, 'newsroom_events_waiting')).toBe(
      (await fx.store.webhooks.waitingEvents()).count,
    );
    expect(text).toMatch(/^newsroom_event_delivery_lag_seconds \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });
});

describeWithPromtool('the API’s scrape', () => {
  it('passes `promtool check metrics`, and docs/operations.md describes every metric in it', async () => {
    const text = await scrape();
    expect(await checkMetrics(text)).toEqual({ exitCode: 0, output: '' });
    const operations = readFileSync(new URL('../../../../docs/operations.md', import.meta.url), 'utf8');
    expect(undocumentedMetrics(text, operations)).toEqual([]);
  });
});
