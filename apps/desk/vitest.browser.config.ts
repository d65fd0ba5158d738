import { defineConfig } from 'vitest/config';

// Browser tests drive Debian's Chromium against the built API and desk; see e2e/.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
