import { createHash } from 'node:crypto';
import { normalizeIP } from '@fastify/rate-limit';
import type { Store } from '@newsroom/db';
import type { FastifyRequest } from 'fastify';

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
export function createRateLimiter(store: Store) {
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
