import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'server',
  // The comment form (a later step) is the largest thing a reader posts.
  adapter: node({ mode: 'standalone', bodySizeLimit: 1_000_000 }),
  server: { host: '127.0.0.1', port: 4321 },
  devToolbar: { enabled: false },
});
