import type { Store } from '@newsroom/db';
import type { FastifyPluginAsync } from 'fastify';

/**
 * `GET /healthz`: 200 while the process runs, without asking the database (for restarts).
 * `GET /readyz`: 200 while the database answers, else 503 (for load balancers).
 */
export const health: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
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
};
