import { defineConfig } from 'vitest/config';

// Seeding runs on PGlite too, which takes seconds to start when the machine is busy running
// every package's tests at once: a generous limit only guards against hangs.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
