#!/usr/bin/env node
// Starts the built site: validates the environment first, then serves Astro's handler through
// the site server (server/site-server.ts: static files from memory, a page cache, compression).
import { fileURLToPath } from 'node:url';
import { loadWebConfig } from './config.mjs';

const loaded = loadWebConfig(process.env);
if (!loaded.ok) {
  console.error(loaded.message);
  process.exit(1);
}
const { config } = loaded;
const { handler } = await import('./dist/server/entry.mjs');
const { createSiteServer } = await import('./server/site-server.ts');

const site = createSiteServer({
  // Without a `next`, Astro answers every request itself, unknown addresses with its 404 page.
  astro: (req, res) => handler(req, res),
  clientDir: fileURLToPath(new URL('./dist/client/', import.meta.url)),
  pageCacheMb: config.WEB_PAGE_CACHE_MB,
  apiUrl: config.API_URL,
  log: (message) => console.error(message),
});
const { server } = site;

// Requests Node refuses before Astro sees them (an address over 16 KB, say) still get a page
// that says what happened, not a bare status line.
server.on('clientError', (error, socket) => {
  if (!socket.writable) return socket.destroy();
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const text = tooLarge
    ? 'That address is too long for this site.'
    : 'That request is not one this site understands.';
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad request | Newsroom</title></head><body><h1>Bad request</h1><p>${text}</p><p><a href="/">Go to the front page</a></p></body></html>`;
  socket.end(
    `HTTP/1.1 ${status}\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
});

server.listen(config.WEB_PORT, config.WEB_HOST, () => {
  console.log(`Site listening on http://${config.WEB_HOST}:${config.WEB_PORT}`);
});

// A stop lets requests in flight finish; idle keep-alive connections are closed at once.
function shutdown() {
  site.stop();
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => {
    server.closeAllConnections();
    process.exit(1);
  }, 10_000).unref();
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
