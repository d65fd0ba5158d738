import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiMetrics } from '../metrics/api-metrics.js';
import { routeLabelOf } from '../metrics/route-label.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** What this API counts for Prometheus; null when METRICS_PORT is unset. */
    metrics: ApiMetrics | null;
  }
}

/**
 * Times every answer Fastify sends, by route, method and status (answers from the response
 * cache are timed by the front server, app.ts). Nothing is added when metrics are off.
 */
export const requestMetrics = fp<{ metrics: ApiMetrics | null }>(
  async (app: FastifyInstance, { metrics }) => {
    app.decorate('metrics', metrics);
    if (!metrics) return;
    app.addHook('onResponse', (request, reply, done) => {
      metrics.requests.observe(
        routeLabelOf(request),
        request.method,
        reply.statusCode,
        reply.elapsedTime / 1_000,
      );
      done();
    });
  },
  { name: 'request-metrics', fastify: '5.x', dependencies: ['trpc-calls'] },
);
