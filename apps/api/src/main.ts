#!/usr/bin/env node
/** Starts the API: validates the environment, opens (and migrates) the Store, listens. */
import { openStore } from '@newsroom/db';
import { loadApiConfig } from './config.js';
import { createApiServer } from './http-server.js';

const loaded = loadApiConfig(process.env);
if (!loaded.ok) {
  console.error(loaded.message);
  process.exit(1);
}
const { config } = loaded;

const store = await openStore(config.DATABASE_URL);
const server = createApiServer({ store, maxBodyBytes: config.API_MAX_BODY_BYTES });

server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(`API cannot listen on ${config.API_HOST}:${config.API_PORT}: ${error.code ?? error.message}`);
  process.exit(1);
});
server.listen(config.API_PORT, config.API_HOST, () => {
  console.log(`API ready on http://${config.API_HOST}:${config.API_PORT} (database ${config.DATABASE_URL})`);
});

function shutdown() {
  server.close(() => {
    void store.close().then(() => process.exit(0));
  });
  // Keep-alive connections would hold close() open; a stopping process does not wait for them.
  server.closeAllConnections();
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
