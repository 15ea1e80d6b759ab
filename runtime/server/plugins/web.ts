import { statSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build:web` (vite build --config runtime/web/vite.config.ts) writes the citizen portal. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export const BUILD_WEB_COMMAND = 'npm run build:web';

/**
 * The portal's policy: everything from this origin only; no inline or evaluated scripts (JSON Forms gets
 * a small rule interpreter instead of Ajv's code generation); inline styles are allowed because MUI
 * (Emotion) injects its CSS at run time; documents open from /api (same origin) and nothing may frame the
 * portal.
 */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "manifest-src 'self'",
  "worker-src 'self'",
].join('; ');

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="es-MX"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>SIPROS · Falta compilar el portal</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 42rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #1d1b1c">
<h1>El portal ciudadano todavía no está compilado</h1>
<p>El servidor de SIPROS está funcionando (la API responde en <a href="/api/health">/api/health</a> y su documentación en
<a href="/api/docs">/api/docs</a>), pero no encontró los archivos del portal web.</p>
<p>Para compilarlo, en la carpeta del proyecto ejecuta:</p>
<pre style="background:#f3eff1; padding: 1rem; overflow-x: auto"><code>${BUILD_WEB_COMMAND}</code></pre>
<p>(es lo mismo que <code>npx vite build --config runtime/web/vite.config.ts</code>) y vuelve a cargar esta página; no hace
falta reiniciar el servidor. <code>npm start</code> lo compila solo cuando falta.</p>
</body></html>`;

/** The designer (designer/, its own build in dist/disenador) and the brigades' field app (campo/, in dist/campo) answer their addresses; the portal every other one. */
function appIndexFor(rel: string): string {
  if (/^disenador(?:[\\/]|$)/.test(rel)) return 'disenador/index.html';
  return /^campo(?:[\\/]|$)/.test(rel) ? 'campo/index.html' : 'index.html';
}

/** The field app's service worker: always checked with the server, so a new release replaces the old files at its next start. */
const SERVICE_WORKER = /^campo[\\/]sw\.js$/;

/**
 * Serves the citizen portal (runtime/web/dist) at `/`: files as they are, and index.html for every other
 * GET outside /api so the browser router handles the address (SPA fallback); under /disenador, the
 * designer's own build and page (dist/disenador/index.html); under /campo, the field app's (dist/campo/index.html,
 * its service worker sw.js never cached by the browser's HTTP cache). Hashed assets are cached for
 * a year (immutable); index.html is revalidated on every load so a new release is picked up at once.
 * Pre-compressed siblings (.br, .gz) are used when present. With no build, `/` explains how to build it.
 */
export async function webPlugin(app: FastifyInstance, options: { root?: string } = {}): Promise<void> {
  const root = resolve(options.root ?? WEB_DIST);
  await app.register(fastifyStatic, { root, serve: false, decorateReply: true, preCompressed: true, suppressWarning: true });
  if (!isFile(join(root, 'index.html'))) {
    app.log.warn(`No se encontró el portal ciudadano compilado en ${root}; compílalo con: ${BUILD_WEB_COMMAND}`);
  }

  const sendIndex = (reply: FastifyReply, index: string) =>
    reply.header('cache-control', 'no-cache').header('content-security-policy', WEB_CONTENT_SECURITY_POLICY).sendFile(index, root, { cacheControl: false });

  const handler = async (request: { url: string }, reply: FastifyReply) => {
    const pathname = request.url.split('?')[0].split('#')[0];
    if (pathname === '/api' || pathname.startsWith('/api/')) return reply.callNotFound();
    let rel: string;
    try {
      rel = normalize(decodeURIComponent(pathname)).replace(/^[/\\]+/, '');
    } catch {
      return reply.code(400).type('text/plain; charset=utf-8').send('Dirección mal formada.');
    }
    const index = appIndexFor(rel);
    if (!isFile(join(root, index))) {
      return reply.code(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    }
    const file = resolve(root, rel);
    if (rel !== '' && rel !== index && !rel.includes('\0') && file.startsWith(root + sep) && isFile(file)) {
      const immutable = /^(?:disenador[\\/]|campo[\\/])?assets[\\/]/.test(rel);
      return reply
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : SERVICE_WORKER.test(rel) ? 'no-cache' : 'public, max-age=3600')
        .header('content-security-policy', WEB_CONTENT_SECURITY_POLICY)
        .sendFile(rel, root, { cacheControl: false });
    }
    // A missing script or image must not get the HTML page (the browser would report a MIME error).
    if (/^(?:disenador[\\/]|campo[\\/])?assets/.test(rel) || /\.[A-Za-z0-9]{1,8}$/.test(rel)) {
      return reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('No existe ese archivo.');
    }
    return sendIndex(reply, index);
  };

  app.get('/', { schema: { hide: true } }, handler);
  app.get('/*', { schema: { hide: true } }, handler);
}
