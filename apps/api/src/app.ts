import type { OutgoingHttpHeaders } from 'node:http';
import cors from '@fastify/cors';
import type { Store } from '@newsroom/db';
import { TRPCError } from '@trpc/server';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { type DestinationStream, pino } from 'pino';
import { cachedAnswersServer, rawHeadersOf, requestIdOf } from './cached-answers.js';
import { registerChangeStream } from './change-stream.js';
import { type ApiConfig, defaultApiConfig } from './config.js';
import { createHttpContextFactory } from './context.js';
import { registerDirectQueries } from './direct-queries.js';
import {
  answerClientError,
  logStoreFault,
  retryAfterHeaders,
  sendTrpcError,
  trpcErrorOf,
} from './error-answers.js';
import {
  etagOf,
  ifNoneMatchHits,
  noStoreCacheControl,
  privateCacheControl,
  publicCacheControl,
} from './http-cache.js';
import { typeOf } from './procedures.js';
import { addressKey, clientKey, createRateLimiter, type RateLimit } from './rate-limits.js';
import { ResponseCache } from './response-cache.js';
import { type AppRouter, appRouter } from './root.js';
import { createScheduler } from './scheduler.js';
import { securityHeaders } from './security-headers.js';

export interface CreateApiOptions {
  store: Store;
  /** Overrides of the defaults (the environment is read by main.ts, not here). */
  config?: Partial<ApiConfig>;
  /** JSON log lines at LOG_LEVEL (default true); false logs nothing at all. */
  logger?: boolean;
  /** Where log lines go instead of stdout: tests read them from here. */
  logDestination?: DestinationStream;
}

/** The route the tRPC plugin serves: one path segment, `article.list` or a batch `a.b,c.d`. */
const trpcRoute = '/:path';
const minute = 60_000;
/** How long a cached answer may live if no change notice clears it first. */
const responseCacheTtlMs = minute;

/** The procedures a tRPC request calls, read from its URL before anything else runs. */
interface TrpcCall {
  batch: boolean;
  paths: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    trpcCall: TrpcCall | null;
    /** The response cache's generation when a cacheable read arrived, else null. */
    cacheGeneration: number | null;
  }
}

/**
 * The API as a Fastify instance, not yet listening: tRPC procedures at `/<router>.<procedure>`
 * (plain JSON, batches with `?batch=1`), `/healthz` and `/readyz`, security headers, CORS,
 * rate limits on writes, HTTP caching of public reads, and the scheduler, which starts when
 * the instance is ready and stops when it closes. Closing it leaves the Store open: the Store
 * is the caller's.
 */
export async function createApi(options: CreateApiOptions): Promise<FastifyInstance> {
  const { store } = options;
  const config: ApiConfig = { ...defaultApiConfig(), ...options.config };

  const cache =
    config.API_RESPONSE_CACHE_MB > 0
      ? new ResponseCache({ maxBytes: config.API_RESPONSE_CACHE_MB * 1_048_576, ttlMs: responseCacheTtlMs })
      : null;
  let closing = false;
  const app = Fastify({
    serverFactory: (handler) =>
      cachedAnswersServer(
        {
          cache,
          corsConfigured: config.API_CORS_ORIGINS.length > 0,
          headersTimeoutMs: config.API_HEADERS_TIMEOUT_MS,
          requestTimeoutMs: config.API_REQUEST_TIMEOUT_MS,
          closing: () => closing,
          onAnswer: (request, response, requestId) =>
            app.log.debug(
              { reqId: requestId, url: request.url, statusCode: response.statusCode },
              'Answered from the response cache',
            ),
        },
        handler,
      ),
    ...(options.logger === false
      ? {}
      : {
          loggerInstance: pino(
            {
              level: config.LOG_LEVEL,
              timestamp: pino.stdTimeFunctions.isoTime,
              redact: ['req.headers.authorization'],
            },
            options.logDestination,
          ) as FastifyBaseLogger,
        }),
    genReqId: (req) => requestIdOf(req.headers['x-request-id']),
    trustProxy:
      typeof config.API_TRUST_PROXY === 'number' ? trustHops(config.API_TRUST_PROXY) : config.API_TRUST_PROXY,
    bodyLimit: config.API_MAX_BODY_BYTES,
    // A batch names every procedure in one path segment; the 16 KB header cap bounds it anyway.
    routerOptions: { maxParamLength: 8_192 },
    // Requests that arrive while closing get a tRPC-shaped 503 from the onRequest hook below.
    return503OnClosing: false,
    clientErrorHandler: answerClientError,
    // One line per request (the onResponse hook below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.addHook('preClose', async () => {
    closing = true;
  });

  if (cache) {
    // Any write, in this process or another on the same database, may change any answer.
    const unsubscribe = store.changes.subscribe(() => cache.clear());
    app.addHook('onClose', async () => unsubscribe());
  }

  app.decorateRequest('trpcCall', null);
  app.decorateRequest('cacheGeneration', null);
  const headersForEveryAnswer = securityHeaders();
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headersForEveryAnswer);
    reply.header('x-request-id', request.id);
    request.trpcCall = trpcCallOf(request);
    done();
  });

  await app.register(cors, {
    // No origins configured: no CORS headers at all, so browsers allow same-origin calls only.
    origin: config.API_CORS_ORIGINS.length > 0 ? config.API_CORS_ORIGINS : false,
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'trpc-accept', 'x-request-id'],
    exposedHeaders: ['etag', 'retry-after', 'x-request-id'],
    maxAge: 600,
  });

  const rateLimiter = createRateLimiter(store);
  const writeLimit: RateLimit = { name: 'writes', max: config.API_RATE_LIMIT_WRITES, windowMs: minute };
  const commentLimit: RateLimit = { name: 'comments', max: config.API_RATE_LIMIT_COMMENTS, windowMs: minute };
  const badTokenLimit: RateLimit = {
    name: 'bad-tokens',
    max: config.API_RATE_LIMIT_BAD_TOKENS,
    windowMs: minute,
  };

  // Checks that need only the URL and headers, so an oversized batch or a flood is refused
  // before its body is read.
  app.addHook('onRequest', async (request, reply) => {
    if (closing) {
      reply.header('connection', 'close');
      throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'The API is shutting down; try again' });
    }
    const call = request.trpcCall;
    if (!call) return;
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') {
      reply.header('allow', 'GET, HEAD, POST');
      throw new TRPCError({
        code: 'METHOD_NOT_SUPPORTED',
        message: `${request.method} is not supported: use GET for queries and POST for mutations`,
      });
    }
    // tRPC would answer other types itself, but as JSON labelled text/plain, and it also reads
    // multipart and binary bodies, which no procedure here takes.
    if (request.method === 'POST' && !isJson(request.headers['content-type'])) {
      throw new TRPCError({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Send the input as a JSON body with Content-Type: application/json',
      });
    }
    if (call.batch && call.paths.length > config.API_MAX_BATCH) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `A batch may hold at most ${config.API_MAX_BATCH} calls (API_MAX_BATCH); this one has ${call.paths.length}`,
      });
    }

    if (request.headers.authorization !== undefined) {
      const refused = await rateLimiter.wouldRefuse(badTokenLimit, addressKey(request));
      if (refused.exceeded) {
        request.log.warn({ clientAddress: request.ip }, 'Refused a request: too many refused API tokens');
        tooManyRequests(
          reply,
          refused.retryAfterSeconds,
          `Too many refused API tokens from this address (${config.API_RATE_LIMIT_BAD_TOKENS} a minute)`,
        );
      }
    } else if (cache && request.method === 'GET' && call.paths.every((path) => typeOf(path) === 'query')) {
      request.cacheGeneration = cache.generation;
    }

    // Only writes are limited: reads are cheap, cacheable, and what every reader does.
    if (request.method !== 'POST') return;
    const limits: { limit: RateLimit; client: string; what: string }[] = [];
    for (const path of call.paths) {
      if (typeOf(path) !== 'mutation') continue;
      limits.push({
        limit: writeLimit,
        client: clientKey(request),
        what: `writes (${config.API_RATE_LIMIT_WRITES} a minute per client, API_RATE_LIMIT_WRITES)`,
      });
      if (path === 'comment.create') {
        limits.push({
          limit: commentLimit,
          client: addressKey(request),
          what: `comments (${config.API_RATE_LIMIT_COMMENTS} a minute per address, API_RATE_LIMIT_COMMENTS)`,
        });
      }
    }
    // Every call in a batch counts, so batching cannot multiply a limit; the strictest one
    // that is exceeded decides the answer.
    let exceeded: { retryAfter: number; what: string } | null = null;
    for (const { limit, client, what } of limits) {
      const result = await rateLimiter.hit(limit, client);
      if (result.exceeded && result.retryAfterSeconds >= (exceeded?.retryAfter ?? 0)) {
        exceeded = { retryAfter: result.retryAfterSeconds, what };
      }
    }
    if (exceeded) tooManyRequests(reply, exceeded.retryAfter, `Too many ${exceeded.what}`);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    // A request that was in flight when close() began: answer it, then let its connection go,
    // or a keep-alive client would hold the close open.
    if (closing) reply.header('connection', 'close');
    let body = payload;
    // The tRPC adapter answers with a fetch Response; read it here so its status is known and
    // its body can be tagged. Streamed answers (trpc-accept: application/jsonl) pass through.
    if (isFetchResponse(body)) {
      reply.code(body.status);
      for (const [name, value] of body.headers) {
        reply.header(name, name === 'vary' ? appendVary(reply.getHeader('vary'), value) : value);
      }
      if (!body.headers.get('content-type')?.startsWith('application/json')) {
        reply.header('cache-control', noStoreCacheControl);
        return body;
      }
      body = await body.text();
    }
    // Counted before the answer leaves, so a client's next guess already sees the count.
    if (reply.statusCode === 401 && request.headers.authorization !== undefined) {
      await rateLimiter.hit(badTokenLimit, addressKey(request));
      // A security event: someone may be guessing tokens. The token itself is never logged.
      request.log.warn({ clientAddress: request.ip }, 'Refused an API token');
    }

    if (!isPublicRead(request, reply) || typeof body !== 'string') {
      const authenticated = request.headers.authorization !== undefined && reply.statusCode < 400;
      reply.header('cache-control', authenticated ? privateCacheControl : noStoreCacheControl);
      return body;
    }
    const bytes = Buffer.from(body);
    const etag = etagOf(bytes);
    reply.header('cache-control', publicCacheControl(config.API_CACHE_S_MAXAGE));
    reply.header('etag', etag);
    // A token changes what some procedures answer: caches must not hand one reader's copy to another.
    reply.header('vary', appendVary(reply.getHeader('vary'), 'authorization'));
    if (cache && request.cacheGeneration !== null && !closing) {
      // Kept before a 304 below takes content-type away: the next reader may need the body.
      // Fastify types each header more loosely than node:http; the values are the same.
      const { 'x-request-id': _id, ...headers } = reply.getHeaders() as OutgoingHttpHeaders;
      const { 'content-type': _type, 'content-length': _length, ...notModifiedHeaders } = headers;
      cache.set(
        request.url,
        {
          body: bytes,
          etag,
          headers: rawHeadersOf({ ...headers, 'content-length': bytes.byteLength }),
          notModifiedHeaders: rawHeadersOf(notModifiedHeaders),
        },
        request.cacheGeneration,
      );
    }
    if (ifNoneMatchHits(request.headers['if-none-match'], etag)) {
      reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-length');
      return null;
    }
    return bytes;
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url.length > 300 ? `${request.url.slice(0, 300)}…` : request.url,
        statusCode: reply.statusCode,
        responseTimeMs: Math.round(reply.elapsedTime),
        clientAddress: request.ip,
      },
      'Request completed',
    );
  });

  app.setErrorHandler((error, request, reply) => {
    const trpcError = trpcErrorOf(error, request, config);
    if (trpcError.code === 'INTERNAL_SERVER_ERROR') request.log.error({ err: error }, 'Unexpected error');
    return sendTrpcError(request, reply, trpcError);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const message = `Nothing at ${request.method} ${path.slice(0, 200)}: procedures are at /<router>.<procedure>`;
    return sendTrpcError(request, reply, new TRPCError({ code: 'NOT_FOUND', message }));
  });

  registerChangeStream(app, store);
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    let ready = false;
    try {
      ready = await store.ping();
    } catch (error) {
      request.log.warn({ err: error }, 'Readiness check: the database failed');
    }
    if (ready) return { status: 'ready' };
    return reply.code(503).send({ status: 'unavailable', message: 'The database is not answering' });
  });

  const contextOf = createHttpContextFactory(store);
  const logInternalError = (error: TRPCError, path: string | undefined, request: FastifyRequest) =>
    request.log.error({ err: error.cause ?? error, path }, 'Unexpected error in a procedure');
  registerDirectQueries(app, { contextOf, onInternalError: logInternalError });
  await app.register(fastifyTRPCPlugin, {
    trpcOptions: {
      router: appRouter,
      createContext: contextOf,
      // Fastify's bodyLimit covers JSON, the only type let through; this bounds tRPC's own reads too.
      maxBodySize: config.API_MAX_BODY_BYTES,
      // Lets clients send a query's input as a POST body when it is too long for a URL.
      allowMethodOverride: true,
      onError({ error, path, req }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') logInternalError(error, path, req);
        else logStoreFault(req, error, path);
      },
      responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }),
    },
  } satisfies FastifyTRPCPluginOptions<AppRouter>);

  if (config.API_SCHEDULER_INTERVAL_MS > 0) {
    const scheduler = createScheduler({
      store,
      intervalMs: config.API_SCHEDULER_INTERVAL_MS,
      log: app.log.child({ component: 'scheduler' }),
    });
    app.addHook('onReady', async () => scheduler.start());
    app.addHook('onClose', async () => scheduler.stop());
  }

  return app;
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** Trusts the nearest `hops` proxies, as a hop count does in Express and proxy-addr. */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

function trpcCallOf(request: FastifyRequest): TrpcCall | null {
  if (request.routeOptions.url !== trpcRoute) return null;
  const { path } = request.params as { path: string };
  const batch = (request.query as Record<string, unknown>).batch === '1';
  return { batch, paths: batch ? path.split(',') : [path] };
}

function tooManyRequests(reply: FastifyReply, retryAfterSeconds: number, what: string): never {
  const seconds = Math.max(1, retryAfterSeconds);
  reply.header('retry-after', String(seconds));
  throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `${what}; retry in ${seconds} s` });
}

/** A GET that only reads, for anyone, and succeeded: the same for every reader, so caches may keep it. */
function isPublicRead(request: FastifyRequest, reply: FastifyReply): boolean {
  const call = request.trpcCall;
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    reply.statusCode === 200 &&
    request.headers.authorization === undefined &&
    (call?.paths.every((path) => typeOf(path) === 'query') ?? false)
  );
}

function isFetchResponse(value: unknown): value is Response {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.toString.call(value) === '[object Response]'
  );
}

function appendVary(current: unknown, name: string): string {
  const values = String(current ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  if (values.some((value) => value.toLowerCase() === name.toLowerCase() || value === '*'))
    return values.join(', ');
  return [...values, name].join(', ');
}
