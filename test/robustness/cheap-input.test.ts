import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Application, Document, ProgramDraft } from '../../runtime/db/entities.ts';
import { MAX_JSON_DEPTH } from '../../runtime/server/plugins/input-guard.ts';
import { citizenWithSession, officialWithSession } from '../helpers/actors.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';

/**
 * Issue 16: input that costs a client nothing to send must never answer 500 nor leave anything
 * written: bodies nested thousands deep, a NUL character (which PostgreSQL's text and jsonb
 * refuse) anywhere in a body or URL, broken multipart uploads, numbers beyond a column's range.
 * Each is sent, as a client would, to several routes of citizens, officials and the designer.
 */
const PROGRAM = 'apoyo-tecnologico';
const definition = JSON.parse(readFileSync(new URL(`../../definitions/programs/${PROGRAM}/program.json`, import.meta.url), 'utf8'));
const base = definition.tests.base as { curp: string; at: string; answers: Record<string, any> };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let t: TestApp;
let storageDir: string;
const who: Record<'citizen' | 'planner' | 'admin' | 'revisor' | 'counter', string> = { citizen: '', planner: '', admin: '', revisor: '', counter: '' };
let citizenCurp: string;
let draftId: string;
let designerDraftId: string;

beforeAll(async () => {
  storageDir = mkdtempSync(join(tmpdir(), 'sipros-cheap-input-'));
  t = await startTestApp({ now: base.at, env: { STORAGE_DIR: storageDir } });
  const citizen = await citizenWithSession(t.app);
  who.citizen = citizen.cookie;
  citizenCurp = citizen.citizen.curp;
  who.planner = (await officialWithSession(t.app, ['planeacion'])).cookie;
  who.admin = (await officialWithSession(t.app, ['administrador'])).cookie;
  who.revisor = (await officialWithSession(t.app, ['revisor'])).cookie;
  who.counter = (await officialWithSession(t.app, ['atencion-ciudadana'])).cookie;
  draftId = (await api('PUT', `/programas/${PROGRAM}/borrador`, who.citizen, { respuestas: base.answers })).json().id;
  designerDraftId = (await api('POST', '/disenador/borradores', who.planner, {})).json().id;
}, 60_000);
afterAll(async () => {
  await t?.close();
  rmSync(storageDir, { recursive: true, force: true });
});

function api(method: string, url: string, cookie: string, body?: unknown) {
  return t.app.inject({ method: method as 'GET', url: `/api${url}`, headers: { cookie }, ...(body === undefined ? {} : { payload: body as object }) });
}

/** A body sent exactly as written (a JSON text no serializer would produce, e.g. nested 10,000 deep). */
function raw(method: string, url: string, cookie: string, text: string) {
  return t.app.inject({ method: method as 'POST', url: `/api${url}`, headers: { cookie, 'content-type': 'application/json' }, payload: text });
}

/** Every row a refused request could have written. */
async function rowCounts() {
  const { rows } = await t.app.db.sql.query(`
    select (select count(*) from application) as applications, (select count(*) from document) as documents,
           (select count(*) from application_event) as events, (select count(*) from program_draft) as designer_drafts,
           (select count(*) from program_version) as program_versions, (select count(*) from saved_filter) as filters,
           (select count(*) from official) as officials, (select count(*) from citizen) as citizens,
           (select sum(revision) from program_draft) as revisions,
           (select string_agg(md5(answers::text), ',' order by id) from application) as answers`);
  return rows[0];
}

/** Sends the request and checks it was refused with `status` and `code`, nothing written. */
async function refusedWithoutWrites(send: () => Promise<LightMyRequestResponse>, status: number, code: string) {
  const before = await rowCounts();
  const res = await send();
  expect({ status: res.statusCode, code: res.json().error?.code }, res.body.slice(0, 300)).toEqual({ status, code });
  expect(res.json().error.message).toMatch(/[áéíóúñ¿]|\s(el|la|los|las|de|un|una)\s/i); // Spanish, for people
  expect(await rowCounts()).toEqual(before);
  return res;
}

/** `{"a":{"a":…1…}}`, `depth` objects deep. */
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
/** `[[[…]]]`, `depth` arrays deep. */
const nestedArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('bodies nested thousands deep (under 1 MB)', () => {
  const deep = [nestedObject(10_000), nestedArray(100_000)];

  it('are refused with NESTING_TOO_DEEP on the citizen routes', async () => {
    for (const value of deep) {
      await refusedWithoutWrites(() => raw('PUT', `/programas/${PROGRAM}/borrador`, who.citizen, `{"respuestas":${value}}`), 400, 'NESTING_TOO_DEEP');
      await refusedWithoutWrites(() => raw('PUT', `/programas/${PROGRAM}/borrador`, who.citizen, `{"respuestas":{"estudios":${value}}}`), 400, 'NESTING_TOO_DEEP');
      await refusedWithoutWrites(() => raw('POST', `/programas/${PROGRAM}/elegibilidad`, who.citizen, `{"respuestas":{"estudios":${value}}}`), 400, 'NESTING_TOO_DEEP');
      await refusedWithoutWrites(() => raw('POST', `/solicitudes/${draftId}/enviar`, who.citizen, `{"respuestas":{"estudios":${value}}}`), 400, 'NESTING_TOO_DEEP');
      await refusedWithoutWrites(() => raw('POST', `/solicitudes/${draftId}/correccion`, who.citizen, `{"respuestas":${value}}`), 400, 'NESTING_TOO_DEEP');
    }
  });

  it('are refused on the officials’ routes (counter draft, saved filter, workflow event)', async () => {
    for (const value of deep) {
      await refusedWithoutWrites(() => raw('PUT', `/ventanilla/ciudadanos/${citizenCurp}/programas/${PROGRAM}/borrador`, who.counter, `{"respuestas":{"estudios":${value}}}`), 400, 'NESTING_TOO_DEEP');
      await refusedWithoutWrites(() => raw('POST', '/funcionario/filtros', who.revisor, `{"nombre":"hondo","filtros":${value}}`), 400, 'NESTING_TOO_DEEP');
      await refusedWithoutWrites(() => raw('POST', `/funcionario/solicitudes/${draftId}/eventos`, who.revisor, `{"evento":"VALIDAR","campos":${value}}`), 400, 'NESTING_TOO_DEEP');
    }
  });

  it('are refused on the designer’s routes (new draft, autosave, check, preview)', async () => {
    const template = JSON.stringify((await api('GET', `/disenador/borradores/${designerDraftId}`, who.planner)).json().definicion);
    for (const value of deep) {
      await refusedWithoutWrites(() => raw('POST', '/disenador/borradores', who.planner, `{"definicion":{"id":"hondo","form":${value}}}`), 400, 'NESTING_TOO_DEEP');
      await refusedWithoutWrites(() => raw('PUT', `/disenador/borradores/${designerDraftId}`, who.planner, `{"revision":1,"definicion":{"id":"hondo","eligibility":${value}}}`), 400, 'NESTING_TOO_DEEP');
      await refusedWithoutWrites(() => raw('POST', '/disenador/revisar', who.planner, `{"id":"hondo","form":{"schema":${value}}}`), 400, 'NESTING_TOO_DEEP');
      await refusedWithoutWrites(() => raw('POST', '/disenador/vista-previa', who.planner, `{"definicion":${template},"respuestas":${value}}`), 400, 'NESTING_TOO_DEEP');
    }
  });

  it('still accepts answers nested up to the limit, and a program definition as deep as real ones', async () => {
    const justUnder = nestedObject(MAX_JSON_DEPTH - 2); // inside {"respuestas": …}
    const saved = await raw('PUT', `/programas/${PROGRAM}/borrador`, who.citizen, `{"respuestas":{"extra":${justUnder}}}`);
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(200);
    const checked = await api('POST', '/disenador/revisar', who.planner, definition);
    expect(checked.statusCode).toBe(200);
    expect(checked.json().valido).toBe(true);
    await api('PUT', `/programas/${PROGRAM}/borrador`, who.citizen, { respuestas: base.answers });
  });
});

describe('a NUL character (\\u0000) in any string', () => {
  const nul = 'Escuela\u0000 7';

  it('is refused with INVALID_CHARACTER in citizens’ bodies (value or key), before anything is written', async () => {
    const { citizen, cookie } = await citizenWithSession(t.app);
    await refusedWithoutWrites(() => api('PUT', `/programas/${PROGRAM}/borrador`, cookie, { respuestas: { estudios: { escuela: nul } } }), 400, 'INVALID_CHARACTER');
    await refusedWithoutWrites(() => api('PUT', `/programas/${PROGRAM}/borrador`, cookie, { respuestas: { 'clave\u0000': 'x' } }), 400, 'INVALID_CHARACTER');
    await refusedWithoutWrites(() => api('PUT', `/programas/${PROGRAM}/borrador`, who.citizen, { respuestas: { ...base.answers, estudios: { ...base.answers.estudios, escuela: nul } } }), 400, 'INVALID_CHARACTER');
    await refusedWithoutWrites(() => api('POST', `/solicitudes/${draftId}/enviar`, who.citizen, { respuestas: { ...base.answers, estudios: { ...base.answers.estudios, escuela: nul } } }), 400, 'INVALID_CHARACTER');
    const signUp = { curp: citizen.curp.replace(/^Z/, 'Y'), nombres: 'ANA\u0000', primerApellido: 'PEREZ', fechaNacimiento: '1989-09-09', sexo: 'M', telefono: '4421234567', contrasena: 'una frase larga 2026' };
    await refusedWithoutWrites(() => t.app.inject({ method: 'POST', url: '/api/cuenta/registro', payload: signUp }), 400, 'INVALID_CHARACTER');
  });

  it('is refused in officials’ and the designer’s bodies, and nothing changes', async () => {
    await refusedWithoutWrites(() => api('POST', '/funcionario/filtros', who.revisor, { nombre: `Mis pendientes${nul}`, filtros: {} }), 400, 'INVALID_CHARACTER');
    await refusedWithoutWrites(() => api('POST', `/funcionario/solicitudes/${draftId}/eventos`, who.revisor, { evento: 'VALIDAR', comentario: nul }), 400, 'INVALID_CHARACTER');
    await refusedWithoutWrites(() => api('POST', '/admin/funcionarios', who.admin, { usuario: 'nulo.prueba', nombre: `Nadia${nul}`, correo: 'n@example.org', roles: ['revisor'], area: 'subsecretaria-desarrollo-social', contrasena: 'una frase larga 2026' }), 400, 'INVALID_CHARACTER');
    await refusedWithoutWrites(() => api('PUT', `/ventanilla/ciudadanos/${citizenCurp}/programas/${PROGRAM}/borrador`, who.counter, { respuestas: { estudios: { escuela: nul } } }), 400, 'INVALID_CHARACTER');
    const current = (await api('GET', `/disenador/borradores/${designerDraftId}`, who.planner)).json();
    await refusedWithoutWrites(() => api('POST', '/disenador/borradores', who.planner, { definicion: { ...current.definicion, name: nul } }), 400, 'INVALID_CHARACTER');
    await refusedWithoutWrites(() => api('PUT', `/disenador/borradores/${designerDraftId}`, who.planner, { revision: current.revision, definicion: { ...current.definicion, description: nul } }), 400, 'INVALID_CHARACTER');
  });

  it('is refused in URLs (%00 in a query or path), which reach SQL parameters too', async () => {
    await refusedWithoutWrites(() => api('GET', '/funcionario/solicitudes?q=ana%00', who.revisor), 400, 'INVALID_CHARACTER');
    await refusedWithoutWrites(() => api('GET', '/admin/funcionarios?q=%00', who.admin), 400, 'INVALID_CHARACTER');
    await refusedWithoutWrites(() => api('GET', '/funcionario/reportes/solicitudes.csv?q=%00', who.revisor), 400, 'INVALID_CHARACTER');
    await refusedWithoutWrites(() => api('GET', `/atencion/ciudadanos/${citizenCurp}%00`, who.counter), 400, 'INVALID_CHARACTER');
  });

  it('is not confused with the text "\\u0000" written out (a backslash and five characters), which is saved as sent', async () => {
    const answers = { ...base.answers, estudios: { ...base.answers.estudios, escuela: 'C:\\u0000 plantel' } };
    const saved = await api('PUT', `/programas/${PROGRAM}/borrador`, who.citizen, { respuestas: answers });
    expect(saved.statusCode).toBe(200);
    expect((await t.app.db.orm.em.fork().findOneOrFail(Application, draftId)).answers).toEqual(answers);
    await api('PUT', `/programas/${PROGRAM}/borrador`, who.citizen, { respuestas: base.answers });
  });
});

describe('broken multipart uploads', () => {
  const url = () => `/api/solicitudes/${draftId}/documentos/curp`;
  const boundary = '----sipros-roto';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="archivo"; filename="curp.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  const send = (payload: Buffer | string, contentType: string, path = url(), cookie = who.citizen) =>
    t.app.inject({ method: 'POST', url: path, payload, headers: { origin: 'http://localhost', cookie, 'content-type': contentType } });
  const leftovers = () => readdirSync(join(storageDir, 'tmp'), { withFileTypes: true }).filter((f) => f.isFile());

  it('no boundary, a truncated body or a cut part header: MULTIPART_INVALID (400), no document, no temporary file left', async () => {
    await refusedWithoutWrites(() => send(Buffer.concat([Buffer.from(head), PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]), 'multipart/form-data'), 400, 'MULTIPART_INVALID');
    await refusedWithoutWrites(() => send(Buffer.concat([Buffer.from(head), PDF.subarray(0, 40)]), `multipart/form-data; boundary=${boundary}`), 400, 'MULTIPART_INVALID');
    await refusedWithoutWrites(() => send(`--${boundary}\r\nContent-Disposition: form-da`, `multipart/form-data; boundary=${boundary}`), 400, 'MULTIPART_INVALID');
    expect(leftovers()).toEqual([]);
  });

  it('a boundary but no file (a text field only, or nothing at all): FILE_MISSING (400)', async () => {
    const fieldOnly = `--${boundary}\r\nContent-Disposition: form-data; name="nota"\r\n\r\nhola\r\n--${boundary}--\r\n`;
    await refusedWithoutWrites(() => send(fieldOnly, `multipart/form-data; boundary=${boundary}`), 400, 'FILE_MISSING');
    await refusedWithoutWrites(() => send(`--${boundary}--\r\n`, `multipart/form-data; boundary=${boundary}`), 400, 'FILE_MISSING');
  });

  it('the same broken uploads at the counter (ventanilla) are refused the same way', async () => {
    const counterUrl = `/api/ventanilla/ciudadanos/${citizenCurp}/solicitudes/${draftId}/documentos/curp`;
    await refusedWithoutWrites(() => send(Buffer.concat([Buffer.from(head), PDF.subarray(0, 40)]), `multipart/form-data; boundary=${boundary}`, counterUrl, who.counter), 400, 'MULTIPART_INVALID');
    await refusedWithoutWrites(() => send(PDF, 'multipart/form-data', counterUrl, who.counter), 400, 'MULTIPART_INVALID');
  });

  it('a NUL or other control character in the file name is dropped from the stored name, the upload kept', async () => {
    const named = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="archivo"; filename="cu\u0000rp\u0007.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const res = await send(named, `multipart/form-data; boundary=${boundary}`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().nombre).toBe('curp.pdf');
    expect(await t.app.db.orm.em.fork().count(Document, { application: draftId, replacedAt: null })).toBe(1);
  });
});

describe('numbers beyond what a column holds', () => {
  it('a designer autosave with revision 1e308, -1 or 1.5 is VALIDATION_FAILED and leaves the draft as it was', async () => {
    const current = (await api('GET', `/disenador/borradores/${designerDraftId}`, who.planner)).json();
    for (const revision of ['1e308', '-1', '1.5', '2147483647']) {
      await refusedWithoutWrites(() => raw('PUT', `/disenador/borradores/${designerDraftId}`, who.planner, `{"revision":${revision},"definicion":${JSON.stringify(current.definicion)}}`), 400, 'VALIDATION_FAILED');
    }
    const after = await t.app.db.orm.em.fork().findOneOrFail(ProgramDraft, designerDraftId);
    expect(after.revision).toBe(current.revision);
    // The ordinary autosave still works.
    expect((await api('PUT', `/disenador/borradores/${designerDraftId}`, who.planner, { revision: current.revision, definicion: current.definicion })).json().revision).toBe(current.revision + 1);
  });

  it('publishing a definition whose version is 1e308 is refused with a code, no version written', async () => {
    const template = (await api('GET', `/disenador/borradores/${designerDraftId}`, who.planner)).json().definicion;
    const created = await raw('POST', '/disenador/borradores', who.planner, JSON.stringify({ definicion: { ...template, id: 'version-enorme' } }).replace('"version":1', '"version":1e308'));
    expect(created.statusCode, created.body.slice(0, 300)).toBe(201);
    const res = await refusedWithoutWrites(() => api('POST', `/disenador/borradores/${created.json().id}/publicar`, who.planner, {}), 400, 'BAD_REQUEST');
    expect(res.json().error.message).toMatch(/fuera de rango/);
  });

  it('a designer draft id made of 36 dashes is simply not found', async () => {
    await refusedWithoutWrites(() => api('GET', `/disenador/borradores/${'-'.repeat(36)}`, who.planner), 404, 'NOT_FOUND');
    await refusedWithoutWrites(() => api('DELETE', `/disenador/programadas/${'-'.repeat(36)}`, who.planner), 404, 'NOT_FOUND');
  });
});
