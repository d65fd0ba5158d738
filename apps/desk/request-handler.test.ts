import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type MetricsServer, newRegistry, requestMetrics, serveMetrics } from '@newsroom/metrics';
import {
  checkMetrics,
  describeWithPromtool,
  seriesValue,
  undocumentedMetrics,
} from '@newsroom/metrics/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskRequestHandler } from './request-handler.mjs';
import { requestRoute } from './request-route.mjs';

/** Stands in for Astro: a story page names its route as the middleware does, later; a built file names none. */
async function astro(req: IncomingMessage, res: ServerResponse) {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const answered = requestRoute.getStore();
  if (answered && req.url?.startsWith('/stories/')) answered.route = '/stories/[id]';
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('ok');
}

let server: Server;
let base: string;
let metrics: MetricsServer;

beforeAll(async () => {
  const registry = newRegistry();
  server = createServer(
    deskRequestHandler({ astro, maxUploadBytes: 1_024, requests: requestMetrics(registry) }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  metrics = await serveMetrics(registry, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await metrics.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const scrape = async () => (await fetch(metrics.url)).text();
const requests = (route: string, method: string, status: number) =>
  `newsroom_http_request_duration_seconds_count{route="${route}",method="${method}",status="${status}"}`;

describe('the desk’s request metrics', () => {
  it('time pages by route pattern (never by address), built files, and refusals', async () => {
    expect((await fetch(`${base}/stories/0b7d6c1e`)).status).toBe(200);
    expect((await fetch(`${base}/stories/5f2a9e04`)).status).toBe(200);
    expect((await fetch(`${base}/_astro/desk.css`)).status).toBe(200);
    expect((await fetch(`${base}/people`, { method: 'POST', body: 'x'.repeat(70_000) })).status).toBe(413);

    const text = await scrape();
    expect(seriesValue(text, requests('/stories/[id]', 'GET', 200))).toBe(2);
    expect(seriesValue(text, requests('static', 'GET', 200))).toBe(1);
    expect(seriesValue(text, requests('refused', 'POST', 413))).toBe(1);
    expect(text).not.toContain('0b7d6c1e');
  });
});

describeWithPromtool('the desk’s scrape', () => {
  it('passes `promtool check metrics`, and docs/operations.md describes every metric in it', async () => {
    const text = await scrape();
    expect(await checkMetrics(text)).toEqual({ exitCode: 0, output: '' });
    const operations = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
    expect(undocumentedMetrics(text, operations)).toEqual([]);
  });
});
