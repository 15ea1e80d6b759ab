/**
 * The Padrón Estatal through its HTTP contract: an agency's liaison uploads the synthetic roll as
 * Excel saves it in Mexico (Windows-1252, `;`), maps it, reviews it, downloads the refused rows,
 * loads it and undoes it; the same file twice is refused; SIPROS's own deliveries are supports;
 * the confronta crosses them; a person's history shows both.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_ATENCION, ROLE_PADRON, ROLE_PLANEACION } from '../../../../engine/vocabulary.ts';
import { officialWithSession } from '../../../../test/helpers/actors.ts';
import { multipart } from '../../../../test/helpers/multipart.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';

const FIXTURES = new URL('../../../../test/fixtures/padron/', import.meta.url);
const ROLL = readFileSync(new URL('padron_sintetico_qro_win1252.csv', FIXTURES));
const KEY = parse(readFileSync(new URL('padron_sintetico_qro_clave.csv', FIXTURES)), { columns: true }) as Array<{ folio: string; expected_error: string }>;
/** What the synthetic roll's key and the engine's rules give (engine/padron/rows.test.ts reads the key row by row). */
const ACCEPTED = 1859;
const REFUSED = 141;

let t: TestApp;
let storage: string;
let liaison: string;
let otherAgency: string;
let planner: string;

beforeAll(async () => {
  storage = mkdtempSync(join(tmpdir(), 'sipros-padron-'));
  t = await startTestApp({ env: { STORAGE_DIR: storage } });
  liaison = (await officialWithSession(t.app, [ROLE_PADRON], 'dif-estatal')).cookie;
  otherAgency = (await officialWithSession(t.app, [ROLE_PADRON], 'sedeq')).cookie;
  planner = (await officialWithSession(t.app, [ROLE_PADRON, ROLE_PLANEACION], 'direccion-planeacion-evaluacion')).cookie;
}, 60_000);
afterAll(async () => {
  await t?.close();
  rmSync(storage, { recursive: true, force: true });
});

const api = (method: string, url: string, cookie: string, body?: unknown) =>
  t.app.inject({ method: method as 'GET', url: `/api${url}`, headers: { cookie, origin: 'http://localhost' }, ...(body === undefined ? {} : { payload: body as object }) });

async function upload(cookie: string, programa: string, name: string, content: Buffer) {
  const { payload, headers } = multipart(name, content, 'text/csv');
  return t.app.inject({ method: 'POST', url: `/api/funcionario/padron/lotes?programa=${programa}`, headers: { ...headers, cookie }, payload });
}

async function settled(id: string, cookie = liaison) {
  await t.app.jobs.idle();
  return (await api('GET', `/funcionario/padron/lotes/${id}`, cookie)).json();
}

const count = async (sql: string, params: unknown[] = []) => Number((await t.app.db.sql.query<{ n: string }>(sql, params)).rows[0].n);

describe('Carga masiva de padrones', () => {
  let loteId: string;

  it('adds the agency’s program to the catalog; another agency cannot', async () => {
    const body = { clave: 'despensas-dif', nombre: 'Despensas DIF', dependencia: 'dif-estatal', tipo: 'especie' };
    expect((await api('POST', '/funcionario/padron/programas', otherAgency, body)).json().error.code).toBe('AGENCY_OUT_OF_SCOPE');
    const res = await api('POST', '/funcionario/padron/programas', liaison, body);
    expect(res.statusCode, res.body).toBe(201);
    expect((await api('GET', '/funcionario/padron/programas', liaison)).json().map((p: { clave: string }) => p.clave)).toContain('despensas-dif');
  });

  it('receives a Windows-1252 roll separated by «;» and suggests every column from its headers', async () => {
    const res = await upload(liaison, 'despensas-dif', 'padron DIF 2025.csv', ROLL);
    expect(res.statusCode, res.body).toBe(201);
    const lote = res.json();
    loteId = lote.id;
    expect(lote).toMatchObject({ estado: 'recibido', codificacion: 'Windows-1252', separador: ';', formato: 'csv', mapeoRecordado: false });
    expect(lote.encabezados[lote.mapeo.curp]).toBe('curp');
    expect(lote.encabezados[lote.mapeo.primerApellido]).toBe('primer_apellido');
    expect(lote.muestra[0]).toContain('Colón');
  });

  it('reviews every row: the counts the key expects, by code, before anything is loaded', async () => {
    const lote = (await api('GET', `/funcionario/padron/lotes/${loteId}`, liaison)).json();
    const mapped = await api('PUT', `/funcionario/padron/lotes/${loteId}/mapeo`, liaison, { mapeo: lote.mapeo });
    expect(mapped.statusCode, mapped.body).toBe(200);
    const reviewed = await settled(loteId);
    expect(reviewed).toMatchObject({ estado: 'revisado', filas: 2000, aceptadas: ACCEPTED, rechazadas: REFUSED });
    expect(reviewed.porCodigo.CURP_CHECK_DIGIT).toBe(KEY.filter((k) => k.expected_error === 'CHECK_DIGIT').length);
    expect(reviewed.porCodigo.DUPLICATE_IN_FILE).toBeGreaterThan(0);
    expect(await count('select count(*) as n from beneficio where lote_id = $1', [loteId])).toBe(0);
    const preview = (await api('GET', `/funcionario/padron/lotes/${loteId}/vista-previa`, liaison)).json();
    expect(preview.rechazadas[0].problemas[0].message).toMatch(/\S/);
  });

  it('downloads the refused rows with their original values and the reason, as CSV and as Excel', async () => {
    const csv = await api('GET', `/funcionario/padron/lotes/${loteId}/rechazadas?formato=csv`, liaison);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('rechazadas-padron_DIF_2025.csv');
    const rows = parse(csv.rawPayload, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(REFUSED);
    expect(rows[0]).toHaveProperty('Motivo');
    expect(rows.every((r) => r['Códigos'].length > 0)).toBe(true);
    const xlsx = await api('GET', `/funcionario/padron/lotes/${loteId}/rechazadas?formato=xlsx`, liaison);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('another agency’s liaison cannot see or load the batch', async () => {
    expect((await api('GET', `/funcionario/padron/lotes/${loteId}`, otherAgency)).json().error.code).toBe('BATCH_NOT_FOUND');
    expect((await api('POST', `/funcionario/padron/lotes/${loteId}/cargar`, otherAgency)).json().error.code).toBe('BATCH_NOT_FOUND');
    expect((await api('GET', `/funcionario/padron/lotes/${loteId}`, planner)).statusCode).toBe(200);
  });

  it('loads the accepted rows: one support each, one person per CURP, the file’s programs in the catalog', async () => {
    const res = await api('POST', `/funcionario/padron/lotes/${loteId}/cargar`, liaison);
    expect(res.statusCode, res.body).toBe(200);
    const loaded = await settled(loteId);
    expect(loaded).toMatchObject({ estado: 'cargado', progreso: { hechas: ACCEPTED, total: ACCEPTED } });
    expect(await count('select count(*) as n from beneficio where lote_id = $1', [loteId])).toBe(ACCEPTED);
    const people = await count(`select count(distinct curp) as n from padron_fila where lote_id = $1 and aceptada`, [loteId]);
    expect(await count(`select count(*) as n from persona where origen = 'lote:' || $1`, [loteId])).toBe(people);
    expect(await count(`select count(*) as n from programa_catalogo where clave in ('pam-03', 'pbe-02', 'pvi-04', 'pea-01') and dependencia = 'dif-estatal'`)).toBe(4);
    expect(await count(`select count(*) as n from audit_log where entity_id = $1 and action like 'padron.%'`, [loteId])).toBe(3);
  });

  it('refuses the same file again, saying when it came', async () => {
    const again = await upload(liaison, 'despensas-dif', 'otra vez.csv', ROLL);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'ROLL_ALREADY_LOADED', details: { lote: loteId } });
  });

  it('undoes the batch: its supports and the people only it brought are gone; the file may come again with its mapping remembered', async () => {
    expect((await api('POST', `/funcionario/padron/lotes/${loteId}/deshacer`, liaison)).statusCode).toBe(200);
    expect((await settled(loteId)).estado).toBe('deshecho');
    expect(await count('select count(*) as n from beneficio where lote_id = $1', [loteId])).toBe(0);
    expect(await count(`select count(*) as n from persona where origen = 'lote:' || $1`, [loteId])).toBe(0);
    const again = await upload(liaison, 'despensas-dif', 'padron DIF 2025.csv', ROLL);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().mapeoRecordado).toBe(true);
    expect((await api('POST', `/funcionario/padron/lotes/${again.json().id}/cancelar`, liaison)).json().estado).toBe('cancelado');
  });

  it('explains a file that is not a roll, and a roll without the required columns', async () => {
    const pdf = await upload(liaison, 'despensas-dif', 'padron.csv', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'));
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.code).toBe('ROLL_FILE_INVALID');
    const noCurp = await upload(liaison, 'despensas-dif', 'sin curp.csv', Buffer.from('nombre,primer_apellido\nANA,RUIZ\n'));
    const mapped = await api('PUT', `/funcionario/padron/lotes/${noCurp.json().id}/mapeo`, liaison, { mapeo: noCurp.json().mapeo });
    expect(mapped.statusCode).toBe(422);
    expect(mapped.json().error).toMatchObject({ code: 'COLUMNS_MISSING', details: { campos: ['curp'] } });
  });
});

describe('the registry read back', () => {
  it('a person’s history and the confronta cross the loaded programs', async () => {
    const res = await upload(planner, 'despensas-dif', 'padron.csv', ROLL);
    const id = res.json().id;
    await api('PUT', `/funcionario/padron/lotes/${id}/mapeo`, planner, { mapeo: res.json().mapeo });
    await settled(id, planner);
    await api('POST', `/funcionario/padron/lotes/${id}/cargar`, planner);
    expect((await settled(id, planner)).estado).toBe('cargado');
    const { rows } = await t.app.db.sql.query<{ curp: string; programa: string }>(`select curp, datos ->> 'programa' as programa from padron_fila where lote_id = $1 and aceptada order by fila limit 1`, [id]);
    const atencion = (await officialWithSession(t.app, [ROLE_ATENCION])).cookie;
    const history = (await api('GET', `/funcionario/padron/personas/${rows[0].curp}`, atencion)).json();
    expect(history).toEqual([expect.objectContaining({ origen: 'carga', dependencia: 'dif-estatal', programa: rows[0].programa, folio: null })]);
    // Three of those people also come in a second roll, of the DIF's pantry program: the confronta crosses them.
    const { rows: three } = await t.app.db.sql.query<{ datos: { curp: string; primerApellido: string; nombres: string; programa: string } }>(`select datos from padron_fila where lote_id = $1 and aceptada and datos ->> 'programa' = 'pam-03' order by fila limit 3`, [id]);
    const second = ['curp,primer_apellido,nombre', ...three.map(({ datos }) => `${datos.curp},${datos.primerApellido},${datos.nombres}`)].join('\n');
    const other = await upload(planner, 'despensas-dif', 'despensas.csv', Buffer.from(second));
    await api('PUT', `/funcionario/padron/lotes/${other.json().id}/mapeo`, planner, { mapeo: other.json().mapeo });
    await settled(other.json().id, planner);
    await api('POST', `/funcionario/padron/lotes/${other.json().id}/cargar`, planner);
    expect((await settled(other.json().id, planner)).estado).toBe('cargado');
    const matrix = (await api('GET', '/funcionario/padron/confronta', planner)).json();
    expect(matrix.programas.map((p: { clave: string }) => p.clave).sort()).toEqual(['despensas-dif', 'pam-03', 'pbe-02', 'pea-01', 'pvi-04']);
    expect(matrix.pares).toEqual([{ a: 'despensas-dif', b: 'pam-03', personas: 3 }]);
    const people = (await api('GET', `/funcionario/padron/confronta/personas?a=despensas-dif&b=pam-03`, planner)).json();
    expect(people.map((p: { curp: string }) => p.curp).sort()).toEqual(three.map((r) => r.datos.curp).sort());
    expect(people[0].apoyos).toBe(2);
    const csv = await api('GET', '/funcionario/padron/confronta/personas.csv?a=despensas-dif&b=pam-03', planner);
    expect((parse(csv.rawPayload, { bom: true, columns: true }) as Array<{ CURP: string }>).map((r) => r.CURP).sort()).toEqual(three.map((r) => r.datos.curp).sort());
    const many = (await api('GET', '/funcionario/padron/confronta/varios-apoyos?masDe=1', planner)).json();
    expect(many).toHaveLength(3);
    expect((await api('GET', '/funcionario/padron/confronta?municipio=22014', planner)).json().programas.length).toBeGreaterThan(0);
  });

  it('exports the PUB layout and the public transparency list, the latter without CURP, address or birth date', async () => {
    const pub = await api('GET', '/funcionario/padron/exportar/pub.csv?programa=pam-03', planner);
    expect(pub.statusCode).toBe(200);
    const pubRows = parse(pub.rawPayload, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(pubRows.length).toBe(await count(`select count(*) as n from beneficio where programa = 'pam-03'`));
    expect(pubRows[0]).toMatchObject({ CD_PADRON: 'pam-03', CVE_ENT: '22', NB_CURP: expect.stringMatching(/^[A-Z0-9]{18}$/), FH_NACIMIENTO: expect.stringMatching(/^\d{8}$/) });
    const open = await api('GET', '/funcionario/padron/exportar/transparencia.csv', liaison);
    const openRows = parse(open.rawPayload, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(openRows[0])).toEqual(['Programa', 'Beneficiario', 'Municipio', 'Monto', 'Fecha']);
    expect(open.body).not.toMatch(/[A-Z]{4}\d{6}[HMX]/);
    expect(openRows.some((r) => r.Municipio === 'Querétaro')).toBe(true);
  });
});
