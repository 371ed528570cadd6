import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Mirrors the renderer section of electron.vite.config.ts so the renderer can be built on its own
// (the web host serves out/renderer). Kept free of Node types: this folder is type-checked as DOM code.
const root = new URL('.', import.meta.url).pathname;

// eslint-disable-next-line no-restricted-syntax -- reason: Vite loads its config from a default export.
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: new URL('../out/renderer', import.meta.url).pathname,
    emptyOutDir: true,
    // reason: the CSP has no data: sources, so fonts and images must stay files.
    assetsInlineLimit: 0,
    rollupOptions: { input: { index: new URL('./index.html', import.meta.url).pathname } },
  },
});
