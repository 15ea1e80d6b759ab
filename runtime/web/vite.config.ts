import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { jsonFormsWithoutAjv, precompressPlugin } from './vite-plugins.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The citizen portal. Build: `npx vite build --config runtime/web/vite.config.ts` (output in runtime/web/dist,
 * served by runtime/server/plugins/web.ts). Dev: `npx vite --config runtime/web/vite.config.ts` with the API
 * server on port 3000 (requests to /api are proxied to it). Every build also writes brotli and gzip copies of
 * its text files (precompress.ts), which the server sends to browsers that accept them.
 */
export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  plugins: [jsonFormsWithoutAjv(), react(), precompressPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // The largest chunk is JSON Forms' material renderer set (MUI date pickers), loaded only for field kinds
    // the app's own renderers lack; the citizen's pages stay far below this (test/browser/bundle-budget.test.ts).
    chunkSizeWarningLimit: 500,
    target: 'es2022',
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
    // The engine (../../engine) lives outside the web root.
    fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] },
  },
});
