import { defineConfig } from 'vitest/config';

// Tests that start servers or run real forward passes share 2 cores; keep the pool small so
// timing-sensitive integration tests are not starved by their neighbours.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
