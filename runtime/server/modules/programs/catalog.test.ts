import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { publishDefinition } from './publish.service.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const definition = (id: string) => JSON.parse(readFileSync(join(ROOT, `definitions/programs/${id}/program.json`), 'utf8'));
const NOW = '2026-11-24T10:00:00-06:00';
const BECAS = definition('becas-escolares');
const TECNOLOGICO = definition('apoyo-tecnologico');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: NOW, seed: false });
}, 60_000);
afterAll(() => t?.close());

/**
 * Publishes as the CLI does: through its own EntityManager, without telling the server, exactly
 * like another API process or `sipros publish` on another machine.
 */
const publish = (json: unknown) => publishDefinition(t.app.db.orm.em.fork(), json, t.app.library, 'prueba', new Date(NOW));

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const names = (res: { json(): unknown }) => (res.json() as Array<{ id: string; version: number; nombre: string }>).map((p) => `${p.id}@${p.version} ${p.nombre}`);

describe('public catalog served from memory', () => {
  it('shows a publication at once, in the catalog and among the open calls, with a new ETag', async () => {
    await publish(BECAS);
    const before = await get('/api/programas');
    expect(names(before)).toEqual([`becas-escolares@1 ${BECAS.name}`]);
    expect(names(await get('/api/convocatorias/abiertas'))).toEqual([`becas-escolares@1 ${BECAS.name}`]);

    await publish(TECNOLOGICO);
    await publish({ ...BECAS, version: 2, name: 'Becas 2027' });

    const after = await get('/api/programas');
    const expected = [`apoyo-tecnologico@1 ${TECNOLOGICO.name}`, 'becas-escolares@2 Becas 2027'];
    expect(names(after)).toEqual(expected);
    expect(names(await get('/api/convocatorias/abiertas'))).toEqual(expected);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    // The copy a browser kept from before the publication is not confirmed as current.
    expect((await get('/api/programas', { 'if-none-match': String(before.headers.etag) })).statusCode).toBe(200);
  });

  it('lets browsers revalidate: ETag and Cache-Control, 304 without a body when nothing changed', async () => {
    for (const url of ['/api/programas', '/api/convocatorias/abiertas']) {
      const first = await get(url);
      expect(first.statusCode).toBe(200);
      expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(first.headers['cache-control']).toBe('public, no-cache');
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[\w-]{27}"$/);
      for (const ifNoneMatch of [etag, `W/${etag}`, `"otra", ${etag}`]) {
        const again = await get(url, { 'if-none-match': ifNoneMatch });
        expect(again.statusCode, ifNoneMatch).toBe(304);
        expect(again.body).toBe('');
        expect(again.headers.etag).toBe(etag);
      }
      expect((await get(url, { 'if-none-match': '"otra"' })).statusCode).toBe(200);
    }
  });

  it('follows the clock: a call that closes leaves the open calls and changes the catalog', async () => {
    const open = await get('/api/programas');
    try {
      t.setNow('2027-02-01T12:00:00-06:00');
      const later = await get('/api/programas');
      expect(later.headers.etag).not.toBe(open.headers.etag);
      expect((later.json() as Array<{ id: string; convocatoria: { estado: string } }>).find((p) => p.id === 'apoyo-tecnologico')?.convocatoria.estado).toBe('cerrada');
      expect(names(await get('/api/convocatorias/abiertas'))).toEqual(['becas-escolares@2 Becas 2027']);
    } finally {
      t.setNow(NOW);
    }
  });
});
