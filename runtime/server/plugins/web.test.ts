import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressFolder } from '../../web/precompress.ts';
import { errorsPlugin } from './errors.ts';
import { BUILD_WEB_COMMAND, webPlugin } from './web.ts';

async function appWith(root: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(errorsPlugin);
  app.get('/api/salud', async () => ({ ok: true }));
  await app.register(webPlugin, { root });
  await app.ready();
  return app;
}

describe('the citizen portal served by the API server', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sipros-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="es-MX"><title>SIPROS</title></html>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    mkdirSync(join(dir, 'disenador', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'disenador', 'index.html'), '<!doctype html><html lang="es-MX"><title>SIPROS · Diseñador de programas</title></html>');
    writeFileSync(join(dir, 'disenador', 'assets', 'main-def456.js'), 'console.log(2)');
    mkdirSync(join(dir, 'campo', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'campo', 'index.html'), '<!doctype html><html lang="es-MX"><title>SIPROS Campo · Brigadas</title></html>');
    writeFileSync(join(dir, 'campo', 'assets', 'main-fed789.js'), 'console.log(3)');
    writeFileSync(join(dir, 'campo', 'sw.js'), 'self.addEventListener("fetch", () => {})');
    writeFileSync(join(dir, 'campo', 'manifest.webmanifest'), '{"name":"SIPROS Campo"}');
    app = await appWith(dir);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for every browser route, revalidated on each load and under a CSP', async () => {
    for (const url of ['/', '/solicitudes/123/historial', '/crear-cuenta?siguiente=%2Fapoyos']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('lang="es-MX"');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).not.toContain('unsafe-eval');
    }
  });

  it('answers the designer\'s addresses with the designer\'s own page (its own build), and no other address with it', async () => {
    for (const url of ['/disenador', '/disenador/', '/disenador/42/formulario', '/disenador?x=1']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('Diseñador de programas');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
    for (const url of ['/disenadores', '/funcionario/disenador', '/']) {
      expect((await app.inject({ method: 'GET', url })).body, url).not.toContain('Diseñador');
    }
    const asset = await app.inject({ method: 'GET', url: '/disenador/assets/main-def456.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ method: 'GET', url: '/disenador/assets/main-zzz.js' })).statusCode).toBe(404);
  });

  it('answers every address of the field app with its page; its service worker is always revalidated', async () => {
    for (const url of ['/campo', '/campo/', '/campo/registro/8a0c/solicitud/tarjeta-contigo']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('SIPROS Campo');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).not.toContain('unsafe-eval');
    }
    expect((await app.inject({ method: 'GET', url: '/campos' })).body).not.toContain('SIPROS Campo');
    const sw = await app.inject({ method: 'GET', url: '/campo/sw.js' });
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['content-type']).toContain('javascript');
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect((await app.inject({ method: 'GET', url: '/campo/assets/main-fed789.js' })).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ method: 'GET', url: '/campo/manifest.webmanifest' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/campo/assets/main-zzz.js' })).statusCode).toBe(404);
  });

  it('caches hashed assets for a year and other files for an hour', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('answers 404 (not the page) for a missing file, and leaves /api to the API', async () => {
    const missing = await app.inject({ method: 'GET', url: '/assets/index-zzz.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('text/plain');
    const api = await app.inject({ method: 'GET', url: '/api/no-existe' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('ROUTE_NOT_FOUND');
    expect((await app.inject({ method: 'GET', url: '/api/salud' })).json()).toEqual({ ok: true });
  });

  it('never serves files outside the build folder', async () => {
    for (const url of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.body, url).not.toContain('"dependencies"');
    }
  });

  it('explains in Spanish how to build the portal when it is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sipros-web-vacio-'));
    const bare = await appWith(join(empty, 'dist'));
    try {
      const res = await bare.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('El portal ciudadano todavía no está compilado');
      expect(res.body).toContain(BUILD_WEB_COMMAND);
      expect((await bare.inject({ method: 'GET', url: '/api/salud' })).statusCode).toBe(200);
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

/** A real HTTP GET (node:http does not decode bodies, so the bytes are what travelled). */
function get(base: string, path: string, acceptEncoding?: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const decoders: Record<string, (b: Buffer) => Buffer> = { br: brotliDecompressSync, gzip: gunzipSync };

describe('compressed copies of the portal, written at build time and sent to browsers that accept them', () => {
  // Big and repetitive enough to compress well, like a real bundle.
  const script = `export const preguntas = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ id: `p${i}`, etiqueta: `Pregunta número ${i}` })))};\n`;
  const page = `<!doctype html><html lang="es-MX"><head><title>SIPROS</title></head><body>${'<p>Solicita tu apoyo.</p>'.repeat(50)}<script type="module" src="/assets/index-abc123.js"></script></body></html>`;
  let dir: string;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sipros-web-comprimido-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), page);
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), script);
    writeFileSync(join(dir, 'assets', 'index-abc123.css'), `body { margin: 0; }\n${'.MuiBox-root { display: block; }\n'.repeat(40)}`);
    writeFileSync(join(dir, 'assets', 'logo-abc123.png'), Buffer.alloc(2048, 7));
    writeFileSync(join(dir, 'assets', 'tiny-abc123.js'), 'x');
    await precompressFolder(dir);
    app = await appWith(dir);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the build step writes brotli and gzip copies of text files, never of images nor when it would not be smaller', () => {
    for (const file of ['index.html', 'assets/index-abc123.js', 'assets/index-abc123.css']) {
      const original = readFileSync(join(dir, file));
      expect(brotliDecompressSync(readFileSync(join(dir, `${file}.br`))).equals(original), file).toBe(true);
      expect(gunzipSync(readFileSync(join(dir, `${file}.gz`))).equals(original), file).toBe(true);
      expect(readFileSync(join(dir, `${file}.br`)).length).toBeLessThan(original.length / 3);
    }
    expect(existsSync(join(dir, 'assets', 'logo-abc123.png.br'))).toBe(false);
    expect(existsSync(join(dir, 'assets', 'tiny-abc123.js.br'))).toBe(false);
    expect(existsSync(join(dir, 'assets', 'tiny-abc123.js.gz'))).toBe(false);
  });

  for (const [acceptEncoding, expected] of [
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'],
  ] as const) {
    it(`answers Accept-Encoding: ${acceptEncoding} with ${expected}, for scripts, styles and the page`, async () => {
      for (const [path, file, type] of [
        ['/assets/index-abc123.js', 'assets/index-abc123.js', 'javascript'],
        ['/assets/index-abc123.css', 'assets/index-abc123.css', 'text/css'],
        ['/solicitudes/123', 'index.html', 'text/html'],
      ]) {
        const res = await get(base, path, acceptEncoding);
        expect(res.status, path).toBe(200);
        expect(res.headers['content-encoding'], path).toBe(expected);
        expect(res.headers['content-type'], path).toContain(type);
        expect(res.headers.vary, path).toMatch(/accept-encoding/i);
        expect(Number(res.headers['content-length'] ?? res.body.length), path).toBe(readFileSync(join(dir, `${file}.${expected === 'br' ? 'br' : 'gz'}`)).length);
        expect(decoders[expected](res.body).equals(readFileSync(join(dir, file))), path).toBe(true);
        expect(res.headers['content-security-policy'], path).toContain("script-src 'self'");
      }
      const script = await get(base, '/assets/index-abc123.js', acceptEncoding);
      expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    });
  }

  it('sends the plain file to a client that accepts no compression, or when no smaller copy exists', async () => {
    for (const acceptEncoding of [undefined, 'identity']) {
      const res = await get(base, '/assets/index-abc123.js', acceptEncoding);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.body.toString()).toBe(script);
    }
    const tiny = await get(base, '/assets/tiny-abc123.js', 'br, gzip');
    expect(tiny.status).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.headers['content-type']).toContain('javascript');
    expect(tiny.body.toString()).toBe('x');
  });
});
