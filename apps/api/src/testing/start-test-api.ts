import type { AddressInfo } from 'node:net';
import type { Store } from '@newsroom/db';
import type { FastifyInstance } from 'fastify';
import { type CreateApiOptions, createApi } from '../app.js';
import type { ApiConfig } from '../config.js';

export interface TestApi {
  /** The API's base URL, e.g. `http://127.0.0.1:54321` (procedures at `${url}/article.list`). */
  url: string;
  /** Stops the server (in-flight requests finish first). The Store stays open: it is the caller's. */
  close(): Promise<void>;
  /** The Fastify instance, for tests that look inside (its cache's follower of the outbox). */
  app: FastifyInstance;
}

/** Every test request comes from 127.0.0.1: limits would only get in the way of tests of other things. */
const unlimited = 1_000_000;

/**
 * The API on 127.0.0.1 at a free port, for tests that call it over real HTTP: silent logs, no
 * scheduler and no rate limits, unless `config` asks for them (`API_SCHEDULER_INTERVAL_MS: 200`,
 * `API_RATE_LIMIT_WRITES: 3`, say). With `logDestination`, log lines go there instead (at the
 * config's LOG_LEVEL).
 */
export async function startTestApi(
  store: Store,
  config: Partial<ApiConfig> = {},
  logDestination?: CreateApiOptions['logDestination'],
): Promise<TestApi> {
  const app = await createApi({
    store,
    config: {
      LOG_LEVEL: 'silent',
      API_SCHEDULER_INTERVAL_MS: 0,
      // Tests that deliver webhooks turn delivery on themselves, with a receiver of their own.
      WEBHOOK_SENDS: 0,
      API_RATE_LIMIT_WRITES: unlimited,
      API_RATE_LIMIT_COMMENTS: unlimited,
      API_RATE_LIMIT_BAD_TOKENS: unlimited,
      ...config,
    },
    ...(logDestination ? { logDestination } : { logger: false }),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close(), app };
}

// Still used by apps/web's tests; the API's own tests and stress helpers bind port 0 instead.
export { freePort } from './free-port.js';
