#!/usr/bin/env node
// Starts the built site: validates the environment first, then hands the port to Astro's server.
import { loadWebConfig } from './config.mjs';

const loaded = loadWebConfig(process.env);
if (!loaded.ok) {
  console.error(loaded.message);
  process.exit(1);
}
process.env.PORT = String(loaded.config.WEB_PORT);
process.env.HOST = loaded.config.WEB_HOST;
await import('./dist/server/entry.mjs');
