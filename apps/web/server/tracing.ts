/**
 * The OpenTelemetry SDK for the site. server.mjs imports this file only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set: without it no SDK code is loaded at all.
 */
import { createRequire } from 'node:module';
import type { TracingSettings } from '@newsroom/domain';
import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';

export interface Tracing {
  /** `message`, with the active span's trace and span ids when there is one. */
  withTraceIds(message: string): string;
  /** Sends the spans still waiting, then stops (at most `timeoutMs`: a dead collector must not hold up a stop). */
  stop(timeoutMs?: number): Promise<void>;
}

const untracedPaths = new Set(['/healthz', '/metrics']);

function pathOf(url: string | undefined): string {
  const path = url ?? '/';
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}

/**
 * Starts the SDK: a server span for each request the site answers (pages from its cache too),
 * and a client span for each call to the API through fetch, which carries the trace on to the
 * API in `traceparent`, so a reader's page and the API's work for it are one trace. Sent as
 * OTLP/HTTP JSON to `<endpoint>/v1/traces`; the sampler, the batching and the resource come
 * from the standard OTEL_* variables, which the SDK reads and `tracingSettingsOf` has checked.
 */
export function startTracing(settings: TracingSettings): Tracing {
  const sdk = new NodeSDK({
    serviceName: settings.serviceName,
    traceExporter: new OTLPTraceExporter({ url: `${settings.endpoint}/v1/traces` }),
    instrumentations: [
      new HttpInstrumentation({
        // Health checks and Prometheus's scrapes (WEB_METRICS_PORT) would bury the readers' traces.
        ignoreIncomingRequestHook: (request) => untracedPaths.has(pathOf(request.url)),
        // Traces often leave the newsroom (a hosted backend): a preview link's token must not go with them.
        startIncomingSpanHook: (request) =>
          pathOf(request.url).startsWith('/preview/') ? { 'url.path': '/preview/[token]' } : {},
      }),
      new UndiciInstrumentation({
        // The API's event stream stays open for the process's life: its span would never end.
        ignoreRequestHook: (request) => request.path.startsWith('/events'),
        requestHook: (span, request) => {
          // The preview page asks the API for its story with the link's token as input.
          if (!pathOf(request.path).includes('preview.')) return;
          span.setAttribute('url.full', `${request.origin}${pathOf(request.path)}`);
          span.setAttribute('url.query', '(left out: it holds a secret)');
        },
      }),
    ],
    // Traces only: the metrics are Prometheus's, and the logs go to stdout.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  // Patching works through require(): modules that ESM imports bypass it. Requiring node:http
  // here patches its Server prototype, which the site server shares however it imports it.
  // fetch needs no patching: its spans come from undici's diagnostics channels.
  createRequire(import.meta.url)('node:http');
  return {
    withTraceIds(message) {
      const span = trace.getActiveSpan();
      if (span === undefined) return message;
      const { traceId, spanId } = span.spanContext();
      return `${message} (trace_id=${traceId} span_id=${spanId})`;
    },
    async stop(timeoutMs = 5_000) {
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
      await Promise.race([sdk.shutdown().catch(() => {}), timeout]);
    },
  };
}
