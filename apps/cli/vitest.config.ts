import { defineConfig } from 'vitest/config';

// The commands' tests open real databases (files, PGlite, a PostgreSQL server when
// TEST_DATABASE_URL is set) and start processes, which take seconds when the machine is busy
// running every package's tests at once: a generous limit guards hangs only.
export default defineConfig({
  test: { testTimeout: 30_000, hookTimeout: 30_000 },
});
