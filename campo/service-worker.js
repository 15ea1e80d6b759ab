/* global self, caches, fetch, URL, Response */
/**
 * The field app's service worker: keeps every file of the build (the list is written in at build time by
 * vite-service-worker.ts) so the app opens and works with no network after its first visit. Each build has
 * its own cache (its version); the old ones are deleted once the new one is complete.
 *
 * - Files of the app: from the cache first (they never change under the same name), the network otherwise.
 * - Any address of the app (/campo/…) opened in the browser: the app's page from the cache.
 * - /api/catalogos/…: the network first, the last answer kept for when there is none (the form's postal-code
 *   and localidad look-ups keep working for what was seen online).
 * - The rest of /api: never cached (sessions, the people's data and the sync are the app's own business).
 */
const ARCHIVOS = '__ARCHIVOS__';
const VERSION = '__VERSION__';
const BASE = '__BASE__';
const CACHE = `sipros-campo-${VERSION}`;
const CATALOGOS = 'sipros-campo-catalogos';
const PAGINA = BASE;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // Hashed files never change: the copy the page just downloaded (HTTP cache) is the one to keep. The
      // others (the page, the manifest, the icons) are checked with the server, so no stale copy is kept.
      .then((cache) => cache.addAll(ARCHIVOS.map((url) => new Request(url, { cache: url.includes('/assets/') ? 'default' : 'no-cache' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('sipros-campo-') && n !== CACHE && n !== CATALOGOS).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

async function desdeCache(request) {
  const cached = await caches.match(request, { cacheName: CACHE });
  return cached ?? fetch(request);
}

async function pagina() {
  const cached = await caches.match(PAGINA, { cacheName: CACHE });
  return cached ?? fetch(PAGINA);
}

/** Letters without accents or case, as the server compares colonia names. */
const sinAcentos = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/**
 * A municipio's colonias matching `?q=` (and `&localidad=`), from the full list the app wrote from its
 * package (campo/src/catalogos.ts); the localidad's own colonias first, as the server orders them.
 */
async function coloniasSinRed(cache, url) {
  const todas = await cache.match(`${url.origin}${url.pathname}`);
  if (!todas) return null;
  const q = sinAcentos(url.searchParams.get('q') ?? '');
  const localidad = url.searchParams.get('localidad');
  const lista = (await todas.json()).filter((c) => sinAcentos(c.nombre).includes(q));
  const propias = lista.filter((c) => localidad && c.localidad?.clave === localidad);
  const resto = lista.filter((c) => !propias.includes(c));
  return new Response(JSON.stringify([...propias, ...resto].slice(0, 20)), { headers: { 'content-type': 'application/json; charset=utf-8' } });
}

async function catalogo(request) {
  const cache = await caches.open(CATALOGOS);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const url = new URL(request.url);
    const cached = (await cache.match(request)) ?? (/\/colonias$/.test(url.pathname) ? await coloniasSinRed(cache, url) : null);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/catalogos/')) return event.respondWith(catalogo(request));
  if (!url.pathname.startsWith(BASE) || url.pathname === `${BASE}sw.js`) return;
  if (request.mode === 'navigate') return event.respondWith(pagina());
  if (ARCHIVOS.includes(url.pathname)) event.respondWith(desdeCache(request));
});
