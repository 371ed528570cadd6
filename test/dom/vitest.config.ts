import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// DOM tests: the renderer in jsdom around a fake MirqabBridge (no module mocks).
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
