/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Component and page tests render through Astro's container, with the site's own Vite setup.
export default getViteConfig({
  test: { include: ['src/**/*.test.ts', 'server/**/*.test.ts'], testTimeout: 20_000 },
});
