#!/usr/bin/env node
// Starts the built site: validates the environment first, then serves Astro's handler through
// the site server (server/site-server.ts: static files from memory, a page cache, compression).
import { fileURLToPath } from 'node:url';
import { tracingSettingsOf } from '@newsroom/domain';
import { loadWebConfig } from './config.mjs';

const loaded = loadWebConfig(process.env);
if (!loaded.ok) {
  console.error(loaded.message);
  process.exit(1);
}
const { config } = loaded;
const tracingLoaded = tracingSettingsOf(process.env, 'newsroom-web');
if (!tracingLoaded.ok) {
  console.error(tracingLoaded.message);
  process.exit(1);
}
// Started before Astro's handler loads; without an endpoint no SDK is loaded at all.
const tracing = tracingLoaded.settings
  ? (await import('./server/tracing.ts')).startTracing(tracingLoaded.settings)
  : null;
const { handler } = await import('./dist/server/entry.mjs');
const { createSiteServer } = await import('./server/site-server.ts');

const site = createSiteServer({
  // Without a `next`, Astro answers every request itself, unknown addresses with its 404 page.
  astro: (req, res, locals) => handler(req, res, undefined, locals),
  clientDir: fileURLToPath(new URL('./dist/client/', import.meta.url)),
  pageCacheMb: config.WEB_PAGE_CACHE_MB,
  apiUrl: config.API_URL,
  log: (message) => console.error(tracing ? tracing.withTraceIds(message) : message),
  metrics: config.WEB_METRICS_PORT !== undefined,
});
const { server } = site;

// Prometheus's scrape address, on a port of its own (never the readers' one).
let metricsServer = null;
if (site.metrics) {
  const { serveMetrics } = await import('@newsroom/metrics');
  try {
    metricsServer = await serveMetrics(site.metrics.registry, {
      host: config.WEB_METRICS_HOST,
      port: config.WEB_METRICS_PORT,
    });
    console.log(`Site metrics at ${metricsServer.url}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

// A port taken or an address this machine does not have is the operator's to fix: one line, no stack.
function cannotListen(error) {
  console.error(
    `Site cannot listen on ${config.WEB_HOST}:${config.WEB_PORT}: ${error.code ?? error.message}`,
  );
  process.exit(1);
}
server.once('error', cannotListen);
server.listen(config.WEB_PORT, config.WEB_HOST, () => {
  server.off('error', cannotListen);
  // The port it got: WEB_PORT=0 lets the system choose one.
  console.log(`Site listening on http://${config.WEB_HOST}:${server.address().port}`);
});

// A stop lets requests in flight finish; idle keep-alive connections are closed at once.
function shutdown(signal) {
  console.log(`Site stopping (${signal}): finishing the requests in flight`);
  site.stop();
  metricsServer?.close();
  server.close(async () => {
    // The last pages' spans are sent before the process goes.
    await tracing?.stop();
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => {
    server.closeAllConnections();
    process.exit(1);
  }, 10_000).unref();
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
