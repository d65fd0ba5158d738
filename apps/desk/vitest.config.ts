/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Tests beside the code they test (src/, and config.test.ts). Never under src/pages: Astro would serve them.
export default getViteConfig({
  test: { include: ['src/**/*.test.ts', '*.test.ts'], testTimeout: 20_000 },
});
