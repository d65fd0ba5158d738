import { observedStore, type Store } from '@newsroom/db';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { type DestinationStream, pino } from 'pino';
import { type ApiConfig, defaultApiConfig, deskSettingsOf } from './config.js';
import { createFrontServer } from './front-server.js';
import { traceIdsOfActiveSpan } from './log-trace-ids.js';
import { PictureWork } from './media/picture-work.js';
import { createApiMetrics } from './metrics/api-metrics.js';
import { accessLog } from './plugins/access-log.js';
import { cachePurge } from './plugins/cache-purge.js';
import { changeStream } from './plugins/change-stream.js';
import { cors } from './plugins/cors.js';
import { answerClientError, errorAnswers } from './plugins/error-answers.js';
import { eventStream } from './plugins/event-stream.js';
import { gracefulClose } from './plugins/graceful-close.js';
import { health } from './plugins/health.js';
import { httpCaching } from './plugins/http-caching.js';
import { mediaFiles } from './plugins/media-files.js';
import { mediaUpload } from './plugins/media-upload.js';
import { openApi } from './plugins/openapi.js';
import { rateLimits } from './plugins/rate-limits.js';
import { requestChecks } from './plugins/request-checks.js';
import { requestIdOf, requestIds } from './plugins/request-ids.js';
import { requestMetrics } from './plugins/request-metrics.js';
import { scheduler } from './plugins/scheduler.js';
import { securityHeaders } from './plugins/security-headers.js';
import { trpcCalls } from './plugins/trpc-calls.js';
import { trpcMount } from './plugins/trpc-mount.js';
import { webhookDeliveries } from './plugins/webhook-deliveries.js';
import { ResponseCache } from './response-cache.js';

export interface CreateApiOptions {
  store: Store;
  /** Overrides of the defaults (the environment is read by main.ts, not here). */
  config?: Partial<ApiConfig>;
  /** JSON log lines at LOG_LEVEL (default true); false logs nothing at all. */
  logger?: boolean;
  /** Where log lines go instead of stdout: tests read them from here. */
  logDestination?: DestinationStream;
  /** Whether an OpenTelemetry SDK runs in this process (main.ts): Store calls then get spans. */
  tracing?: boolean;
}

/**
 * The API as a Fastify instance, not yet listening: tRPC procedures at `/<router>.<procedure>`
 * (plain JSON, batches with `?batch=1`), `/healthz` and `/readyz`, `/changes`, security headers,
 * CORS, rate limits on writes, HTTP caching of public reads, and the scheduler and webhook
 * deliveries, which start when the instance is ready and stop when it closes. Each concern is a plugin (src/plugins/),
 * registered here in the order its hooks must run. Closing it leaves the Store open: the Store
 * is the caller's.
 */
export async function createApi(options: CreateApiOptions): Promise<FastifyInstance> {
  const config: ApiConfig = { ...defaultApiConfig(), ...options.config };
  const cache =
    config.API_RESPONSE_CACHE_MB > 0
      ? new ResponseCache({
          maxBytes: config.API_RESPONSE_CACHE_MB * 1_048_576,
          ttlMs: config.API_RESPONSE_CACHE_TTL_S * 1_000,
        })
      : null;
  // Counted only when someone scrapes them (METRICS_PORT set: main.ts serves app.metrics).
  const metrics =
    config.METRICS_PORT === undefined ? null : createApiMetrics({ store: options.store, cache });
  // Every Store call is timed (metrics) and becomes a span (tracing) only when one of them is
  // on: otherwise the Store is used as it is.
  const store = metrics || options.tracing ? observedStore(options.store, metrics?.storeCall) : options.store;

  const app: FastifyInstance = Fastify({
    serverFactory: (handler) =>
      createFrontServer(
        {
          cache,
          corsConfigured: config.API_CORS_ORIGINS.length > 0,
          headersTimeoutMs: config.API_HEADERS_TIMEOUT_MS,
          requestTimeoutMs: config.API_REQUEST_TIMEOUT_MS,
          closing: () => app.closing,
          onAnswer: (request, response, { requestId, sent, seconds }) => {
            if (metrics) {
              metrics.requests.observe(sent.route, 'GET', response.statusCode, seconds);
              metrics.responseCache('hit');
            }
            app.log.debug(
              { reqId: requestId, url: request.url, statusCode: response.statusCode },
              'Answered from the response cache',
            );
          },
        },
        handler,
      ),
    ...(options.logger === false ? {} : { loggerInstance: logger(config, options.logDestination) }),
    genReqId: (req) => requestIdOf(req.headers['x-request-id']),
    trustProxy:
      typeof config.API_TRUST_PROXY === 'number' ? trustHops(config.API_TRUST_PROXY) : config.API_TRUST_PROXY,
    bodyLimit: config.API_MAX_BODY_BYTES,
    // A batch names every procedure in one path segment; the 16 KB header cap bounds it anyway.
    routerOptions: { maxParamLength: 8_192 },
    // Requests that arrive while closing get a tRPC-shaped 503 (plugins/graceful-close.ts).
    return503OnClosing: false,
    clientErrorHandler: answerClientError,
    // One line per request (plugins/access-log.ts) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
  });

  // Hooks run in the order their plugins are registered: headers first, so every answer has
  // them; refusals before limits; limits before anything reads a body.
  await app.register(securityHeaders);
  await app.register(requestIds);
  await app.register(trpcCalls);
  await app.register(requestMetrics, { metrics });
  await app.register(openApi, {
    store,
    desk: deskSettingsOf(config),
    webhookAllowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
  });
  await app.register(cors, { origins: config.API_CORS_ORIGINS });
  await app.register(gracefulClose);
  await app.register(requestChecks, { maxBatch: config.API_MAX_BATCH });
  await app.register(rateLimits, { store, config });
  await app.register(httpCaching, { cache, sMaxAge: config.API_CACHE_S_MAXAGE, metrics });
  await app.register(cachePurge, { store, cache, metrics });
  await app.register(accessLog);
  await app.register(errorAnswers, { config });
  await app.register(health, { store, maxEventLagS: config.READY_MAX_EVENT_LAG_S });
  await app.register(changeStream, { store });
  await app.register(eventStream, { store, desk: deskSettingsOf(config) });
  const pictures = new PictureWork(store, {
    encodings: config.MEDIA_ENCODINGS,
    maxPixels: config.MEDIA_MAX_PIXELS,
  });
  await app.register(mediaUpload, {
    store,
    desk: deskSettingsOf(config),
    work: pictures,
    maxBytes: config.MEDIA_MAX_BYTES,
  });
  await app.register(mediaFiles, { work: pictures });
  await app.register(trpcMount, {
    store,
    maxBodyBytes: config.API_MAX_BODY_BYTES,
    desk: deskSettingsOf(config),
    webhookAllowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
  });
  await app.register(scheduler, {
    store,
    intervalMs: config.API_SCHEDULER_INTERVAL_MS,
    eventRetentionDays: config.EVENTS_RETENTION_DAYS,
    metrics,
  });
  await app.register(webhookDeliveries, {
    store,
    sends: config.WEBHOOK_SENDS,
    siteUrl: config.SITE_URL,
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
    metrics,
  });
  return app;
}

function logger(config: ApiConfig, destination: DestinationStream | undefined): FastifyBaseLogger {
  return pino(
    {
      level: config.LOG_LEVEL,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: ['req.headers.authorization'],
      // trace_id and span_id on each line written while a span is active (tracing on).
      mixin: traceIdsOfActiveSpan,
    },
    destination,
  ) as FastifyBaseLogger;
}

/** Trusts the nearest `hops` proxies, as a hop count does in Express and proxy-addr. */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}
