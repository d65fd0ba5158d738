import { Counter } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MetricsPortSchema } from './metrics-config.js';
import { type MetricsServer, serveMetrics } from './metrics-server.js';
import { newRegistry } from './registry.js';
import { requestMetrics } from './request-metrics.js';
import { checkMetrics, describeWithPromtool } from './testing/promtool.js';

const servers: MetricsServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function served() {
  const registry = newRegistry();
  const requests = requestMetrics(registry);
  const server = await serveMetrics(registry, { host: '127.0.0.1', port: 0 });
  servers.push(server);
  return { registry, requests, server };
}

describe('the metrics endpoint', () => {
  it('serves the registry at GET /metrics in the text format, with Node process metrics and request timings', async () => {
    const { requests, server } = await served();
    requests.observe('article.bySlug', 'GET', 200, 0.004);
    requests.observe('article.bySlug', 'GET', 200, 0.2);
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain(
      'newsroom_http_request_duration_seconds_count{route="article.bySlug",method="GET",status="200"} 2',
    );
    expect(text).toContain(
      'newsroom_http_request_duration_seconds_bucket{le="0.005",route="article.bySlug",method="GET",status="200"} 1',
    );
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);
    // Gauges named like counters are gone; their twins by type stay (sum() gives the total).
    expect(text).not.toMatch(/^nodejs_active_(handles|requests|resources)_total/m);
    expect(text).toContain('# TYPE nodejs_active_handles gauge');
  });

  it('answers anything but GET /metrics with a 404', async () => {
    const { server } = await served();
    const root = await fetch(server.url.replace('/metrics', '/'));
    expect(root.status).toBe(404);
    expect(await root.text()).toContain('GET /metrics');
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(404);
  });

  it('refuses a taken port with one line naming it', async () => {
    const { server } = await served();
    const port = Number(new URL(server.url).port);
    await expect(serveMetrics(newRegistry(), { host: '127.0.0.1', port })).rejects.toThrow(
      `Metrics cannot listen on 127.0.0.1:${port}: EADDRINUSE`,
    );
  });
});

describe('MetricsPortSchema', () => {
  it('leaves metrics off when unset or empty, takes a port, and refuses anything else', () => {
    expect(MetricsPortSchema.parse(undefined)).toBeUndefined();
    expect(MetricsPortSchema.parse('')).toBeUndefined();
    expect(MetricsPortSchema.parse('9464')).toBe(9464);
    expect(MetricsPortSchema.safeParse('70000').success).toBe(false);
    expect(MetricsPortSchema.safeParse('nine').success).toBe(false);
  });
});

describeWithPromtool('a scrape', () => {
  it('passes `promtool check metrics`', async () => {
    const { requests, server } = await served();
    requests.observe('/healthz', 'GET', 200, 0.001);
    const result = await checkMetrics(await (await fetch(server.url)).text());
    expect(result).toEqual({ exitCode: 0, output: '' });
  });

  it('would fail on a gauge named like a counter (what the registry drops)', async () => {
    const registry = newRegistry();
    new Counter({ name: 'newsroom_things', help: 'Things', registers: [registry] });
    const result = await checkMetrics(
      `${await registry.metrics()}# HELP bad_total a gauge\n# TYPE bad_total gauge\nbad_total 1\n`,
    );
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toContain('bad_total non-counter metrics should not have "_total" suffix');
  });
});
