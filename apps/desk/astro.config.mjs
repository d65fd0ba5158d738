import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'server',
  // Standalone: the desk is a small app for staff, served by the adapter's own server
  // (server.mjs validates the environment first). server.mjs refuses each post by its declared
  // length, route by route (refused-requests.mjs), and Node reads no further than that length;
  // this is only the ceiling over all of them: the largest picture upload MEDIA_MAX_BYTES allows.
  adapter: node({ mode: 'standalone', bodySizeLimit: 200_016_384 }),
  server: { host: '127.0.0.1', port: 4322 },
  devToolbar: { enabled: false },
  // Styles always as a file: the Content-Security-Policy (src/middleware.ts) allows this site's only.
  build: { inlineStylesheets: 'never' },
  // The desk's own CSRF check (src/lib/csrf.ts) knows DESK_URL, the public address behind a
  // proxy, and also asks for the double-submit token; Astro's check knows only the first address.
  security: { checkOrigin: false },
  vite: {
    // Module scripts are always files, never inlined: the policy allows no inline script.
    build: { assetsInlineLimit: 0 },
  },
});
