import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MetricsServer, serveMetrics } from '@newsroom/metrics';
import {
  checkMetrics,
  describeWithPromtool,
  seriesValue,
  undocumentedMetrics,
} from '@newsroom/metrics/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSiteServer, type SiteServer } from './site-server.ts';

/** Stands in for Astro: a kept story page, and its middleware naming the route that answered. */
function astro(req: IncomingMessage, res: ServerResponse, locals: App.Locals) {
  locals.route = req.url?.startsWith('/articles/') ? '/articles/[slug]' : '/404';
  const found = locals.route !== '/404';
  res.writeHead(found ? 200 : 404, {
    'content-type': 'text/html',
    'cache-control': found ? 'public, max-age=0, s-maxage=60' : 'no-store',
    'surrogate-key': `page:${req.url}`,
  });
  res.end(`<!doctype html><h1>${req.url}</h1>`);
}

let clientDir: string;
let site: SiteServer;
let base: string;
let metrics: MetricsServer;

beforeAll(async () => {
  clientDir = mkdtempSync(join(tmpdir(), 'newsroom-client-'));
  writeFileSync(join(clientDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  site = createSiteServer({ astro, clientDir, pageCacheMb: 1, metrics: true });
  await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}`;
  const registry = site.metrics?.registry;
  if (!registry) throw new Error('metrics were asked for');
  metrics = await serveMetrics(registry, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await metrics.close();
  await site.stop();
  await new Promise((resolve) => site.server.close(resolve));
  rmSync(clientDir, { recursive: true, force: true });
});

const scrape = async () => (await fetch(metrics.url)).text();
const requests = (route: string, method: string, status: number) =>
  `newsroom_http_request_duration_seconds_count{route="${route}",method="${method}",status="${status}"}`;

describe('the site’s metrics', () => {
  it('time pages by route pattern (never by address), files and refusals, and count the page cache’s hits and misses', async () => {
    expect((await fetch(`${base}/articles/storm-hits-coast`)).headers.get('x-cache')).toBe('MISS');
    expect((await fetch(`${base}/articles/storm-hits-coast`)).headers.get('x-cache')).toBe('HIT');
    expect((await fetch(`${base}/articles/bridge-reopens`)).status).toBe(200);
    expect((await fetch(`${base}/no-such-page`)).status).toBe(404);
    expect((await fetch(`${base}/favicon.svg`)).status).toBe(200);
    expect((await fetch(`${base}/`, { method: 'DELETE' })).status).toBe(405);
    if (!site.cache) throw new Error('the page cache is on');

    const text = await scrape();
    expect(seriesValue(text, requests('/articles/[slug]', 'GET', 200))).toBe(3);
    expect(seriesValue(text, requests('/404', 'GET', 404))).toBe(1);
    expect(seriesValue(text, requests('static', 'GET', 200))).toBe(1);
    expect(seriesValue(text, requests('refused', 'DELETE', 405))).toBe(1);
    expect(text).not.toContain('storm-hits-coast');
    expect(seriesValue(text, 'newsroom_web_page_cache_requests_total{result="miss"}')).toBe(2);
    expect(seriesValue(text, 'newsroom_web_page_cache_requests_total{result="hit"}')).toBe(1);
    expect(seriesValue(text, 'newsroom_web_page_cache_bytes')).toBe(site.cache.size);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
  });
});

describeWithPromtool('the site’s scrape', () => {
  it('passes `promtool check metrics`, and docs/operations.md describes every metric in it', async () => {
    const text = await scrape();
    expect(await checkMetrics(text)).toEqual({ exitCode: 0, output: '' });
    const operations = readFileSync(new URL('../../../docs/operations.md', import.meta.url), 'utf8');
    expect(undocumentedMetrics(text, operations)).toEqual([]);
  });
});
