/**
 * The API as main.ts starts it (the same environment, the same createApi), but with the Store
 * chosen here, and no tracing SDK whatever the environment says: `raw` serves the Store as it is,
 * `observed` through observedStore, whose spans then go to OpenTelemetry's no-op tracer. The
 * tracing bench (tracing-cost.ts) sets them against each other and against the shipped API.
 *
 * Run: node src/api-store-variant.ts raw|observed (with DATABASE_URL, API_PORT, … as for main.js).
 */
import { createApi, loadApiConfig } from '@newsroom/api';
import { observedStore, openStore } from '@newsroom/db';

const variant = process.argv[2];
if (variant !== 'raw' && variant !== 'observed') throw new Error('usage: api-store-variant.ts raw|observed');
const loaded = loadApiConfig(process.env);
if (!loaded.ok) throw new Error(loaded.message);
const { config } = loaded;

const opened = await openStore(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE });
const store = variant === 'observed' ? observedStore(opened) : opened;
const app = await createApi({ store, config });
await app.listen({ host: config.API_HOST, port: config.API_PORT });
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app.close().then(() => opened.close());
  });
}
