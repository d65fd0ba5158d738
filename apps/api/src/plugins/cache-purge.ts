import type { Store } from '@newsroom/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type CachePurge, followEventsIntoCache } from '../events/cache-purge.js';
import type { ApiMetrics } from '../metrics/api-metrics.js';
import type { ResponseCache } from '../response-cache.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The response cache's follower of the outbox; null when the cache is off. */
    cachePurge: CachePurge | null;
  }
}

/**
 * Purges the response cache by the keys of every event, this process's and others' (see
 * events/cache-purge.ts), from when the instance is ready until it closes.
 */
export const cachePurge = fp<{ store: Store; cache: ResponseCache | null; metrics: ApiMetrics | null }>(
  async (app: FastifyInstance, { store, cache, metrics }) => {
    app.decorate('cachePurge', null);
    if (!cache) return;
    app.addHook('onReady', async () => {
      app.cachePurge = await followEventsIntoCache({
        store,
        cache: {
          purge(keys) {
            const dropped = cache.purge(keys);
            metrics?.responseCachePurged(dropped);
            return dropped;
          },
        },
        onError: (error) =>
          app.log.error({ err: error }, 'Reading events to purge the response cache failed'),
      });
    });
    // A write is answered once this process's cache has let go of what it changed: whoever
    // wrote reads it back at once, from this process at least.
    app.addHook('onSend', async (request, _reply, payload) => {
      if (request.method === 'POST') await app.cachePurge?.catchUp();
      return payload;
    });
    app.addHook('onClose', async () => app.cachePurge?.stop());
  },
  { name: 'cache-purge', fastify: '5.x' },
);
