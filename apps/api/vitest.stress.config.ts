import { defineConfig } from 'vitest/config';

/**
 * `npm run test:stress`: the fuzz tests with FUZZ_RUNS inputs each, and the stress tests, which
 * start the built API (dist/main.js) and load it, kill it and stop it. One file at a time: each
 * stress test wants the machine's cores to itself, and its figures mean more that way. The time
 * limits only guard against hangs: no assertion depends on speed.
 */
export default defineConfig({
  test: {
    include: ['src/fuzz/**/*.test.ts', 'stress/**/*.stress.test.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
