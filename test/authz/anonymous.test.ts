import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/server.ts';

/**
 * Every route the server registers, seen through an onRoute hook added the moment the Fastify
 * instance is created (before any plugin), so a route added later is checked without editing
 * this file.
 */
const registered = vi.hoisted(() => [] as Array<{ method: string; url: string }>);
vi.mock('fastify', async (importOriginal) => {
  const original = (await importOriginal()) as { default: (...args: unknown[]) => { addHook: (name: string, hook: (route: RouteOptions) => void) => void } };
  const withCollector = (...args: unknown[]) => {
    const app = original.default(...args);
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) registered.push({ method, url: route.url ?? '' });
    });
    return app;
  };
  return { ...original, default: Object.assign(withCollector, original.default) };
});

/** What anyone may call without a session. Anything else under /api must answer 401 first. */
const PUBLIC = new Set([
  'GET /api/health',
  'GET /api/programas',
  'GET /api/programas/:id',
  'GET /api/convocatorias/abiertas',
  'GET /api/catalogos/municipios-qro.geojson',
  'GET /api/catalogos/codigos-postales/:cp',
  'GET /api/catalogos/municipios/:clave/localidades',
  'GET /api/catalogos/municipios/:clave/colonias',
  'GET /api/catalogos/municipios/:clave/mapa',
  'POST /api/cuenta/registro',
  'POST /api/cuenta/contrasena/olvido',
  'POST /api/cuenta/contrasena/restablecer',
  'POST /api/sesion',
  'DELETE /api/sesion',
  'POST /api/funcionarios/sesion',
]);

/**
 * Guarded by a rule of their own instead of a session: the metrics answer METRICS_TOKEN's bearer, or
 * without it only this machine (runtime/server/plugins/metrics.test.ts checks both refusals).
 */
const OWN_ACCESS = new Set(['GET /api/metrics']);

const isDocs = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');

/** Each path parameter replaced by something no schema would accept. */
const junkPath = (url: string) => url.replace(/:[A-Za-z]+/g, 'x%20y').replace(/\*$/, 'x');
const JUNK_QUERY = '?limite=muchos&orden=zz&pagina=-1&desde=ayer&programa[]=1&cualquiera=1';
/** What a browser on the SIPROS page sends (inject's Host is localhost:80), so the Origin check lets it through. */
const SAME_ORIGIN = { origin: 'http://localhost' };
const JUNK_BODY = { cualquiera: [1, { a: null }], respuestas: 'no', contrasena: 5, curp: {} };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
}, 60_000);
afterAll(() => t?.close());

function protectedRoutes() {
  const seen = new Set<string>();
  return registered.filter(({ method, url }) => {
    const key = `${method} ${url}`;
    if (method === 'HEAD' || !url.startsWith('/api/') || isDocs(url) || PUBLIC.has(key) || OWN_ACCESS.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

describe('anonymous requests to protected routes', () => {
  it('finds the routes of every module', () => {
    const urls = protectedRoutes().map((r) => r.url);
    for (const prefix of ['/api/cuenta', '/api/solicitudes', '/api/programas/:id/borrador', '/api/funcionario/', '/api/admin/', '/api/atencion/', '/api/ventanilla/', '/api/disenador/', '/api/campo/']) {
      expect(urls.some((url) => url.startsWith(prefix)), prefix).toBe(true);
    }
  });

  it('answer 401 AUTH_REQUIRED whatever the body, query or parameters, before validating them', async () => {
    const wrong: string[] = [];
    for (const { method, url } of protectedRoutes()) {
      const withBody = method !== 'GET';
      const attempts: Array<{ payload?: string | object; headers: Record<string, string> }> = withBody
        ? [
            { payload: JUNK_BODY, headers: SAME_ORIGIN },
            { payload: '{"sin cerrar": ', headers: { ...SAME_ORIGIN, 'content-type': 'application/json' } },
            { payload: 'archivo=1', headers: { ...SAME_ORIGIN, 'content-type': 'multipart/form-data; boundary=x' } },
          ]
        : [{ headers: SAME_ORIGIN }];
      for (const attempt of attempts) {
        const res = await t.app.inject({ method: method as 'GET', url: `${junkPath(url)}${withBody ? '' : JUNK_QUERY}`, ...attempt });
        const code = res.headers['content-type']?.toString().startsWith('application/json') ? res.json().error?.code : undefined;
        if (res.statusCode !== 401 || code !== 'AUTH_REQUIRED') wrong.push(`${method} ${url} (${attempt.headers['content-type'] ?? 'json'}) → ${res.statusCode} ${code}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('treats an unknown session token like no session', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/programas/x/borrador', payload: JUNK_BODY, headers: SAME_ORIGIN, cookies: { sipros_sesion: 'token-inventado' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_REQUIRED');
  });
});
