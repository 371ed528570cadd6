import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/node/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Tests that spawn the CLIs run the built ones: rebuilt here when a source is newer.
    globalSetup: ['test/helpers/cliBundles.ts'],
  },
});
