import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officialWithSession } from '../../../../test/helpers/actors.ts';
import { planWithoutSeqScan } from '../../../../test/helpers/plans.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { publishDefinition } from '../programs/index.ts';
import { queueTuning } from './queue.service.ts';
import { searchQuery, type Selection } from './queue.sql.ts';
import { insertDelivery, insertDraft, parseCsv, seedApplications, type ApplicationSpec, type SeededApplication } from '../../../../test/helpers/seed-applications.ts';

const AEMU = 'apoyo-emergente-mujeres';
const BESC = 'becas-escolares';
const APTEC = 'apoyo-tecnologico';
const PROGRAMS = [AEMU, BESC, APTEC];
const ORDERS = ['fecha_desc', 'fecha_asc', 'folio', 'nombre'] as const;
type Order = (typeof ORDERS)[number];

const PEOPLE: Array<[string, string, string | null]> = [
  ['JOSÉ ÁNGEL', 'NÚÑEZ', 'GÜEMES'],
  ['MARÍA', 'PÉREZ', 'LÓPEZ'],
  ['MARIA', 'PEREZ', 'LOPEZ'],
  ['LAURA', 'GÓMEZ', null],
  ['ANA SOFÍA', 'ÁLVAREZ', 'RÍOS'],
  ['JUANA', 'OÑATE', 'MUÑOZ'],
  ['PEDRO', 'ZÚÑIGA', 'ORTIZ'],
  ['LUCÍA', 'HERNÁNDEZ', 'CRUZ'],
  ['JUAN', 'DE LA CRUZ', 'MEJÍA'],
  ['ROSA', 'MARTÍNEZ', 'SÁNCHEZ'],
];
/** Each program has these states; the rest of the applications stay in review. */
const STATE_BY_SLOT: Record<number, string> = { 3: 'correccion', 5: 'aprobada', 6: 'rechazada', 7: 'entregado' };
const MUNICIPIOS = ['22014', '22006', '22001', null];

let t: TestApp;
let apps: SeededApplication[];
let revisor: string;
let plain: string;
let outsider: string;

function specs(): ApplicationSpec[] {
  const base = Date.parse('2026-11-10T10:00:00-06:00');
  return Array.from({ length: 24 }, (_, i) => {
    const [nombres, primerApellido, segundoApellido] = PEOPLE[i % PEOPLE.length];
    // Three applications share one instant: the id must break the tie, page after page.
    const minutes = i >= 5 && i <= 7 ? 5 * 37 : i * 37;
    return {
      program: PROGRAMS[i % 3],
      citizen: { nombres, primerApellido, segundoApellido },
      submittedAt: new Date(base + minutes * 60_000).toISOString(),
      state: i === 20 ? 'dictamen' : STATE_BY_SLOT[i % 8],
      municipio: MUNICIPIOS[i % 4],
    };
  });
}

beforeAll(async () => {
  t = await startTestApp();
  apps = await seedApplications(t.app, specs());
  // The first applicant also applied to a fourth program: a CURP search finds both.
  apps.push(...(await seedApplications(t.app, [{ program: 'tarifa-unidos', citizen: { id: apps[0].citizenId, curp: apps[0].curp }, submittedAt: '2026-11-20T09:15:00-06:00' }])));
  apps[apps.length - 1] = { ...apps[apps.length - 1], nombres: apps[0].nombres, primerApellido: apps[0].primerApellido, segundoApellido: apps[0].segundoApellido };
  await insertDraft(t.app, BESC, '22014');
  ({ cookie: revisor } = await officialWithSession(t.app, ['revisor']));
  ({ cookie: plain } = await officialWithSession(t.app, ['funcionario']));
  ({ cookie: outsider } = await officialWithSession(t.app, ['revisor', 'coordinador'], 'otra-area'));
}, 120_000);
afterAll(() => t?.close());

const get = (url: string, cookie = revisor) => t.app.inject({ method: 'GET', url: `/api${url}`, headers: { cookie } });
const post = (url: string, body: unknown, cookie = revisor) => t.app.inject({ method: 'POST', url: `/api${url}`, headers: { cookie }, payload: body as object });
const qs = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]): [string, string] => [k, String(v)])).toString();

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const nameKey = (a: SeededApplication) => fold(`${a.primerApellido} ${a.segundoApellido ? `${a.segundoApellido} ` : ''}${a.nombres}`);
const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
const COMPARE: Record<Order, (a: SeededApplication, b: SeededApplication) => number> = {
  fecha_desc: (a, b) => cmp(b.submittedAt, a.submittedAt) || cmp(b.id, a.id),
  fecha_asc: (a, b) => cmp(a.submittedAt, b.submittedAt) || cmp(a.id, b.id),
  folio: (a, b) => cmp(a.program, b.program) || cmp(a.folioNumber, b.folioNumber) || cmp(a.id, b.id),
  nombre: (a, b) => cmp(nameKey(a), nameKey(b)) || cmp(a.id, b.id),
};
const expected = (orden: Order, keep: (a: SeededApplication) => boolean = () => true) => apps.filter(keep).sort(COMPARE[orden]).map((a) => a.id);

/** Follows `siguiente` to the end, checking every page. */
async function allPages(params: Record<string, string | number | undefined>, cookie = revisor): Promise<string[]> {
  const ids: string[] = [];
  let despues: string | undefined;
  for (let page = 0; page < 60; page++) {
    const res = await get(`/funcionario/solicitudes?${qs({ ...params, despues })}`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.filas.length).toBeLessThanOrEqual(Number(params.limite ?? 25));
    ids.push(...body.filas.map((f: { id: string }) => f.id));
    if (!body.siguiente) return ids;
    despues = body.siguiente;
  }
  throw new Error('La paginación no terminó.');
}

describe('work queue', () => {
  it('lists the submitted applications of the area, newest first, with the seed’s columns', async () => {
    const res = await get('/funcionario/solicitudes');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(apps.length); // the draft is not in the queue
    expect(body.siguiente).toBeNull();
    expect(body.filas.map((f: { id: string }) => f.id)).toEqual(expected('fecha_desc'));
    const newest = apps.find((a) => a.id === body.filas[0].id)!;
    expect(body.filas[0]).toEqual({
      id: newest.id,
      numero: newest.numero,
      curp: newest.curp,
      nombre: 'JOSÉ ÁNGEL',
      primerApellido: 'NÚÑEZ',
      segundoApellido: 'GÜEMES',
      fechaSolicitud: newest.submittedAt,
      folio: newest.folio,
      programa: 'tarifa-unidos',
      programaNombre: 'Tarifa Unidos',
      proceso: 'en_revision',
      procesoEtiqueta: 'Revisión documental',
      tipoApoyo: 'Estudiante',
      tipoApoyoId: 'estudiante',
      padron: null,
      estado: 'En proceso',
      municipio: null,
      aprobar: 'APROBAR',
    });
    const delivered = body.filas.find((f: { estado: string }) => f.estado === 'Entregado');
    // Seeded as «Entregado» directly, without a delivery: its applicant is not in the Padrón Estatal.
    expect(delivered).toMatchObject({ padron: null, proceso: 'entregado', aprobar: null });
  });

  it('offers approval only on rows the official’s roles may approve now (the web app holds no event or role names)', async () => {
    const asRevisor = (await get('/funcionario/solicitudes')).json().filas as Array<{ estado: string; aprobar: string | null }>;
    expect(asRevisor.filter((f) => f.aprobar).length).toBeGreaterThan(0);
    for (const f of asRevisor.filter((row) => row.estado !== 'En proceso')) expect(f.aprobar, f.estado).toBeNull();
    expect(asRevisor.filter((f) => f.aprobar).every((f) => f.aprobar === 'APROBAR' && f.estado === 'En proceso')).toBe(true);
    const asPlain = (await get('/funcionario/solicitudes', plain)).json().filas as Array<{ aprobar: string | null }>;
    expect(asPlain.length).toBe(asRevisor.length);
    expect(asPlain.every((f) => f.aprobar === null)).toBe(true);
  });

  it.each(ORDERS)('pages through every application in «%s» order with no repeats and no gaps', async (orden) => {
    const first = (await get(`/funcionario/solicitudes?orden=${orden}&limite=4`)).json();
    expect(first.total).toBe(apps.length);
    expect(first.filas).toHaveLength(4);
    const ids = await allPages({ orden, limite: 4 });
    expect(ids).toEqual(expected(orden));
    // A later page does not repeat the count.
    expect((await get(`/funcionario/solicitudes?orden=${orden}&limite=4&despues=${first.siguiente}`)).json().total).toBeNull();
  });

  it('filters by program, status and workflow state, alone and together, also while paging', async () => {
    expect(await allPages({ programa: BESC, limite: 3 })).toEqual(expected('fecha_desc', (a) => a.program === BESC));
    expect(await allPages({ estado: 'Corrección', orden: 'nombre', limite: 2 })).toEqual(expected('nombre', (a) => a.status === 'Corrección'));
    expect(await allPages({ proceso: 'en_revision', orden: 'folio', limite: 5 })).toEqual(expected('folio', (a) => a.state === 'en_revision'));
    expect(await allPages({ programa: APTEC, estado: 'En proceso', orden: 'fecha_asc', limite: 2 })).toEqual(
      expected('fecha_asc', (a) => a.program === APTEC && a.status === 'En proceso'),
    );
    const dictamen = await get(`/funcionario/solicitudes?${qs({ programa: APTEC, proceso: 'dictamen' })}`);
    expect(dictamen.json()).toMatchObject({ total: 1, filas: [{ proceso: 'dictamen', procesoEtiqueta: 'Dictaminación', estado: 'En proceso' }] });
    // Blank filters, as a form sends them, mean "all".
    expect((await get('/funcionario/solicitudes?programa=&estado=&proceso=&q=&orden=')).json().total).toBe(apps.length);
    expect((await get(`/funcionario/solicitudes?${qs({ estado: 'Inexistente' })}`)).json()).toEqual({ filas: [], siguiente: null, total: 0 });
  });

  it.each([
    ['through the GIN index of words (uncommon names)', 2_000, 200],
    ['walking the rarest word’s list, or the order’s index (common names)', 0, 200],
    ['walking a list until its budget runs out, then through the GIN index', 0, 1],
  ])('finds by exact CURP and folio, and by name words in any order, with or without accents, %s', async (_way, commonNameMatches, walkPerRow) => {
    Object.assign(queueTuning, { commonNameMatches, walkPerRow });
    const search = async (q: string, extra: Record<string, string | number> = {}) => {
      const res = await get(`/funcionario/solicitudes?${qs({ q, ...extra })}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().filas.map((f: { id: string }) => f.id).sort();
    };
    const ids = (keep: (a: SeededApplication) => boolean) => apps.filter(keep).map((a) => a.id).sort();
    expect(await search(apps[0].curp)).toEqual(ids((a) => a.curp === apps[0].curp));
    expect(await search(apps[0].curp)).toHaveLength(2);
    expect(await search(` ${apps[3].curp.toLowerCase()} `)).toEqual([apps[3].id]);
    expect(await search(apps[7].folio)).toEqual([apps[7].id]);
    expect(await search(apps[7].folio, { programa: AEMU })).toEqual(apps[7].program === AEMU ? [apps[7].id] : []);
    const joseAngel = ids((a) => a.nombres === 'JOSÉ ÁNGEL');
    expect(joseAngel.length).toBeGreaterThan(1);
    expect(await search('jose angel nunez')).toEqual(joseAngel);
    expect(await search('Núñez Güemes')).toEqual(joseAngel);
    expect(await search('GÜEMES josé')).toEqual(joseAngel);
    const mariaPerez = ids((a) => fold(a.nombres) === 'maria' && fold(a.primerApellido) === 'perez');
    expect(await search('maría pérez')).toEqual(mariaPerez);
    expect(await search('PEREZ Maria')).toEqual(mariaPerez);
    expect(await search('pérez lópez', { programa: BESC })).toEqual(mariaPerez.filter((id) => apps.find((a) => a.id === id)!.program === BESC));
    expect(await search('de la cruz')).toEqual(ids((a) => a.primerApellido === 'DE LA CRUZ'));
    expect(await search('perez xochitl')).toEqual([]);
    // A word typed is the beginning of a word of the name: «lóp» finds López, «opez» finds nothing.
    expect(await search('lóp mar')).toEqual(mariaPerez);
    expect(await search('opez')).toEqual([]);
    expect(await search('maria perez lopezz')).toEqual([]);
    // Search results are paged like the queue, in every order.
    for (const orden of ORDERS) expect(await allPages({ q: 'perez', orden, limite: 1 })).toEqual(expected(orden, (a) => mariaPerez.includes(a.id)));
    expect((await get(`/funcionario/solicitudes?${qs({ q: 'lopez', programa: BESC, estado: 'En proceso', orden: 'folio' })}`)).json().filas.map((f: { id: string }) => f.id)).toEqual(
      expected('folio', (a) => mariaPerez.includes(a.id) && a.program === BESC && a.status === 'En proceso'),
    );
    Object.assign(queueTuning, { commonNameMatches: 2_000, walkPerRow: 200 });
  });

  it('refuses malformed queries with a Spanish message', async () => {
    for (const query of ['limite=0', 'limite=101', 'orden=precio', 'programa=DROP%20TABLE', 'proceso=Revisión', 'color=rojo']) {
      const res = await get(`/funcionario/solicitudes?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Hay datos con errores; revisa los campos marcados.' });
    }
    const garbage = await get('/funcionario/solicitudes?despues=bm8tZXMtdW4tY3Vyc29y');
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/referencia de página/) });
    const byDate = (await get('/funcionario/solicitudes?limite=2')).json().siguiente;
    expect((await get(`/funcionario/solicitudes?orden=nombre&despues=${byDate}`)).json().error.code).toBe('BAD_REQUEST');
    const short = await get('/funcionario/solicitudes?q=ab%20c');
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toMatch(/al menos una palabra del nombre de 3 letras/);
    expect((await t.app.inject({ method: 'GET', url: '/api/funcionario/solicitudes' })).statusCode).toBe(401);
  });

  it('finds a folio by its end as people read it («TUNI-3», «tuni 3»), or by its number alone', async () => {
    const target = apps[2];
    const [, prefix, numero] = /-([A-Z]+)-(\d+)$/.exec(target.folio)!;
    for (const q of [`${prefix}-${numero}`, `${prefix.toLowerCase()} - ${numero}`]) {
      const res = await get(`/funcionario/solicitudes?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
      expect(res.json().filas.map((f: { id: string }) => f.id), q).toEqual([target.id]);
    }
    const byNumber = (await get(`/funcionario/solicitudes?q=${numero}`)).json().filas as Array<{ folio: string }>;
    expect(byNumber.map((f) => f.folio)).toContain(target.folio);
    expect(byNumber.every((f) => f.folio.endsWith(`-${numero}`))).toBe(true);
    expect((await get('/funcionario/solicitudes?q=ZZZZ-99999')).json().filas).toEqual([]);
    // A folio search, so a role without personal data may use it too.
    expect((await get(`/funcionario/solicitudes?q=${prefix}-${numero}`, plain)).json().filas).toHaveLength(1);
  });

  it('looks a folio number up in the queue’s folio index, one probe per program and stage', async () => {
    // Without the stage in the condition PostgreSQL could only walk each program's whole range.
    const selection: Selection = {
      programs: [BESC, APTEC],
      branches: [BESC, APTEC].flatMap((program) => ['revision', 'aprobada'].map((state) => ({ program, state }))),
      statusCheck: false,
      search: { kind: 'folioNumero', numero: '3', prefix: null },
      personalPrograms: [],
    };
    const { statement, values } = searchQuery(selection, 'fecha_desc', null, 26);
    const text = typeof statement === 'string' ? statement : statement.text;
    const plan = await planWithoutSeqScan(t.app.db.sql, text, values);
    expect(plan).toMatch(/application_cola_folio_idx[^\n]*\n\s*Index Cond: \(\(program_id = k\.program_id\) AND \(state = k\.state\) AND [^\n]*(?:sipros_folio_numero|"substring"\(folio)/);
  });

  it('shows nothing of other areas', async () => {
    expect((await get('/funcionario/solicitudes', outsider)).json()).toEqual({ filas: [], siguiente: null, total: 0 });
    expect((await get(`/funcionario/solicitudes?programa=${BESC}`, outsider)).json().filas).toEqual([]);
    expect((await get(`/funcionario/solicitudes?q=${encodeURIComponent(apps[1].folio)}`, outsider)).json().filas).toEqual([]);
    expect((await get('/funcionario/programas', outsider)).json()).toEqual([]);
    const detail = await get(`/funcionario/solicitudes/${apps[1].id}`, outsider);
    expect(detail.statusCode).toBe(404);
    expect(detail.json().error.code).toBe('APPLICATION_NOT_FOUND');
  });

  it('masks personal data for a plain funcionario, who may only search by folio', async () => {
    const filas = (await get('/funcionario/solicitudes?limite=100', plain)).json().filas as Array<Record<string, string>>;
    expect(filas).toHaveLength(apps.length);
    for (const fila of filas) {
      const app = apps.find((a) => a.id === fila.id)!;
      expect(fila.curp).toBe(`${app.curp.slice(0, 6)}**********${app.curp.slice(16)}`);
      expect([fila.nombre, fila.primerApellido, fila.segundoApellido]).toEqual(['', '', '']);
    }
    expect((await get(`/funcionario/solicitudes?q=${encodeURIComponent(apps[2].folio)}`, plain)).json().filas).toHaveLength(1);
    for (const q of [apps[2].curp, 'maria perez']) {
      const res = await get(`/funcionario/solicitudes?q=${encodeURIComponent(q)}`, plain);
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/busca las solicitudes por folio/) });
    }
    // The name order still works: the names are only hidden, not the order.
    expect(await allPages({ orden: 'nombre', limite: 10 }, plain)).toEqual(expected('nombre'));
  });

  it('lists the programs of the area with their workflow states and events', async () => {
    const programs = (await get('/funcionario/programas')).json() as Array<{ id: string; estados: unknown[]; eventos: unknown[] }>;
    expect(programs.map((p) => p.id)).toEqual(expect.arrayContaining(PROGRAMS));
    expect(programs.find((p) => p.id === APTEC)).toMatchObject({
      nombre: 'Apoyo Tecnológico',
      area: 'subsecretaria-desarrollo-social',
      estados: expect.arrayContaining([{ id: 'dictamen', etiqueta: 'Dictaminación', estado: 'En proceso' }, { id: 'entregado', etiqueta: 'Apoyo entregado', estado: 'Entregado' }]),
      eventos: expect.arrayContaining([{ id: 'VALIDAR', etiqueta: 'Turnar a dictaminación' }]),
    });
  });
});

describe('Ver Solicitud', () => {
  const inState = (program: string, state: string) => apps.find((a) => a.program === program && a.state === state)!;
  const actions = async (roles: string[], app: SeededApplication) => {
    const { cookie } = await officialWithSession(t.app, roles);
    const res = await get(`/funcionario/solicitudes/${app.id}`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    // As a set: the stored definition (jsonb) does not keep the order its author wrote.
    return res.json().acciones.map((a: { evento: string }) => a.evento).sort();
  };

  it('offers exactly the events the official’s roles may send in the current state', async () => {
    const review = inState(AEMU, 'en_revision');
    const approved = inState(AEMU, 'aprobada');
    expect(await actions(['revisor'], review)).toEqual(['APROBAR', 'RECHAZAR', 'SOLICITAR_CORRECCION']);
    expect(await actions(['coordinador'], review)).toEqual(['APROBAR', 'RECHAZAR']);
    expect(await actions(['revisor', 'coordinador'], review)).toEqual(['APROBAR', 'RECHAZAR', 'SOLICITAR_CORRECCION']);
    expect(await actions(['entregador'], review)).toEqual([]);
    expect(await actions(['funcionario'], review)).toEqual([]);
    expect(await actions(['entregador'], approved)).toEqual(['ENTREGAR']);
    expect(await actions(['coordinador'], approved)).toEqual(['DAR_DE_BAJA']);
    expect(await actions(['revisor'], inState(APTEC, 'dictamen'))).toEqual([]);
    expect(await actions(['dictaminador'], inState(APTEC, 'dictamen'))).toEqual(['DICTAMINAR', 'RECHAZAR', 'SOLICITAR_CORRECCION']);
    const detail = (await get(`/funcionario/solicitudes/${review.id}`)).json();
    expect(detail.acciones).toContainEqual({ evento: 'SOLICITAR_CORRECCION', etiqueta: 'Solicitar corrección', requiereComentario: true, permiteMarcas: true, tono: 'warning' });
    // Each action's tone is the look of the status it leads to: the web app holds no event names.
    expect(Object.fromEntries(detail.acciones.map((a: { evento: string; tono: string }) => [a.evento, a.tono]))).toMatchObject({ APROBAR: 'success', RECHAZAR: 'error' });
  });

  it('shows the applicant, answers, documents, history, delivery and the fields that can be flagged', async () => {
    const delivered = inState(AEMU, 'entregado');
    const { official: deliverer } = await officialWithSession(t.app, ['entregador']);
    await insertDelivery(t.app, delivered.id, deliverer.id, '2026-11-21T12:30:00-06:00');
    const docId = crypto.randomUUID();
    await t.app.db.sql.query(
      `insert into document (id, application_id, document_type, sha256, size, media_type, original_name, uploaded_by, uploaded_at)
       values ($1, $2, 'curp', repeat('0', 64), 1234, 'application/pdf', 'curp.pdf', 'ciudadano', now())`,
      [docId, delivered.id],
    );
    const res = await get(`/funcionario/solicitudes/${delivered.id}`);
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail).toMatchObject({
      id: delivered.id,
      folio: delivered.folio,
      programa: AEMU,
      programaNombre: 'Apoyo emergente para mujeres',
      version: 1,
      estado: 'Entregado',
      proceso: 'entregado',
      procesoEtiqueta: 'Apoyo entregado',
      fechaSolicitud: delivered.submittedAt,
      tipoApoyo: 'Apoyo económico emergente',
      ciudadano: { curp: delivered.curp, nombre: delivered.nombres, primerApellido: delivered.primerApellido, telefono: '4421234567', correo: '' },
      elegibilidad: { eligible: true, reasons: [], score: 10 },
      correccion: null,
      entrega: { fecha: '2026-11-21T18:30:00.000Z', funcionario: 'Funcionaria de prueba', latitud: 20.59, longitud: -100.39 },
      documentos: [{ id: docId, tipo: 'curp', etiqueta: 'Constancia de la CURP', nombre: 'curp.pdf', tipoMedio: 'application/pdf', tamano: 1234, url: `/api/solicitudes/${delivered.id}/documentos/${docId}` }],
      historial: [{ estado: 'Entregado', evento: 'ENVIAR', actor: 'Persona solicitante', comentario: '', enVentanilla: false, capturadaEn: null, fecha: delivered.submittedAt }],
    });
    expect(detail.respuestas.jefatura).toBeDefined();
    expect(detail.formulario.schema.properties.jefatura).toBeDefined();
    expect(detail.campos).toContainEqual({ ruta: 'jefatura.situacion', etiqueta: 'Situación de emergencia › ¿Qué situación de emergencia enfrentas?' });
    expect(detail.campos.every((c: { ruta: string; etiqueta: string }) => c.ruta !== '' && c.etiqueta !== '')).toBe(true);
  });

  it('leaves personal data out for a plain funcionario, and answers 404 for anything not found', async () => {
    const app = inState(BESC, 'en_revision');
    const detail = (await get(`/funcionario/solicitudes/${app.id}`, plain)).json();
    expect(detail.ciudadano).toEqual({ curp: `${app.curp.slice(0, 6)}**********${app.curp.slice(16)}`, nombre: '', primerApellido: '', segundoApellido: '', telefono: '', correo: '' });
    expect(detail.respuestas).toEqual({});
    expect(detail.documentos).toEqual([]);
    expect(detail.acciones).toEqual([]);
    for (const id of ['no-es-un-id', crypto.randomUUID()]) expect((await get(`/funcionario/solicitudes/${id}`)).json().error.code).toBe('APPLICATION_NOT_FOUND');
  });
});

describe('saved filters', () => {
  it('keeps each official’s own filters: create, list, refuse duplicates, delete; others get 404', async () => {
    const filtros = { programa: BESC, estado: 'Corrección', orden: 'nombre' };
    const created = await post('/funcionario/filtros', { nombre: '  Becas en corrección ', filtros });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ id: expect.any(String), nombre: 'Becas en corrección', filtros });
    const id = created.json().id;
    expect((await get('/funcionario/filtros')).json()).toEqual([{ id, nombre: 'Becas en corrección', filtros }]);
    const again = await post('/funcionario/filtros', { nombre: 'Becas en corrección', filtros: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/Ya tienes un filtro llamado «Becas en corrección»/);
    expect((await post('/funcionario/filtros', { nombre: 'Malo', filtros: { color: 'rojo' } })).json().error.code).toBe('VALIDATION_FAILED');

    // The saved filter reproduces the queue it was saved from.
    expect(await allPages(filtros)).toEqual(expected('nombre', (a) => a.program === BESC && a.status === 'Corrección'));

    expect((await get('/funcionario/filtros', plain)).json()).toEqual([]);
    const foreign = await t.app.inject({ method: 'DELETE', url: `/api/funcionario/filtros/${id}`, headers: { cookie: plain } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('FILTER_NOT_FOUND');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/funcionario/filtros/${id}`, headers: { cookie: revisor } })).statusCode).toBe(204);
    expect((await get('/funcionario/filtros')).json()).toEqual([]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/funcionario/filtros/${id}`, headers: { cookie: revisor } })).statusCode).toBe(404);
  });
});

describe('reports', () => {
  const COLUMNS = ['Id', 'CURP', 'Nombre', 'Apellido Paterno', 'Apellido Materno', 'Fecha de Solicitud', 'Folio', 'Programa', 'Proceso', 'Tipo de Apoyo', 'Padrón', 'Estado', 'Municipio', 'Fecha de Entrega'];
  const becas = () => apps.filter((a) => a.program === BESC).sort((a, b) => a.numero - b.numero);

  it('downloads the filtered queue as CSV with the fixed columns, labels and dates of Mexico City', async () => {
    const delivered = becas().find((a) => a.state === 'entregado')!;
    const { official } = await officialWithSession(t.app, ['entregador']);
    await insertDelivery(t.app, delivered.id, official.id, '2026-11-22T08:05:00-06:00');
    const res = await get(`/funcionario/reportes/solicitudes.csv?programa=${BESC}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="reporte-solicitudes-2026-11-24.csv"');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(res.body.slice(1));
    expect(header).toEqual(COLUMNS);
    expect(rows.map((r) => Number(r[0]))).toEqual(becas().map((a) => a.numero));
    const row = rows.find((r) => Number(r[0]) === delivered.numero)!;
    const local = new Intl.DateTimeFormat('es-MX', { timeZone: 'America/Mexico_City', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const [d, m, y, hh, mm] = local.formatToParts(new Date(delivered.submittedAt)).filter((p) => p.type !== 'literal').map((p) => p.value);
    expect(row).toEqual([
      String(delivered.numero), delivered.curp, delivered.nombres, delivered.primerApellido, delivered.segundoApellido ?? '', `${d}/${m}/${y} ${hh}:${mm}`,
      delivered.folio, 'Becas escolares', 'Beca entregada', 'Beca de primaria', 'Sí', 'Entregado', { '22014': 'Querétaro', '22006': 'Corregidora', '22001': 'Amealco de Bonfil' }[delivered.municipio ?? ''] ?? '', '22/11/2026 08:05',
    ]);
    expect(rows.filter((r) => r[10] === 'Sí')).toHaveLength(1);
  });

  it('masks the personal columns for a plain funcionario and shows nothing of other areas', async () => {
    const [, ...rows] = parseCsv((await get(`/funcionario/reportes/solicitudes.csv?programa=${BESC}`, plain)).body.slice(1));
    expect(rows).toHaveLength(becas().length);
    for (const row of rows) {
      expect(row[1]).toMatch(/^[A-Z]{4}\d{2}\*{10}[A-Z\d]\d$/);
      expect(row.slice(2, 5)).toEqual(['', '', '']);
    }
    const foreign = parseCsv((await get('/funcionario/reportes/solicitudes.csv', outsider)).body.slice(1));
    expect(foreign).toEqual([COLUMNS]);
  });

  it('downloads the same report as an Excel workbook that reads back', async () => {
    const res = await get('/funcionario/reportes/solicitudes.xlsx?estado=En%20proceso');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="reporte-solicitudes-2026-11-24.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Solicitudes')!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(COLUMNS);
    const inProcess = apps.filter((a) => a.status === 'En proceso').sort((a, b) => a.numero - b.numero);
    expect(sheet.actualRowCount).toBe(inProcess.length + 1);
    const first = inProcess[0];
    expect(values(2)).toEqual(expect.arrayContaining([first.numero, first.curp, first.nombres, first.folio, 'En proceso', 'No']));
    expect(Array.from({ length: inProcess.length }, (_, i) => values(i + 2)[0])).toEqual(inProcess.map((a) => a.numero));
  });
});

describe('bulk decisions', () => {
  it('approves each application in its own transaction and reports every row', async () => {
    const fresh = await seedApplications(t.app, [
      ...['ELENA', 'SARA', 'TERESA'].map((nombres, i) => ({ program: AEMU, citizen: { nombres, primerApellido: 'LOTE' }, submittedAt: `2026-11-23T0${i + 1}:00:00-06:00`, municipio: '22014' })),
      { program: AEMU, citizen: { nombres: 'RECHAZADA', primerApellido: 'LOTE' }, submittedAt: '2026-11-23T05:00:00-06:00', state: 'rechazada' },
    ]);
    const missing = crypto.randomUUID();
    const ids = [fresh[0].id, fresh[1].id, fresh[3].id, missing, fresh[2].id];
    const res = await post('/funcionario/solicitudes/lote', { ids, evento: 'APROBAR', comentario: 'Cumple' });
    expect(res.statusCode).toBe(200);
    expect(res.json().resultados).toEqual([
      { id: fresh[0].id, folio: fresh[0].folio, ok: true, estado: 'Aprobada' },
      { id: fresh[1].id, folio: fresh[1].folio, ok: true, estado: 'Aprobada' },
      { id: fresh[3].id, folio: fresh[3].folio, ok: false, error: { code: 'WORKFLOW_REFUSED', message: expect.stringMatching(/no se puede realizar cuando la solicitud está en/) } },
      { id: missing, folio: null, ok: false, error: { code: 'APPLICATION_NOT_FOUND', message: 'No encontramos esa solicitud.' } },
      { id: fresh[2].id, folio: fresh[2].folio, ok: true, estado: 'Aprobada' },
    ]);
    const { rows } = await t.app.db.sql.query<{ id: string; status: string }>('select id, status from application where id = any($1::uuid[])', [fresh.map((a) => a.id)]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [fresh[0].id]: 'Aprobada', [fresh[1].id]: 'Aprobada', [fresh[2].id]: 'Aprobada', [fresh[3].id]: 'Rechazada' });
    const history = (await get(`/funcionario/solicitudes/${fresh[0].id}`)).json().historial;
    expect(history.at(-1)).toMatchObject({ estado: 'Aprobada', evento: 'APROBAR', comentario: 'Cumple', actor: 'Funcionaria de prueba' });
  });

  it('refuses what the roles or the area do not allow, row by row, and malformed batches as a whole', async () => {
    const [a] = await seedApplications(t.app, [{ program: BESC, citizen: { nombres: 'OTRA', primerApellido: 'PRUEBA' }, submittedAt: '2026-11-23T07:00:00-06:00' }]);
    const foreign = (await post('/funcionario/solicitudes/lote', { ids: [a.id], evento: 'APROBAR' }, outsider)).json().resultados;
    expect(foreign).toEqual([{ id: a.id, folio: null, ok: false, error: expect.objectContaining({ code: 'APPLICATION_NOT_FOUND' }) }]);
    const { cookie: deliverer } = await officialWithSession(t.app, ['entregador']);
    expect((await post('/funcionario/solicitudes/lote', { ids: [a.id], evento: 'APROBAR' }, deliverer)).json().resultados[0].error.code).toBe('FORBIDDEN');
    expect((await t.app.db.sql.query<{ status: string }>('select status from application where id = $1', [a.id])).rows[0].status).toBe('En proceso');
    const tooMany = Array.from({ length: 101 }, () => crypto.randomUUID());
    for (const body of [{ ids: tooMany, evento: 'APROBAR' }, { ids: [a.id, a.id], evento: 'APROBAR' }, { ids: [], evento: 'APROBAR' }, { ids: ['x'], evento: 'APROBAR' }]) {
      expect((await post('/funcionario/solicitudes/lote', body)).json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('definition versions', () => {
  it('reads each application with its own version’s labels and statuses', async () => {
    const v2 = JSON.parse(readFileSync(new URL(`../../../../definitions/programs/${BESC}/program.json`, import.meta.url), 'utf8'));
    v2.version = 2;
    // The newer version keeps an approved application "in process" until delivery, under another label.
    v2.workflow.states.aprobada.status = 'En proceso';
    v2.workflow.states.aprobada.label = 'Beca por entregar';
    await publishDefinition(t.app.db.orm.em.fork(), v2, t.app.library, 'prueba', t.app.clock());
    const [newer] = await seedApplications(t.app, [{ program: BESC, state: 'aprobada', citizen: { nombres: 'VERSION', primerApellido: 'DOS' }, submittedAt: '2026-11-23T08:00:00-06:00' }]);
    const older = apps.filter((a) => a.program === BESC && a.state === 'aprobada');
    expect(older.length).toBeGreaterThan(0);
    const approved = await allPages({ programa: BESC, estado: 'Aprobada', limite: 1 });
    expect(approved).toEqual(expected('fecha_desc', (a) => a.program === BESC && a.status === 'Aprobada'));
    const inProcess = (await get(`/funcionario/solicitudes?${qs({ programa: BESC, estado: 'En proceso', proceso: 'aprobada' })}`)).json();
    expect(inProcess).toMatchObject({ total: 1, filas: [{ id: newer.id, estado: 'En proceso', procesoEtiqueta: 'Beca por entregar' }] });
    const old = (await get(`/funcionario/solicitudes?${qs({ q: older[0].folio })}`)).json().filas[0];
    expect(old).toMatchObject({ estado: 'Aprobada', procesoEtiqueta: 'Entrega de la beca' });
  });
});
