/**
 * The territory catalogs through their HTTP contract and the command line: Querétaro's localidades
 * are there from the first start; an administrator imports the invented SEPOMEX file, sees what it
 * adds and its refused rows, applies it; a postal code then gives its colonias with municipio and
 * localidad; a second file shows its changes before it replaces the first; stale, repeated and
 * malformed imports are refused with a code, and nothing in force changes.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogImport, CodigoPostal, ColoniaDelMunicipio, LocalidadRef, MapaMunicipio } from '../../../api/territorio.ts';
import { ROLE_ADMIN, ROLE_FUNCIONARIO } from '../../../../engine/vocabulary.ts';
import { officialWithSession } from '../../../../test/helpers/actors.ts';
import { multipart } from '../../../../test/helpers/multipart.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { catalogosCommand } from './index.ts';

const FIXTURES = new URL('../../../../test/fixtures/territorio/', import.meta.url);
const SEPOMEX = readFileSync(new URL('sepomex-inventado.txt', FIXTURES));
const SEPOMEX_2 = readFileSync(new URL('sepomex-inventado-2.txt', FIXTURES));

let t: TestApp;
let admin: string;
let official: string;
let dir: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await officialWithSession(t.app, [ROLE_ADMIN])).cookie;
  official = (await officialWithSession(t.app, [ROLE_FUNCIONARIO])).cookie;
  dir = mkdtempSync(join(tmpdir(), 'sipros-territorio-'));
}, 60_000);
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string) => t.app.inject({ method: 'GET', url: `/api${url}` });
const post = (url: string, cookie = admin) => t.app.inject({ method: 'POST', url: `/api${url}`, headers: { cookie, origin: 'http://localhost' } });

async function upload(tipo: string, name: string, content: Buffer, cookie = admin) {
  const { payload, headers } = multipart(name, content, 'text/plain');
  return t.app.inject({ method: 'POST', url: `/api/admin/catalogos/${tipo}`, headers: { ...headers, cookie, origin: 'http://localhost' }, payload });
}

describe('catálogos de territorio', () => {
  it('a new installation has Querétaro’s localidades of 1,000 inhabitants or more, the largest first', async () => {
    const res = await get('/catalogos/municipios/22014/localidades');
    expect(res.statusCode).toBe(200);
    const localidades = res.json<LocalidadRef[]>();
    expect(localidades[0]).toEqual({ clave: '220140001', nombre: 'Santiago de Queretaro', ambito: 'U' });
    expect(localidades.length).toBeGreaterThan(20);
    expect(res.headers['cache-control']).toContain('max-age');
  });

  it('a municipio’s map is its outline and its localidades with a point, light and cached', async () => {
    const res = await get('/catalogos/municipios/22014/mapa');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('max-age');
    const map = res.json<MapaMunicipio>();
    expect(map).toMatchObject({ clave: '22014', nombre: 'Querétaro', contorno: { type: 'Polygon' } });
    const ring = (map.contorno.coordinates as number[][][])[0];
    expect(ring.length).toBeGreaterThan(50);
    // A metre is enough: 5 decimals at most, and the whole answer stays small for a phone.
    expect(ring.flat().every((c) => Math.abs(c * 1e5 - Math.round(c * 1e5)) < 1e-6)).toBe(true);
    expect(res.body.length).toBeLessThan(15_000);
    expect(map.localidades[0]).toEqual({ clave: '220140001', nombre: 'Santiago de Queretaro', latitud: expect.closeTo(20.5934, 3), longitud: expect.closeTo(-100.39, 2), poblacion: expect.any(Number) });
    expect(map.localidades.find((l) => l.clave === '220140058')).toMatchObject({ nombre: 'Juriquilla', latitud: 20.71001, longitud: -100.45836 });
    const other = await get('/catalogos/municipios/09015/mapa');
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ error: { code: 'MUNICIPIO_NOT_FOUND' } });
    expect((await get('/catalogos/municipios/2201/mapa')).statusCode).toBe(400);
  });

  it('an unknown postal code is a 404 with its code; a malformed one a 400', async () => {
    const missing = await get('/catalogos/codigos-postales/76000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'POSTAL_CODE_NOT_FOUND' } });
    expect((await get('/catalogos/codigos-postales/7600a')).statusCode).toBe(400);
  });

  it('only an administrator imports; a file of another kind is refused and nothing is kept', async () => {
    expect((await upload('sepomex', 'cp.txt', SEPOMEX, official)).statusCode).toBe(403);
    const wrong = await upload('sepomex', 'padron.csv', Buffer.from('curp,nombre\nAAAA000000HQTRRR01,ANA\n'));
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ error: { code: 'CATALOG_FILE_INVALID' } });
    expect(wrong.json().error.message).toContain('SEPOMEX');
    const excel = await upload('sepomex', 'cp.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(excel.json().error.message).toContain('Excel');
    const localidades = await upload('localidades', 'cp.txt', SEPOMEX);
    expect(localidades.json()).toMatchObject({ error: { code: 'CATALOG_FILE_INVALID' } });
    const history = await t.app.inject({ method: 'GET', url: '/api/admin/catalogos/importaciones', headers: { cookie: admin } });
    expect(history.json<CatalogImport[]>().filter((i) => i.tipo === 'sepomex')).toEqual([]);
  });

  let first: CatalogImport;

  it('the SEPOMEX file (latin-1) shows what it adds and the rows it refuses, and changes nothing until applied', async () => {
    const res = await upload('sepomex', 'CPdescarga.txt', SEPOMEX);
    expect(res.statusCode).toBe(201);
    first = res.json<CatalogImport>();
    expect(first).toMatchObject({ tipo: 'sepomex', codificacion: 'Windows-1252', filas: 15, rechazadas: 2, agregadas: 13, cambiadas: 0, quitadas: 0, estado: 'por_aplicar' });
    expect(first.resumen.rechazosPorCodigo).toEqual({ CP_INVALIDO: 1, COLUMNAS_INCOMPLETAS: 1 });
    expect(first.resumen.primerosRechazos.map((r) => r.fila)).toEqual([16, 17]);
    expect(first.resumen.ejemplos.agregadas).toContain('76010 Peñitas del Río (Colonia, municipio 22014)');
    expect((await get('/catalogos/codigos-postales/76010')).statusCode).toBe(404);
  });

  it('applied, a postal code gives its colonias with municipio and, where known, localidad', async () => {
    const applied = await post(`/admin/catalogos/importaciones/${first.id}/aplicar`);
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toMatchObject({ estado: 'vigente' });
    const cp = (await get('/catalogos/codigos-postales/76230')).json<CodigoPostal>();
    expect(cp.colonias.map((c) => [c.nombre, c.clave, c.municipio.nombre, c.localidad?.clave ?? null])).toEqual([
      ['Juriquilla', '220140006', 'Querétaro', '220140058'],
      ['Valle de Juriquilla Inventado', '220140007', 'Querétaro', null],
    ]);
    const centro = (await get('/catalogos/codigos-postales/76010')).json<CodigoPostal>();
    // SEPOMEX's city «Santiago de Querétaro» is INEGI's «Santiago de Queretaro».
    expect(centro.colonias.every((c) => c.localidad?.clave === '220140001')).toBe(true);
    expect((await post(`/admin/catalogos/importaciones/${first.id}/aplicar`)).json()).toMatchObject({ error: { code: 'CATALOG_IMPORT_DECIDED' } });
  });

  it('a person without her postal code types her colonia within her municipio: found without accents or little words, cached', async () => {
    const colonias = (q: string, more = '') => get(`/catalogos/municipios/22014/colonias?q=${encodeURIComponent(q)}${more}`);
    const res = await colonias('penitas rio');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('max-age');
    expect(res.json<ColoniaDelMunicipio[]>()).toEqual([
      { clave: '220140004', nombre: 'Peñitas del Río', tipo: 'Colonia', zona: 'Urbano', codigosPostales: ['76010'], localidad: { clave: '220140001', nombre: 'Santiago de Queretaro', ambito: 'U' } },
    ]);
    const names = async (q: string, more = '') => (await colonias(q, more)).json<ColoniaDelMunicipio[]>().map((c) => c.nombre);
    // Key by key: every colonia with a word that begins so, the one that begins with it first.
    expect(await names('jur')).toEqual(['Juriquilla', 'Valle de Juriquilla Inventado']);
    expect(await names('col. ampl niños')).toEqual(['Ampliación Niños Héroes Inventada']);
    expect(await names('peñitaz')).toEqual(['Peñitas del Río']);
    // Only the municipio's: Corregidora's colonias are not Querétaro's.
    expect(await names('pueblito')).toEqual([]);
    expect((await get('/catalogos/municipios/22006/colonias?q=pueblito')).json<ColoniaDelMunicipio[]>()).toMatchObject([{ clave: '220060001', localidad: { clave: '220060001' } }]);
    // Nothing typed, a localidad chosen: its colonias first, then the municipio's others, at most 20.
    const juriquilla = await names('', '&localidad=220140058');
    expect(juriquilla.slice(0, 1)).toEqual(['Juriquilla']);
    expect(juriquilla).toHaveLength(8);
    // A colonia SEPOMEX lists under two postal codes is one colonia with both.
    await t.app.db.sql.query(`insert into cat_asentamiento (codigo_postal, clave, nombre, tipo, cve_mun, ciudad, zona) select '76011', clave, nombre, tipo, cve_mun, ciudad, zona from cat_asentamiento where clave = '220140004'`);
    expect((await colonias('peñitas')).json<ColoniaDelMunicipio[]>()).toMatchObject([{ clave: '220140004', codigosPostales: ['76010', '76011'] }]);
    await t.app.db.sql.query(`delete from cat_asentamiento where codigo_postal = '76011'`);
    expect((await get('/catalogos/municipios/09015/colonias?q=centro')).json()).toEqual([]);
    expect((await get(`/catalogos/municipios/22014/colonias?q=${'a'.repeat(81)}`)).statusCode).toBe(400);
    expect((await get('/catalogos/municipios/22014/colonias?localidad=2201400')).statusCode).toBe(400);
  });

  it('a second file shows what it renames, removes and adds; an older review applied after it is stale', async () => {
    const second = (await upload('sepomex', 'CPdescarga-2.txt', SEPOMEX_2)).json<CatalogImport>();
    expect(second).toMatchObject({ rechazadas: 0, agregadas: 1, cambiadas: 1, quitadas: 1 });
    expect(second.resumen.ejemplos.cambiadas).toEqual(['76010 Peñitas del Río (Colonia, municipio 22014) → 76010 Peñitas del Río Poniente (Colonia, municipio 22014)']);
    expect(second.resumen.ejemplos.quitadas).toEqual(['76904 Los Olivos de Prueba (Colonia, municipio 22006)']);
    // A third review of the first file discards the second (one review at a time per catalog).
    const third = (await upload('sepomex', 'CPdescarga.txt', SEPOMEX)).json<CatalogImport>();
    expect(third).toMatchObject({ agregadas: 0, cambiadas: 0, quitadas: 0 });
    expect((await post(`/admin/catalogos/importaciones/${second.id}/aplicar`)).json()).toMatchObject({ error: { code: 'CATALOG_IMPORT_DECIDED' } });
    const again = (await upload('sepomex', 'CPdescarga-2.txt', SEPOMEX_2)).json<CatalogImport>();
    expect((await post(`/admin/catalogos/importaciones/${again.id}/aplicar`)).statusCode).toBe(200);
    const names = (await get('/catalogos/codigos-postales/76010')).json<CodigoPostal>().colonias.map((c) => c.nombre);
    expect(names).toEqual(['Ampliación Niños Héroes Inventada', 'Colonia Nueva de Prueba', 'Peñitas del Río Poniente']);
    expect((await get('/catalogos/codigos-postales/76904')).statusCode).toBe(404);
  });

  it('the command line prints the summary, applies only when told, and refuses bad input with a code', async () => {
    const lines: string[] = [];
    const errors: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => errors.push(l) };
    const file = join(dir, 'CPdescarga.txt');
    writeFileSync(file, SEPOMEX);
    expect(await catalogosCommand('sepomex', file, {}, io, t.app.db)).toBe(0);
    expect(lines.join('\n')).toContain('1 agregadas, 1 cambiadas, 1 quitadas');
    expect(lines.at(-1)).toContain('el catálogo vigente no cambió');
    expect((await get('/catalogos/codigos-postales/76904')).statusCode).toBe(404);
    lines.length = 0;
    expect(await catalogosCommand('sepomex', file, { aplicar: true }, io, t.app.db)).toBe(0);
    expect(lines.at(-1)).toMatch(/^Catálogo reemplazado/);
    expect((await get('/catalogos/codigos-postales/76904')).statusCode).toBe(200);
    expect(await catalogosCommand('sepomex', join(dir, 'no-existe.txt'), {}, io, t.app.db)).toBe(1);
    expect(errors.at(-1)).toMatch(/^Error FILE_NOT_FOUND/);
    const pdf = join(dir, 'catalogo.pdf');
    writeFileSync(pdf, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10), Buffer.from('binario')]));
    expect(await catalogosCommand('localidades', pdf, {}, io, t.app.db)).toBe(1);
    expect(errors.at(-1)).toMatch(/^Error CATALOG_FILE_INVALID: El archivo no es de texto/);
  });

  it('INEGI’s catalog of localidades with its own column names, bad claves set aside', async () => {
    const csv = ['CVEGEO,CVE_ENT,NOM_ENT,CVE_MUN,NOM_MUN,CVE_LOC,NOM_LOC,AMBITO,LAT_DECIMAL,LON_DECIMAL,POB_TOTAL', '220140001,22,Querétaro,014,Querétaro,0001,Santiago de Querétaro,U,20.593391,-100.389957,794789', '220140999,22,Querétaro,014,Querétaro,0999,Rancho Inventado,R,20.7,-100.4,12', ',22,Querétaro,X14,Querétaro,0998,Sin clave,R,,,'].join('\n');
    const res = (await upload('localidades', 'AGEEML.csv', Buffer.from(csv))).json<CatalogImport>();
    expect(res).toMatchObject({ codificacion: 'UTF-8', filas: 3, rechazadas: 1, agregadas: 1, cambiadas: 1 });
    expect(res.quitadas).toBeGreaterThan(200);
    expect(res.resumen.rechazosPorCodigo).toEqual({ CLAVE_INVALIDA: 1 });
    await post(`/admin/catalogos/importaciones/${res.id}/descartar`);
    expect((await get('/catalogos/municipios/22014/localidades')).json<LocalidadRef[]>().length).toBeGreaterThan(20);
  });
});
