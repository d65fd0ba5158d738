/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Tests beside the code they test (src/, server/), and in test/ the pages, endpoints and the
// built site against a real API. Never under src/pages: Astro would serve them.
export default getViteConfig({
  test: { include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 20_000 },
});
