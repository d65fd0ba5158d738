/**
 * The OpenTelemetry SDK for the API. main.ts imports this file only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set: without it no SDK code is loaded at all, and the spans
 * the Store and the procedures start (`@opentelemetry/api`) go to its no-op tracer.
 */
import { createRequire } from 'node:module';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import type { TracingSettings } from '@newsroom/domain';
import { context } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { core, NodeSDK } from '@opentelemetry/sdk-node';
import type { FastifyRequest } from 'fastify';
import { trpcRoute } from './plugins/trpc-calls.js';
import { takesSecret, typeOf } from './procedures.js';

export interface Tracing {
  /** Sends the spans still waiting, then stops (at most `timeoutMs`: a dead collector must not hold up a stop). */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Health checks and scrapes come every few seconds and would bury the readers' traces; the
 * event streams stay open for hours, and a span ends only when its request does.
 */
const untracedPaths = new Set(['/healthz', '/readyz', '/metrics', '/events', '/changes']);

/**
 * Starts the SDK: spans from Node's HTTP server (each request, cached answers included),
 * Fastify (`@fastify/otel`, registered on the instance as a plugin as soon as it is created),
 * the tRPC procedures and the Store (their own spans), pg's queries on PostgreSQL, and fetch
 * (webhook deliveries, pictures fetched for imports), sent as OTLP/HTTP JSON to
 * `<endpoint>/v1/traces`. The sampler, the batching and the resource come from the standard
 * OTEL_* variables, which the SDK reads and `tracingSettingsOf` has checked.
 */
export function startTracing(settings: TracingSettings): Tracing {
  const sdk = new NodeSDK({
    serviceName: settings.serviceName,
    traceExporter: new OTLPTraceExporter({ url: `${settings.endpoint}/v1/traces` }),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => untracedPaths.has(pathOf(request.url)),
        // Traces often leave the newsroom (a hosted backend): a link's secret must not go with them.
        startIncomingSpanHook: (request) =>
          carriesSecret(request.url) ? { 'url.query': secretLeftOut } : {},
      }),
      new FastifyOtelInstrumentation({
        registerOnInitialization: true,
        // A span per hook would be a dozen per request; the procedure spans say where time went.
        instrumentHooks: false,
        instrumentHandler: false,
        requestHook: (span, request) => {
          // @fastify/otel records the whole URL as url.path; the query is the HTTP span's, if anyone's.
          span.setAttribute('url.path', pathOf(request.url));
          const route = routeOf(request);
          if (route === null) return;
          span.setAttribute('http.route', route);
          // The HTTP server span above takes its name and http.route from here once answered.
          const rpc = core.getRPCMetadata(context.active());
          if (rpc?.type === core.RPCType.HTTP) rpc.route = route;
        },
      }),
      new PgInstrumentation(),
      new UndiciInstrumentation(),
    ],
    // Traces only: the metrics are Prometheus's, and the logs go to stdout.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  // Patching works through require(): modules that ESM imports bypass it. Requiring node:http
  // here patches its Server prototype, which every server shares, however it was imported.
  // (pg is imported only once a PostgreSQL Store opens, after this, and is patched then.)
  createRequire(import.meta.url)('node:http');
  return {
    async stop(timeoutMs = 5_000) {
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
      await Promise.race([sdk.shutdown().catch(() => {}), timeout]);
    },
  };
}

/** What a span says instead of a query that holds a secret. */
const secretLeftOut = '(left out: it holds a secret)';

/**
 * Whether a request's query is a secret: the input of a procedure that takes one (an
 * invitation's key, a preview's token), which the access log leaves out too.
 */
function carriesSecret(url: string | undefined): boolean {
  return pathOf(url).slice(1).split(',').some(takesSecret);
}

function pathOf(url: string | undefined): string {
  const path = url ?? '/';
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}

/**
 * A tRPC request's route is the procedures it calls (`/article.bySlug`, a batch
 * `/section.list,article.related`), so traces can be searched by procedure; an unknown name keeps
 * the adapter's `/:path`, so no caller can mint routes. Other routes are Fastify's own.
 */
function routeOf(request: FastifyRequest): string | null {
  if (request.routeOptions.url !== trpcRoute) return request.routeOptions.url ?? null;
  const { path } = request.params as { path: string };
  return path.split(',').every((name) => typeOf(name) !== undefined) ? `/${path}` : trpcRoute;
}
