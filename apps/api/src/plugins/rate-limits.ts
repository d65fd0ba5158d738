import { createHash } from 'node:crypto';
import { normalizeIP } from '@fastify/rate-limit';
import type { Store } from '@newsroom/db';
import { TRPCError } from '@trpc/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiConfig } from '../config.js';
import { typeOf } from '../procedures.js';
import { isFetchResponse, type TrpcCall } from './trpc-calls.js';

const minute = 60_000;

export interface RateLimitsOptions {
  store: Store;
  config: Pick<ApiConfig, 'API_RATE_LIMIT_WRITES' | 'API_RATE_LIMIT_COMMENTS' | 'API_RATE_LIMIT_BAD_TOKENS'>;
}

/**
 * Rate limits, checked from the URL and headers before a body is read: writes per client
 * (API_RATE_LIMIT_WRITES), comments per address (API_RATE_LIMIT_COMMENTS), and requests with a
 * token from an address whose tokens were refused too often (API_RATE_LIMIT_BAD_TOKENS). Only
 * writes count: reads are cheap, cacheable, and what every reader does. A refusal is a 429 with
 * Retry-After.
 */
export const rateLimits = fp<RateLimitsOptions>(
  async (app, { store, config }) => {
    const limiter = createRateLimiter(store);
    const writeLimit: RateLimit = { name: 'writes', max: config.API_RATE_LIMIT_WRITES, windowMs: minute };
    const commentLimit: RateLimit = {
      name: 'comments',
      max: config.API_RATE_LIMIT_COMMENTS,
      windowMs: minute,
    };
    const badTokenLimit: RateLimit = {
      name: 'bad-tokens',
      max: config.API_RATE_LIMIT_BAD_TOKENS,
      windowMs: minute,
    };

    async function check(request: FastifyRequest, reply: FastifyReply, call: TrpcCall): Promise<void> {
      if (request.headers.authorization !== undefined) {
        const refused = await limiter.wouldRefuse(badTokenLimit, addressKey(request));
        if (refused.exceeded) {
          request.log.warn({ clientAddress: request.ip }, 'Refused a request: too many refused API tokens');
          tooManyRequests(
            reply,
            refused.retryAfterSeconds,
            `Too many refused API tokens from this address (${config.API_RATE_LIMIT_BAD_TOKENS} a minute)`,
          );
        }
      }
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
        const result = await limiter.hit(limit, client);
        if (result.exceeded && result.retryAfterSeconds >= (exceeded?.retryAfter ?? 0)) {
          exceeded = { retryAfter: result.retryAfterSeconds, what };
        }
      }
      if (exceeded) tooManyRequests(reply, exceeded.retryAfter, `Too many ${exceeded.what}`);
    }

    app.addHook('onRequest', (request, reply, done) => {
      const call = request.trpcCall;
      // An anonymous read touches no counter: the hot path stays free of database work.
      if (!call || (request.headers.authorization === undefined && request.method !== 'POST')) return done();
      check(request, reply, call).then(() => done(), done);
    });

    app.addHook('onSend', (request, reply, payload, done) => {
      if (
        reply.statusCode !== 401 ||
        request.headers.authorization === undefined ||
        isFetchResponse(payload)
      ) {
        return done(null, payload);
      }
      // Counted before the answer leaves, so a client's next guess already sees the count.
      limiter.hit(badTokenLimit, addressKey(request)).then(() => {
        // A security event: someone may be guessing tokens. The token itself is never logged.
        request.log.warn({ clientAddress: request.ip }, 'Refused an API token');
        done(null, payload);
      }, done);
    });
  },
  { name: 'rate-limits', fastify: '5.x', dependencies: ['trpc-calls'] },
);

function tooManyRequests(reply: FastifyReply, retryAfterSeconds: number, what: string): never {
  const seconds = Math.max(1, retryAfterSeconds);
  reply.header('retry-after', String(seconds));
  throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `${what}; retry in ${seconds} s` });
}

/** A limit: at most `max` hits per client per window. */
export interface RateLimit {
  /** Names the limit in its counters' keys, so limits never share a count. */
  name: string;
  max: number;
  windowMs: number;
}

export interface RateLimitVerdict {
  exceeded: boolean;
  /** Until the window ends, in whole seconds (at least 1). */
  retryAfterSeconds: number;
}

/**
 * Rate limits counted in the database (the Store's rateLimits), so every API process behind a
 * load balancer counts against the same window: fixed windows, one upsert per hit.
 */
function createRateLimiter(store: Store) {
  function verdict(limit: RateLimit, hits: number, windowEndsAt: Date, now: number): RateLimitVerdict {
    return {
      exceeded: hits > limit.max,
      retryAfterSeconds: Math.max(1, Math.ceil((windowEndsAt.getTime() - now) / 1000)),
    };
  }
  return {
    /** Counts a hit for `client`; exceeded once the hits are more than the limit allows. */
    async hit(limit: RateLimit, client: string): Promise<RateLimitVerdict> {
      const now = new Date();
      const window = await store.rateLimits.hit(`${limit.name}:${client}`, limit.windowMs, now);
      return verdict(limit, window.hits, window.windowEndsAt, now.getTime());
    },
    /** Whether one more hit would be refused, without counting one. */
    async wouldRefuse(limit: RateLimit, client: string): Promise<RateLimitVerdict> {
      const now = new Date();
      const window = await store.rateLimits.peek(`${limit.name}:${client}`, now);
      return verdict(limit, window.hits + 1, window.windowEndsAt, now.getTime());
    },
  };
}

/** The client's address; IPv6 by its /64, since one host commonly holds a whole /64. */
export function addressKey(request: FastifyRequest): string {
  return `address:${normalizeIP(request.ip)}`;
}

/** Who a write counts against: the token when there is one (a newsroom shares an address), else the address. */
export function clientKey(request: FastifyRequest): string {
  const token = /^Bearer (\S{1,200})$/.exec(request.headers.authorization ?? '')?.[1];
  // Hashed, so the counters never hold a secret.
  if (token) return `token:${createHash('sha256').update(token).digest('base64url')}`;
  return addressKey(request);
}
