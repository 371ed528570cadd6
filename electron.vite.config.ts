import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three builds: the Electron main process (main/shell is its entry), the sandboxed preload
// (CommonJS, as sandboxed preloads require) and the renderer, which the web host also serves.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'main/shell/main.ts') } },
    },
  },
  preload: {
    build: {
      // reason: a sandboxed preload can require only 'electron' (and a few built-ins), so zod and
      // the contract must be bundled in rather than left as require() calls.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react()],
    base: './',
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      // reason: the CSP allows no data: fonts, so every asset must stay a file.
      assetsInlineLimit: 0,
      minify: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
});
