#!/usr/bin/env node
/** Starts the API: validates the environment, opens (and migrates) the Store, listens, and stops cleanly. */
import { displayDatabaseUrl, openStore, type Store } from '@newsroom/db';
import { tracingSettingsOf } from '@newsroom/domain';
import { type MetricsServer, serveMetrics } from '@newsroom/metrics';
import { createApi } from './app.js';
import { loadApiConfig } from './config.js';

const loaded = loadApiConfig(process.env);
if (!loaded.ok) {
  console.error(loaded.message);
  process.exit(1);
}
const { config } = loaded;

const tracingLoaded = tracingSettingsOf(process.env, 'newsroom-api');
if (!tracingLoaded.ok) {
  console.error(tracingLoaded.message);
  process.exit(1);
}
// Started before the Store opens (pg is patched as it loads); without an endpoint no SDK is loaded.
const tracing = tracingLoaded.settings
  ? (await import('./tracing.js')).startTracing(tracingLoaded.settings)
  : null;

const database = displayDatabaseUrl(config.DATABASE_URL);
let store: Store;
try {
  store = await openStore(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE });
} catch (error) {
  // An unreachable server or an unwritable file: one line, not a stack trace.
  console.error(`API cannot open the database ${database}: ${(error as Error).message}`);
  // The failed connection's spans, for whoever looks at the traces.
  await tracing?.stop();
  process.exit(1);
}
const app = await createApi({ store, config, tracing: tracing !== null });

let url: string;
try {
  url = await app.listen({ port: config.API_PORT, host: config.API_HOST });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  app.log.fatal({ err: error }, `API cannot listen on ${config.API_HOST}:${config.API_PORT}: ${code}`);
  await store.close();
  await tracing?.stop();
  process.exit(1);
}
let metricsServer: MetricsServer | null = null;
if (app.metrics && config.METRICS_PORT !== undefined) {
  try {
    metricsServer = await serveMetrics(app.metrics.registry, {
      host: config.METRICS_HOST,
      port: config.METRICS_PORT,
    });
  } catch (error) {
    console.error((error as Error).message);
    await app.close();
    await store.close();
    await tracing?.stop();
    process.exit(1);
  }
}
app.log.info({ database, url, ...(metricsServer ? { metrics: metricsServer.url } : {}) }, 'API ready');
// A parent that started this process with an IPC channel (a process manager, the stress tests'
// spawnApi) learns where it listens, API_PORT=0 included; the channel must not keep it alive.
if (process.send) {
  process.send({ ready: url });
  process.channel?.unref();
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'Stopping: finishing in-flight requests');
  // In-flight requests get API_SHUTDOWN_TIMEOUT_MS to finish; a client that holds on longer
  // loses its connection rather than keeping the process (and the deploy) waiting.
  const timeout = new Promise<'timeout'>((resolve) =>
    setTimeout(resolve, config.API_SHUTDOWN_TIMEOUT_MS, 'timeout').unref(),
  );
  const closed = Promise.all([app.close(), metricsServer?.close()]).then(() => 'closed' as const);
  const outcome = await Promise.race([closed, timeout]);
  if (outcome === 'timeout') {
    app.log.warn({ timeoutMs: config.API_SHUTDOWN_TIMEOUT_MS }, 'In-flight requests did not finish in time');
    app.server.closeAllConnections();
  }
  try {
    await store.close();
  } catch (error) {
    app.log.error({ err: error }, 'Closing the database failed');
  }
  app.log.info('Stopped');
  // The last requests' spans are sent before the process goes.
  await tracing?.stop();
  process.exit(outcome === 'closed' ? 0 : 1);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
