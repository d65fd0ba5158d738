import type { Store } from '@newsroom/db';
import type { FastifyPluginAsync } from 'fastify';
import { eventLagSeconds } from '../metrics/api-metrics.js';

export interface HealthOptions {
  store: Store;
  /** READY_MAX_EVENT_LAG_S: past this lag /readyz answers 503; 0 only reports the lag. */
  maxEventLagS: number;
}

/**
 * `GET /healthz`: 200 while the process runs, without asking the database (for restarts).
 * `GET /readyz`: 200 while the database answers, else 503 (for load balancers); it also says
 * how far webhook delivery lags behind the outbox (`eventLagSeconds`, the age of the oldest
 * event not yet planned), and is 503 past READY_MAX_EVENT_LAG_S when that is set.
 */
export const health: FastifyPluginAsync<HealthOptions> = async (app, { store, maxEventLagS }) => {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    let lag: number | null = null;
    try {
      if (await store.ping())
        lag = eventLagSeconds((await store.webhooks.waitingEvents()).oldestAt, new Date());
    } catch (error) {
      request.log.warn({ err: error }, 'Readiness check: the database failed');
    }
    if (lag === null) {
      return reply.code(503).send({ status: 'unavailable', message: 'The database is not answering' });
    }
    const seconds = Math.round(lag);
    if (maxEventLagS > 0 && lag > maxEventLagS) {
      return reply.code(503).send({
        status: 'lagging',
        eventLagSeconds: seconds,
        message: `Webhook delivery is ${seconds} s behind the outbox (READY_MAX_EVENT_LAG_S is ${maxEventLagS})`,
      });
    }
    return { status: 'ready', eventLagSeconds: seconds };
  });
};
