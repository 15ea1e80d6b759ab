import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { jsonFormsWithoutAjv, precompressPlugin } from '../runtime/web/vite-plugins.ts';
import { serviceWorkerPlugin } from './vite-service-worker.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The brigades' field app (a PWA), its own build. `npm run build:web` builds the portal (which empties
 * runtime/web/dist), the designer, and then this one into runtime/web/dist/campo; runtime/server/plugins/web.ts
 * answers every /campo address with this app's page. The service worker (service-worker.js, with the
 * build's file list written in by vite-service-worker.ts) keeps every file so the app opens with no network.
 * Dev: `npx vite --config campo/vite.config.ts` (port 5175) with the API server on port 3000.
 */
export default defineConfig({
  root,
  base: '/campo/',
  publicDir: 'public',
  plugins: [jsonFormsWithoutAjv(), react(), serviceWorkerPlugin(fileURLToPath(new URL('./public', import.meta.url))), precompressPlugin()],
  build: {
    outDir: fileURLToPath(new URL('../runtime/web/dist/campo', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 500,
    target: 'es2022',
  },
  server: {
    port: 5175,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
    // The engine and the portal's form code live outside this folder.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
});
