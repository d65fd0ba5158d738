import { defineConfig } from 'vitest/config';

// PGlite (PostgreSQL in WebAssembly) takes seconds to start when the machine is busy, as it is
// when Turborepo runs every package's tests at once: a generous limit only guards against hangs.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
