import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { jsonFormsWithoutAjv, precompressPlugin } from '../runtime/web/vite-plugins.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The planners' app, its own build. `npm run build:web` builds the portal first (which empties
 * runtime/web/dist) and then this one into runtime/web/dist/disenador, so the server keeps one folder of
 * built files; runtime/server/plugins/web.ts answers every /disenador address with this app's page.
 * Dev: `npx vite --config designer/vite.config.ts` (port 5174) with the API server on port 3000.
 */
export default defineConfig({
  root,
  base: '/disenador/',
  publicDir: false,
  plugins: [jsonFormsWithoutAjv(), react(), precompressPlugin()],
  build: {
    outDir: fileURLToPath(new URL('../runtime/web/dist/disenador', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    target: 'es2022',
  },
  server: {
    port: 5174,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
    // The engine and the portal's shared code live outside this folder.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
});
