import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'server',
  // Middleware mode: Astro renders pages inside the site's own server (server/site-server.ts),
  // which serves the client files from memory and keeps rendered pages. The comment form is the
  // largest thing a reader posts.
  adapter: node({ mode: 'middleware', bodySizeLimit: 1_000_000 }),
  server: { host: '127.0.0.1', port: 4321 },
  devToolbar: { enabled: false },
  // The stylesheet is always a file, never inlined into pages however small it gets: the
  // Content-Security-Policy (src/middleware.ts) allows styles from this site only.
  build: { inlineStylesheets: 'never' },
  // The comment form checks Origin itself (src/lib/same-origin.ts), against the address the
  // request reached and SITE_URL: Astro's own check knows only the first, so behind a proxy
  // that ends TLS it would refuse every real comment, and it answers with a bare text page.
  security: { checkOrigin: false },
});
