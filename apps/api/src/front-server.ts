import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ifNoneMatchHits } from './http-cache.js';
import { requestIdOf } from './plugins/request-ids.js';
import type { CachedResponse, ResponseCache } from './response-cache.js';

export interface FrontServerOptions {
  /** Null when the cache is off (API_RESPONSE_CACHE_MB=0): every request goes to Fastify. */
  cache: ResponseCache | null;
  /** Cross-origin requests go the long way when CORS is configured, for their CORS headers. */
  corsConfigured: boolean;
  /** Slow clients must not hold connections forever: see API_HEADERS_TIMEOUT_MS and API_REQUEST_TIMEOUT_MS. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** While the API closes, every request goes to Fastify, which refuses it properly. */
  closing: () => boolean;
  /**
   * Called for each answer sent from here, with what it sent and how long that took (debug
   * logging, a line each costing more than the answer; metrics).
   */
  onAnswer: (
    request: IncomingMessage,
    response: ServerResponse,
    answer: { requestId: string; sent: CachedResponse; seconds: number },
  ) => void;
}

/**
 * The `node:http` server in front of Fastify (its `serverFactory`). It holds the connection
 * timeouts, and answers from the response cache before Fastify sees the request: a hit costs a
 * Map lookup and one write, not Fastify's request and reply objects, hooks and logger. The
 * cached bytes carry every header of the first answer (security headers, Cache-Control, ETag,
 * Vary), so a hit is the same answer, with this request's id. Whatever is not a hit goes to
 * Fastify unchanged, except that while one request for a URL is being answered, others for the
 * same URL wait and are answered from what it kept: a page wanted by many at once is built once.
 */
export function createFrontServer(
  options: FrontServerOptions,
  fastifyHandler: (request: IncomingMessage, response: ServerResponse) => void,
): Server {
  const { cache, corsConfigured, closing, onAnswer, headersTimeoutMs, requestTimeoutMs } = options;
  const timeouts = {
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    // Node looks for timed-out requests every 30 s by default, which would let a slow sender
    // hold a connection for the timeout plus up to 30 s.
    connectionsCheckingInterval: 1_000,
    // Fastify's own default, longer than the 60 s idle timeout of common load balancers.
    keepAliveTimeout: 72_000,
  };
  /** Requests for a URL that is being built now: the others wait for that build (single flight). */
  const building = new Map<string, Promise<void>>();

  /** Sends a kept answer, with this request's id; false when there is none to send. */
  function answer(request: IncomingMessage, response: ServerResponse, url: string): boolean {
    const started = performance.now();
    const hit = cache?.get(url);
    if (!hit) return false;
    const requestId = requestIdOf(request.headers['x-request-id']);
    if (ifNoneMatchHits(request.headers['if-none-match'], hit.etag)) {
      response.writeHead(304, [...hit.notModifiedHeaders, 'x-request-id', requestId]);
      response.end();
    } else {
      response.writeHead(200, [...hit.headers, 'x-request-id', requestId]);
      response.end(hit.body);
    }
    onAnswer(request, response, { requestId, sent: hit, seconds: (performance.now() - started) / 1_000 });
    return true;
  }

  return createServer(timeouts, (request, response) => {
    const { headers, url } = request;
    const cacheable =
      cache !== null &&
      url !== undefined &&
      request.method === 'GET' &&
      headers.authorization === undefined &&
      headers['trpc-accept'] === undefined &&
      !(corsConfigured && headers.origin !== undefined) &&
      !closing();
    if (!cacheable) return fastifyHandler(request, response);
    if (answer(request, response, url)) return;
    const pending = building.get(url);
    if (pending) {
      // Answered from what that build keeps; if it kept nothing (an error), built here too.
      void pending.then(() => answer(request, response, url) || fastifyHandler(request, response));
      return;
    }
    let built = () => {};
    building.set(
      url,
      new Promise<void>((resolve) => {
        built = resolve;
      }),
    );
    response.on('close', () => {
      building.delete(url);
      built();
    });
    fastifyHandler(request, response);
  });
}
