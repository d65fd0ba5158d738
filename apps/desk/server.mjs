#!/usr/bin/env node
// Starts the built desk: validates the environment first, then serves Astro's standalone handler
// (the built client files, then the pages) from a node:http server of our own, so a port taken
// or a wrong setting is one line and the address printed is the port it really got.
import { createServer } from 'node:http';
import { loadDeskConfig } from './config.mjs';
import { deskRequestHandler } from './request-handler.mjs';

const loaded = loadDeskConfig(process.env);
if (!loaded.ok) {
  console.error(loaded.message);
  process.exit(1);
}
const { config } = loaded;
// The adapter would start its own server on import; ours listens on DESK_HOST:DESK_PORT instead.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = await import('./dist/server/entry.mjs');

// Prometheus's scrape address, on a port of its own (never the one people use).
let metricsServer = null;
let requests = null;
if (config.DESK_METRICS_PORT !== undefined) {
  const { newRegistry, requestMetrics, serveMetrics } = await import('@newsroom/metrics');
  const registry = newRegistry();
  requests = requestMetrics(registry);
  try {
    metricsServer = await serveMetrics(registry, {
      host: config.DESK_METRICS_HOST,
      port: config.DESK_METRICS_PORT,
    });
    console.log(`Desk metrics at ${metricsServer.url}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

const server = createServer(
  deskRequestHandler({
    astro: handler,
    maxUploadBytes: config.MEDIA_MAX_BYTES,
    requests,
  }),
);

function cannotListen(error) {
  console.error(
    `Desk cannot listen on ${config.DESK_HOST}:${config.DESK_PORT}: ${error.code ?? error.message}`,
  );
  process.exit(1);
}
server.once('error', cannotListen);
server.listen(config.DESK_PORT, config.DESK_HOST, () => {
  server.off('error', cannotListen);
  // The port it got: DESK_PORT=0 lets the system choose one.
  console.log(`Desk listening on http://${config.DESK_HOST}:${server.address().port}`);
});

// A stop lets requests in flight finish; idle keep-alive connections are closed at once.
function shutdown(signal) {
  console.log(`Desk stopping (${signal}): finishing the requests in flight`);
  metricsServer?.close();
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => {
    server.closeAllConnections();
    process.exit(1);
  }, 10_000).unref();
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
