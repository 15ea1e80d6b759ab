/**
 * The package's catalogs (localidades and colonias of the brigade's municipios, not personal data) written into
 * the service worker's catalog cache under the addresses of the public catalog routes, so the form's address
 * controls (runtime/web/src/forms/renderers/por-municipio.tsx) find them with no network: the service worker
 * answers from this cache when the network fails, and filters the colonias as the server would.
 */
import type { Paquete } from './paquete.ts';

export const CACHE_CATALOGOS = 'sipros-campo-catalogos';

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json; charset=utf-8' } });

export async function guardarCatalogos(paquete: Paquete): Promise<void> {
  if (!('caches' in window)) return;
  const cache = await caches.open(CACHE_CATALOGOS);
  for (const [mun, localidades] of Object.entries(paquete.catalogos.localidades)) await cache.put(`/api/catalogos/municipios/${mun}/localidades`, json(localidades));
  for (const [mun, colonias] of Object.entries(paquete.catalogos.colonias)) await cache.put(`/api/catalogos/municipios/${mun}/colonias`, json(colonias));
}
