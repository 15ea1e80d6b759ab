import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The citizen portal. Build: `npx vite build --config runtime/web/vite.config.ts` (output in runtime/web/dist,
 * served by runtime/server/plugins/web.ts). Dev: `npx vite --config runtime/web/vite.config.ts` with the API
 * server on port 3000 (requests to /api are proxied to it).
 */
export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // The form renderers (JSON Forms + MUI) are one large vendor chunk; splitting it further buys little.
    chunkSizeWarningLimit: 1500,
    target: 'es2022',
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
    // The engine (../../engine) lives outside the web root.
    fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] },
  },
});
