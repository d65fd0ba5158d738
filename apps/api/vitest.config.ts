import { configDefaults, defineConfig } from 'vitest/config';

// The two-instance tests start PGlite (PostgreSQL in WebAssembly), which takes seconds when
// the machine is busy running every package's tests at once: a generous limit guards hangs only.
// Stress tests (*.stress.test.ts) need the built API and minutes: `npm run test:stress` runs them.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    exclude: [...configDefaults.exclude, '**/*.stress.test.ts'],
  },
});
