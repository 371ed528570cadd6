import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// DOM tests: the renderer in jsdom around a fake MirqabBridge (no module mocks).
// eslint-disable-next-line no-restricted-syntax -- reason: Vitest loads its config from a default export.
export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  plugins: [react()],
  test: {
    include: ['test/dom/**/*.test.tsx'],
    environment: 'jsdom',
    setupFiles: ['test/dom/setup.ts'],
    testTimeout: 15_000,
  },
});
