import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@newsroom/api/testing';
import { openStore } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from './otlp-receiver';
import { type BuiltSite, type SiteProcess, startBuiltSite, watched } from './site';

// One reader's page is one trace: the built site and the built API, each its own process (the
// SDK registers itself for the whole process), send their spans to a receiver in this test, as
// they would to a collector. What an operator follows: the site's request, its calls to the
// API, the API's request, the procedure and the Store's work beneath it, and the API's log
// lines carrying the trace's id.

const apiMain = new URL('../../api/dist/main.js', import.meta.url).pathname;
const sampleSlug = 'fire-destroys-tomorrowlands-iconic-main-stage';

/** Sent every 50 ms instead of every 5 s, so the test need not wait. */
const quickExport = { OTEL_BSP_SCHEDULE_DELAY: '50' };

/** What it prints: JSON log lines on stdout, and stderr. */
type ApiProcess = SiteProcess;

function runBuiltApi(env: Record<string, string>): ApiProcess {
  return watched(
    spawn(process.execPath, [apiMain], {
      env: {
        ...process.env,
        API_HOST: '127.0.0.1',
        API_PORT: '0',
        API_SCHEDULER_INTERVAL_MS: '0',
        LOG_LEVEL: 'info',
        ...env,
      },
      // The IPC channel is how main.ts says where it listens.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    }),
  );
}

async function startBuiltApi(env: Record<string, string>): Promise<ApiProcess & { url: string }> {
  const api = runBuiltApi(env);
  const url = await new Promise<string>((resolve, reject) => {
    api.child.once('message', (message) => resolve((message as { ready: string }).ready));
    api.exited.then((code) =>
      reject(new Error(`the API exited (${code}) before listening:\n${api.output()}`)),
    );
  });
  return { ...api, url };
}

async function stopped(process: Pick<SiteProcess, 'child' | 'exited'>) {
  if (process.child.exitCode === null && process.child.signalCode === null) process.child.kill('SIGTERM');
  return process.exited;
}

/** The chain of parents from `span` up to its trace's root, nearest first. */
function ancestorsOf(span: ReceivedSpan, spans: ReceivedSpan[]): ReceivedSpan[] {
  const byId = new Map(spans.map((each) => [each.spanId, each]));
  const chain: ReceivedSpan[] = [];
  for (let parent = byId.get(span.parentSpanId); parent; parent = byId.get(parent.parentSpanId)) {
    chain.push(parent);
  }
  return chain;
}

describe('a reader’s page, traced across the site and the API', () => {
  let dir: string;
  let receiver: OtlpReceiver;
  let api: ApiProcess & { url: string };
  let site: BuiltSite;
  /** A preview link's secret: no span may carry it. */
  let previewToken: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newsroom-traces-'));
    const databaseUrl = `file:${join(dir, 'newsroom.db')}`;
    const store = await openStore(databaseUrl);
    await seedIfEmpty(store, { count: 3, seed: 3 });
    const draft = await store.articles.create({
      headline: 'A story still in confidence',
      body: [{ type: 'paragraph', text: 'Not yet published.' }],
      sectionSlug: 'world',
    });
    const link = await store.previews.create(draft.id, {
      expiresAt: new Date(Date.now() + 86_400_000),
      purpose: 'share',
      actor: { personId: null, name: 'Test desk' },
    });
    previewToken = link.secret;
    await store.close();
    receiver = await startOtlpReceiver();
    api = await startBuiltApi({
      DATABASE_URL: databaseUrl,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      ...quickExport,
    });
    site = await startBuiltSite({
      API_URL: api.url,
      SITE_URL: 'https://news.example',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      ...quickExport,
    });
  }, 60_000);

  afterAll(async () => {
    if (site) await site.stop();
    if (api) await stopped(api);
    await receiver?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is one trace (site request → its API calls → the API request → the procedure → the Store), named in the log', async () => {
    const page = await fetch(`${site.url}/articles/${sampleSlug}`);
    expect(page.status).toBe(200);
    await page.text();

    const isPageSpan = (span: ReceivedSpan) =>
      span.service === 'newsroom-web' &&
      span.kind === 'server' &&
      span.attributes['url.path'] === `/articles/${sampleSlug}`;
    const spans = await receiver.waitFor((received) => {
      const pageSpan = received.find(isPageSpan);
      return (
        pageSpan !== undefined &&
        received.some((span) => span.traceId === pageSpan.traceId && span.name === 'store articles.bySlug')
      );
    });
    const pageSpan = spans.find(isPageSpan) as ReceivedSpan;
    const trace = spans.filter((span) => span.traceId === pageSpan.traceId);

    // The reader's request starts the trace.
    expect(pageSpan.parentSpanId).toBe('');
    expect(pageSpan.name).toBe('GET');
    expect(pageSpan.attributes['http.response.status_code']).toBe(200);

    // The site's calls to the API, each a client span under the page.
    const calls = trace.filter((span) => span.service === 'newsroom-web' && span.kind === 'client');
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.parentSpanId).toBe(pageSpan.spanId);
      expect(String(call.attributes['url.full'])).toMatch(new RegExp(`^${api.url}/`));
    }

    // Each reached the API, which carried on the trace (traceparent) under that call.
    const apiRequests = trace.filter((span) => span.service === 'newsroom-api' && span.kind === 'server');
    expect(apiRequests.map((span) => span.parentSpanId).sort()).toEqual(
      calls.map((call) => call.spanId).sort(),
    );
    for (const request of apiRequests) {
      expect(request.name).toBe(`GET ${request.attributes['http.route']}`);
    }

    // The procedure, named after itself, within the API's request for it.
    const procedure = trace.find((span) => span.name === 'trpc article.bySlug');
    expect(procedure?.service).toBe('newsroom-api');
    expect(procedure?.attributes['rpc.method']).toBe('article.bySlug');
    const procedureRequest = ancestorsOf(procedure as ReceivedSpan, trace).find((span) =>
      apiRequests.includes(span),
    );
    expect(procedureRequest?.attributes['http.route']).toMatch(/^\/(\S+,)?article\.bySlug(,\S+)?$/);

    // The Store's work within the procedure.
    const storeCall = trace.find((span) => span.name === 'store articles.bySlug');
    expect(ancestorsOf(storeCall as ReceivedSpan, trace)[0]).toBe(procedure);

    // The chain holds from the Store up to the reader's request.
    const chain = ancestorsOf(storeCall as ReceivedSpan, trace);
    expect(chain).toContain(procedureRequest);
    expect(chain.some((span) => calls.includes(span))).toBe(true);
    expect(chain.at(-1)).toBe(pageSpan);

    // The API's log lines for the page's requests carry the trace's id, and their span's.
    const apiSpanIds = new Set(
      trace.filter((span) => span.service === 'newsroom-api').map((span) => span.spanId),
    );
    const lines = api
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const traced = lines.filter((line) => line.trace_id === pageSpan.traceId);
    expect(traced.map((line) => line.msg)).toContain('Request completed');
    for (const line of traced) expect(apiSpanIds.has(String(line.span_id))).toBe(true);
    // Lines written outside any request carry none.
    expect(lines.find((line) => line.msg === 'API ready')).not.toHaveProperty('trace_id');
  });

  it("keeps a preview link's token out of every span, on the site and in the API", async () => {
    const page = await fetch(`${site.url}/preview/${previewToken}`);
    expect(page.status).toBe(200);
    await page.text();
    const isPreviewSpan = (span: ReceivedSpan) =>
      span.service === 'newsroom-web' &&
      span.kind === 'server' &&
      span.attributes['url.path'] === '/preview/[token]';
    const spans = await receiver.waitFor((received) => {
      const pageSpan = received.find(isPreviewSpan);
      return (
        pageSpan !== undefined &&
        received.some((span) => span.traceId === pageSpan.traceId && span.name === 'trpc preview.article')
      );
    });
    const { traceId } = spans.find(isPreviewSpan) as ReceivedSpan;
    const trace = spans.filter((span) => span.traceId === traceId);
    // The API was asked for the story, with the token, and answered it.
    const asked = trace.find((span) => span.name === 'trpc preview.article');
    expect(asked?.attributes['trpc.error_code']).toBeUndefined();
    expect(JSON.stringify(spans)).not.toContain(previewToken);
  });
});

describe('tracing off', () => {
  // Prints each OpenTelemetry package a process loads (telemetry-modules.mjs).
  const watched = {
    NODE_OPTIONS: `--import=${new URL('./telemetry-modules.mjs', import.meta.url).pathname}`,
  };
  const loadedSdk = (output: string) => /^telemetry module: @opentelemetry\/sdk-node$/m.test(output);

  it('loads no SDK module in the API or the site without OTEL_EXPORTER_OTLP_ENDPOINT, and does with it', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const run = async (endpoint: Record<string, string>) => {
        const api = await startBuiltApi({ DATABASE_URL: ':memory:', ...watched, ...endpoint });
        const site = await startBuiltSite({ API_URL: api.url, ...watched, ...endpoint });
        await site.stop();
        await stopped(api);
        return { api: api.output(), site: site.output() };
      };
      const [off, on] = await Promise.all([run({}), run({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url })]);
      expect(off.api).not.toContain('telemetry module:');
      expect(off.site).not.toContain('telemetry module:');
      expect(loadedSdk(on.api)).toBe(true);
      expect(loadedSdk(on.site)).toBe(true);
    } finally {
      await receiver.close();
    }
  }, 60_000);
});

describe('tracing settings', () => {
  it('a wrong OTEL_* value stops the API with one line naming it', async () => {
    const api = runBuiltApi({ DATABASE_URL: ':memory:', OTEL_TRACES_SAMPLER: 'sometimes' });
    expect(await api.exited).toBe(1);
    const lines = api.output().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: OTEL_TRACES_SAMPLER: /);
  });

  it("a PostgreSQL server that is not there is traced by pg's own spans, sent before the API exits", async () => {
    const receiver = await startOtlpReceiver();
    try {
      const api = runBuiltApi({
        DATABASE_URL: `postgres://newsroom@127.0.0.1:${await freePort()}/newsroom`,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        ...quickExport,
      });
      expect(await api.exited).toBe(1);
      expect(api.output()).toMatch(/^API cannot open the database/);
      const failed = receiver
        .spans()
        .filter(
          (span) => span.service === 'newsroom-api' && span.name.startsWith('pg') && span.statusCode === 2,
        );
      expect(failed.map((span) => span.name)).toContain('pg.connect');
    } finally {
      await receiver.close();
    }
  });
});
