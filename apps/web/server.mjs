#!/usr/bin/env node
// Starts the built site: validates the environment first, then runs Astro's standalone server.
import { loadWebConfig } from './config.mjs';

const loaded = loadWebConfig(process.env);
if (!loaded.ok) {
  console.error(loaded.message);
  process.exit(1);
}
process.env.PORT = String(loaded.config.WEB_PORT);
process.env.HOST = loaded.config.WEB_HOST;
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { startServer } = await import('./dist/server/entry.mjs');
const { server } = startServer();

// Requests Node refuses before Astro sees them (an address over 16 KB, say) still get a page
// that says what happened, not a bare status line.
server.server.on('clientError', (error, socket) => {
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
