import type { OutgoingHttpHeaders } from 'node:http';
import { compactCacheKeys } from '@newsroom/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  appendVary,
  etagOf,
  ifNoneMatchHits,
  noStoreCacheControl,
  privateCacheControl,
  publicCacheControl,
} from '../http-cache.js';
import type { ApiMetrics } from '../metrics/api-metrics.js';
import { routeLabelOf } from '../metrics/route-label.js';
import { isShareable, takesSecret } from '../procedures.js';
import { type ResponseCache, rawHeadersOf } from '../response-cache.js';
import { isFetchResponse } from './trpc-calls.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The response cache's sequence when a cacheable read arrived, else null. */
    cacheSequence: number | null;
  }
}

export interface HttpCachingOptions {
  /** This process's cache of public answers, or null when it is off (API_RESPONSE_CACHE_MB=0). */
  cache: ResponseCache | null;
  /** API_CACHE_S_MAXAGE: how long shared caches may serve a public read, in seconds. */
  sMaxAge: number;
  /** Counts the answers built and kept (misses); the front server counts the hits. */
  metrics: ApiMetrics | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route sets Cache-Control and ETag itself, and this plugin leaves its answers alone. */
    ownCaching?: boolean;
  }
}

/**
 * HTTP caching of public reads (GET, 200, no token, queries only): Cache-Control for shared
 * caches, `Vary: authorization`, a strong ETag and 304 for a matching If-None-Match; answers to
 * a token, or to a secret link (preview.article), are `private, no-store`, everything else
 * `no-store`. A public answer names the cache keys of what it was built from (`Surrogate-Key`,
 * `Cache-Tag`: a CDN in front can purge by them) and goes into the response cache under them
 * (`X-Cache: MISS`; the front server answers from it with `X-Cache: HIT`), where an event
 * carrying any of them purges it (events/cache-purge.ts).
 */
export const httpCaching = fp<HttpCachingOptions>(
  async (app, { cache, sMaxAge, metrics }) => {
    app.decorateRequest('cacheSequence', null);
    app.decorateRequest('cacheKeys', null);

    if (cache) {
      // Noted when a read arrives: a purge of one of its keys while the read runs keeps its
      // (maybe old) answer out.
      app.addHook('onRequest', (request, _reply, done) => {
        if (request.method === 'GET' && (sameForEveryReader(request) || keptWhole(request)))
          request.cacheSequence = cache.sequence;
        done();
      });
    }

    /** Puts an answer into the response cache, which the front server answers from. */
    const keep = (request: FastifyRequest, reply: FastifyReply, bytes: Buffer, keys: readonly string[]) => {
      const etag = reply.getHeader('etag');
      if (!cache || request.cacheSequence === null || app.closing || typeof etag !== 'string') return;
      // Fastify types each header more loosely than node:http; the values are the same.
      const { 'x-request-id': _id, ...sent } = reply.getHeaders() as OutgoingHttpHeaders;
      const headers = { ...sent, 'x-cache': 'HIT' };
      const { 'content-type': _type, 'content-length': _length, ...notModifiedHeaders } = headers;
      cache.set(
        request.url,
        {
          body: bytes,
          etag,
          headers: rawHeadersOf({ ...headers, 'content-length': bytes.byteLength }),
          notModifiedHeaders: rawHeadersOf(notModifiedHeaders),
          route: routeLabelOf(request),
        },
        request.cacheSequence,
        keys,
      );
    };

    /** Names the answer's keys for caches in front, and says it was built, not kept. */
    const tagged = (request: FastifyRequest, reply: FastifyReply): string[] => {
      const keys = compactCacheKeys([...(request.cacheKeys ?? [])]) ?? [];
      if (keys.length === 0) return keys;
      reply.header('surrogate-key', keys.join(' '));
      reply.header('cache-tag', keys.join(','));
      if (cache) {
        reply.header('x-cache', 'MISS');
        metrics?.responseCache('miss');
      }
      return keys;
    };

    app.addHook('onSend', (request, reply, payload, done) => {
      // A route that sets its own caching (a picture's immutable variant) keeps it, and its
      // bytes go into the response cache as they are.
      if (request.routeOptions.config.ownCaching) {
        if (reply.statusCode === 200 && Buffer.isBuffer(payload)) {
          const keys = tagged(request, reply);
          if (keys.length > 0) keep(request, reply, payload, keys);
        }
        return done(null, payload);
      }
      // An answer tRPC streams as events is never kept.
      if (isFetchResponse(payload)) {
        reply.header('cache-control', noStoreCacheControl);
        return done(null, payload);
      }
      if (!isPublicRead(request, reply) || typeof payload !== 'string') {
        const authenticated = request.headers.authorization !== undefined && reply.statusCode < 400;
        // A link's secret in the URL makes the answer its holder's, as a token would.
        const personal = authenticated || (request.trpcCall?.paths.some(takesSecret) ?? false);
        reply.header('cache-control', personal ? privateCacheControl : noStoreCacheControl);
        return done(null, payload);
      }
      const bytes = Buffer.from(payload);
      const etag = etagOf(bytes);
      reply.header('cache-control', publicCacheControl(sMaxAge));
      reply.header('etag', etag);
      // A token changes what some procedures answer: caches must not hand one reader's copy to another.
      reply.header('vary', appendVary(reply.getHeader('vary'), 'authorization'));
      // A read that named no keys could not be purged: it is never kept.
      const keys = tagged(request, reply);
      // Kept before a 304 below takes content-type away: the next reader may need the body.
      if (keys.length > 0) keep(request, reply, bytes, keys);
      if (ifNoneMatchHits(request.headers['if-none-match'], etag)) {
        reply.code(304);
        reply.removeHeader('content-type');
        reply.removeHeader('content-length');
        return done(null, null);
      }
      done(null, bytes);
    });
  },
  { name: 'http-caching', fastify: '5.x', dependencies: ['trpc-calls', 'graceful-close'] },
);

/**
 * Queries only, with no token, in tRPC's plain JSON: the answer is the same for every reader
 * of the URL. A `trpc-accept` client asks for another encoding of the same URL (tRPC's streamed
 * batches), which must never be kept and handed to readers who did not ask for it.
 */
/** A route whose whole answer may be kept and sent again as it is (a picture's variant), asked without a token. */
function keptWhole(request: FastifyRequest): boolean {
  return request.routeOptions.config.ownCaching === true && request.headers.authorization === undefined;
}

function sameForEveryReader(request: FastifyRequest): boolean {
  return (
    request.headers.authorization === undefined &&
    request.headers['trpc-accept'] === undefined &&
    (request.trpcCall?.paths.every(isShareable) ?? false)
  );
}

/** A GET that only reads, for anyone, and succeeded: the same for every reader, so caches may keep it. */
function isPublicRead(request: FastifyRequest, reply: FastifyReply): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    reply.statusCode === 200 &&
    sameForEveryReader(request)
  );
}
