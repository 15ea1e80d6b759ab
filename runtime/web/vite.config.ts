import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { precompressPlugin } from './precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

const NO_AJV = '\0sipros:jsonforms-sin-ajv';

/**
 * @jsonforms/core imports Ajv (and ajv-formats) only to build a validator when the form is given none.
 * SiprosForm always gives its own rule interpreter (src/forms/conditions.ts): Ajv compiles schemas with
 * `new Function`, which the portal's Content-Security-Policy forbids, so it could never run here. For
 * @jsonforms/core's imports alone they are replaced by a stub (a fifth of a form page's code), which
 * says what happened if it is ever called.
 */
function jsonFormsWithoutAjv(): Plugin {
  return {
    name: 'sipros-jsonforms-without-ajv',
    enforce: 'pre',
    resolveId(source, importer) {
      if ((source === 'ajv' || source === 'ajv-formats') && importer && /[\\/]@jsonforms[\\/]core[\\/]/.test(importer)) return NO_AJV;
      return null;
    },
    load(id) {
      if (id !== NO_AJV) return null;
      return `export default function ajvNoIncluido() {
  throw new Error('Ajv no está incluido en el portal: pasa a JSON Forms el validador de src/forms/conditions.ts (prop ajv).');
}`;
    },
  };
}

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
