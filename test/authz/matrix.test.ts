/**
 * The authorisation matrix of the officials' side: every official route of the API × every kind
 * of caller (anonymous, a citizen, one official per role) × area (the program's own area, another
 * area), each with its expected answer. The table is written out by hand and must list exactly
 * the official routes the server registers: a new route fails this test until someone decides,
 * here, who may call it.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document } from '../../runtime/db/entities.ts';
import { validOfficialRoles } from '../../runtime/server/modules/admin/roles.ts';
import { citizenWithSession, nextAdultCurp, officialWithSession } from '../helpers/actors.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';

/** A program of the Dirección de Atención a Grupos Prioritarios (definitions/catalogs/areas.json). */
const PROGRAM = 'apoyo-emergente-mujeres';
const OWN_AREA = 'direccion-atencion-grupos-prioritarios';
/** A sibling dirección under the same subsecretaría: sees none of PROGRAM's applications. */
const OTHER_AREA = 'direccion-programas-sociales';
const definition = JSON.parse(readFileSync(new URL(`../../definitions/programs/${PROGRAM}/program.json`, import.meta.url), 'utf8'));
const answers = definition.tests.base.answers as Record<string, unknown>;

const ROLES = ['funcionario', 'revisor', 'dictaminador', 'coordinador', 'entregador', 'atencion-ciudadana', 'administrador', 'planeacion', 'padron', 'padron-revisor', 'brigadista', 'supervision-campo'] as const;
type Role = (typeof ROLES)[number];
type Area = 'own' | 'other';
/**
 * The roles that see PROGRAM's personal data (runtime/server/modules/officials/personal-data.ts):
 * administration, the service desk, and the roles PROGRAM's workflow names (revisor, coordinador,
 * entregador). A plain funcionario, planeación and dictaminador (named only by other programs) do not.
 */
const PERSONAL_DATA: readonly Role[] = ['revisor', 'coordinador', 'entregador', 'atencion-ciudadana', 'administrador'];

/** Which official routes this test reviews: the officials' side, the designer, and the document download officials share with citizens. */
const OFFICIAL_PATH = /^\/api\/(funcionario|admin|atencion|ventanilla|disenador|campo)\/|^\/api\/solicitudes\/\{id\}\/documentos(\/|$)/;

interface Fixture {
  /** Submitted, in review (state en_revision), with uploaded documents; its citizen is `owner`. */
  applicationId: string;
  documentId: string;
  /** Approved: its delivery QR token. */
  deliveryToken: string;
  /** A person with a draft in PROGRAM, for Consulta ciudadana and Ventanilla. */
  curp: string;
  draftId: string;
  /** An official the administrators may edit. */
  officialId: string;
}

interface Rule {
  /**
   * Who the route itself lets in: a list of roles, every active official, or citizens only.
   * Anonymous callers always get 401.
   */
  roles: readonly Role[] | 'any-official' | 'citizens-only';
  /** The route acts on one application or program: officials of another area get 404 (it does not exist for them). */
  scoped?: boolean;
  /** Roles checked after the application was found (the workflow's transition roles): the rest get 403 in the own area. */
  workflowRoles?: readonly Role[];
  /** What a citizen who does not own the application gets (default 401 or 403: not an official). */
  citizen?: number;
  /** The route shows personal data: roles outside PERSONAL_DATA get 404, as if it did not exist. */
  personalData?: true;
  /**
   * Administration held to the administrator's subtree: administrators of these areas (both
   * direcciones here) cannot reach the target and get this status. The full table of
   * administrators of the root, a subsecretaría and a dirección is test/authz/admin-scope.test.ts.
   */
  beyondReach?: { areas: readonly Area[]; status: number };
  request: (fx: Fixture) => InjectOptions;
}

/** The smallest well-formed PDF: enough for content sniffing to call it application/pdf. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const BOUNDARY = '----siprosmatriz';
const pdfUpload = (url: string): InjectOptions => ({
  method: 'POST',
  url,
  headers: { origin: 'http://localhost', 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  payload: Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="archivo"; filename="curp.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
});
/** A field record's photo sent without its «registro» (the PDF is plain text: its field renamed). */
const photoWithoutRecord = (): InjectOptions => {
  const upload = pdfUpload('/api/campo/registros');
  return { ...upload, payload: String(upload.payload).replace('name="archivo"', 'name="documento:curp"') };
};
const get = (url: string): InjectOptions => ({ method: 'GET', url });
const send = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object): InjectOptions => ({ method, url, ...(payload ? { payload } : {}) });
const NOWHERE = '00000000-0000-4000-8000-000000000000';

/**
 * The table. Requests are valid enough to get past the schema (so a 401/403 is the gate
 * speaking, not validation) and, where they would change something, change little: a
 * decision without its required comment, a submission with empty answers, ids that do not exist.
 */
const MATRIX: Record<string, Rule> = {
  // ── Own profile ──
  'GET /api/funcionario/yo': { roles: 'any-official', request: () => get('/api/funcionario/yo') },

  // ── Queue (module queue): every official of the area; personal data is masked by role inside ──
  'GET /api/funcionario/programas': { roles: 'any-official', request: () => get('/api/funcionario/programas') },
  'GET /api/funcionario/solicitudes': { roles: 'any-official', request: () => get('/api/funcionario/solicitudes') },
  'GET /api/funcionario/solicitudes/{id}': { roles: 'any-official', scoped: true, request: (fx) => get(`/api/funcionario/solicitudes/${fx.applicationId}`) },
  // RECHAZAR in en_revision: revisor or coordinador (the workflow), refused for the missing comment, so nothing changes.
  'POST /api/funcionario/solicitudes/{id}/eventos': {
    roles: 'any-official',
    scoped: true,
    workflowRoles: ['revisor', 'coordinador'],
    request: (fx) => send('POST', `/api/funcionario/solicitudes/${fx.applicationId}/eventos`, { evento: 'RECHAZAR' }),
  },
  // Per-item outcome inside a 200 (another area's ids are "not found" items, never a 404 of the whole batch).
  'POST /api/funcionario/solicitudes/lote': { roles: 'any-official', request: (fx) => send('POST', '/api/funcionario/solicitudes/lote', { ids: [fx.applicationId], evento: 'RECHAZAR' }) },
  'GET /api/funcionario/filtros': { roles: 'any-official', request: () => get('/api/funcionario/filtros') },
  'POST /api/funcionario/filtros': { roles: 'any-official', request: () => send('POST', '/api/funcionario/filtros', { nombre: 'Matriz', filtros: {} }) },
  'DELETE /api/funcionario/filtros/{id}': { roles: 'any-official', request: () => send('DELETE', `/api/funcionario/filtros/${NOWHERE}`) },
  'GET /api/funcionario/reportes/solicitudes.csv': { roles: 'any-official', request: () => get('/api/funcionario/reportes/solicitudes.csv') },
  'GET /api/funcionario/reportes/solicitudes.xlsx': { roles: 'any-official', request: () => get('/api/funcionario/reportes/solicitudes.xlsx') },

  // ── Dashboard (module dashboard) ──
  'GET /api/funcionario/tablero': { roles: 'any-official', request: () => get('/api/funcionario/tablero') },
  // Counts of the padrón by territory, within the programs the official may see (no personal data).
  'GET /api/funcionario/tablero/cobertura': { roles: 'any-official', request: () => get('/api/funcionario/tablero/cobertura') },
  'GET /api/funcionario/tablero/cobertura/municipios/{clave}': { roles: 'any-official', request: () => get('/api/funcionario/tablero/cobertura/municipios/22014') },
  'GET /api/funcionario/tablero/cobertura/localidades/{cvegeo}': { roles: 'any-official', request: () => get('/api/funcionario/tablero/cobertura/localidades/220140001') },

  // ── Delivery (module delivery): reading a QR is for any official of the area; delivering, for the workflow's ENTREGAR role ──
  'POST /api/funcionario/entregas/verificar': { roles: 'any-official', scoped: true, request: (fx) => send('POST', '/api/funcionario/entregas/verificar', { token: fx.deliveryToken }) },
  'POST /api/funcionario/entregas': { roles: 'any-official', scoped: true, workflowRoles: ['entregador'], request: (fx) => send('POST', '/api/funcionario/entregas', { token: fx.deliveryToken }) },

  // ── Documents: the owner, or officials of the area with the program's personal data; only citizens upload on this route ──
  // (drafts too, every role: test/authz/documents.test.ts)
  'GET /api/solicitudes/{id}/documentos/{docId}': { roles: 'any-official', scoped: true, personalData: true, citizen: 404, request: (fx) => get(`/api/solicitudes/${fx.applicationId}/documentos/${fx.documentId}`) },
  'POST /api/solicitudes/{id}/documentos/{tipo}': { roles: 'citizens-only', citizen: 404, request: (fx) => pdfUpload(`/api/solicitudes/${fx.applicationId}/documentos/curp`) },

  // ── Administration: administrators only, each held to their own subtree (the lists show only it) ──
  'GET /api/admin/areas': { roles: ['administrador'], request: () => get('/api/admin/areas') },
  // A dirección has no level below it, and the subsecretaría is above both administrators here.
  'POST /api/admin/areas': {
    roles: ['administrador'],
    beyondReach: { areas: ['own', 'other'], status: 403 },
    request: () => send('POST', '/api/admin/areas', { id: 'direccion-matriz', nombre: 'Dirección de la Matriz', tipo: 'direccion', padreId: 'subsecretaria-desarrollo-social' }),
  },
  'GET /api/admin/roles': { roles: ['administrador'], request: () => get('/api/admin/roles') },
  'GET /api/admin/funcionarios': { roles: ['administrador'], request: () => get('/api/admin/funcionarios') },
  'POST /api/admin/funcionarios': {
    roles: ['administrador'],
    beyondReach: { areas: ['other'], status: 403 },
    request: () => send('POST', '/api/admin/funcionarios', { usuario: 'matriz.nuevo', nombre: 'Nuevo de la Matriz', correo: 'matriz@example.mx', roles: ['revisor'], area: OWN_AREA, contrasena: MATRIX_PASSWORD }),
  },
  'PATCH /api/admin/funcionarios/{id}': { roles: ['administrador'], beyondReach: { areas: ['other'], status: 404 }, request: (fx) => send('PATCH', `/api/admin/funcionarios/${fx.officialId}`, { nombre: 'Renombrado por la Matriz' }) },

  // ── Consulta ciudadana: the service desk and administrators; the account is not tied to an area (its lists are) ──
  'GET /api/atencion/ciudadanos/{curp}': { roles: ['atencion-ciudadana', 'administrador'], request: (fx) => get(`/api/atencion/ciudadanos/${fx.curp}`) },
  'POST /api/atencion/ciudadanos/{curp}/telefono': { roles: ['atencion-ciudadana', 'administrador'], request: (fx) => send('POST', `/api/atencion/ciudadanos/${fx.curp}/telefono`, { telefono: '4420009999', motivo: 'Prueba de la matriz' }) },
  'POST /api/atencion/ciudadanos/{curp}/correo': { roles: ['atencion-ciudadana', 'administrador'], request: (fx) => send('POST', `/api/atencion/ciudadanos/${fx.curp}/correo`, { correo: 'matriz@example.mx', motivo: 'Prueba de la matriz' }) },
  'POST /api/atencion/ciudadanos/{curp}/contrasena': { roles: ['atencion-ciudadana', 'administrador'], request: (fx) => send('POST', `/api/atencion/ciudadanos/${fx.curp}/contrasena`, { motivo: 'Prueba de la matriz' }) },

  // ── Ventanilla: the service desk only; drafts and applications are tied to their program's area ──
  'POST /api/ventanilla/ciudadanos': {
    roles: ['atencion-ciudadana'],
    request: () => send('POST', '/api/ventanilla/ciudadanos', { curp: VENTANILLA_CURP, nombres: 'Persona', primerApellido: 'De Ventanilla', fechaNacimiento: '1989-09-09', sexo: 'M', telefono: '4420001234' }),
  },
  'GET /api/ventanilla/ciudadanos/{curp}/programas/{programa}/borrador': { roles: ['atencion-ciudadana'], scoped: true, request: (fx) => get(`/api/ventanilla/ciudadanos/${fx.curp}/programas/${PROGRAM}/borrador`) },
  'PUT /api/ventanilla/ciudadanos/{curp}/programas/{programa}/borrador': { roles: ['atencion-ciudadana'], scoped: true, request: (fx) => send('PUT', `/api/ventanilla/ciudadanos/${fx.curp}/programas/${PROGRAM}/borrador`, { respuestas: {} }) },
  'POST /api/ventanilla/ciudadanos/{curp}/programas/{programa}/elegibilidad': { roles: ['atencion-ciudadana'], scoped: true, request: (fx) => send('POST', `/api/ventanilla/ciudadanos/${fx.curp}/programas/${PROGRAM}/elegibilidad`, { respuestas: {} }) },
  'POST /api/ventanilla/ciudadanos/{curp}/solicitudes/{id}/documentos/{tipo}': { roles: ['atencion-ciudadana'], scoped: true, request: (fx) => pdfUpload(`/api/ventanilla/ciudadanos/${fx.curp}/solicitudes/${fx.draftId}/documentos/curp`) },
  'POST /api/ventanilla/ciudadanos/{curp}/solicitudes/{id}/enviar': { roles: ['atencion-ciudadana'], scoped: true, request: (fx) => send('POST', `/api/ventanilla/ciudadanos/${fx.curp}/solicitudes/${fx.draftId}/enviar`, { respuestas: {} }) },

  // ── Designer (issue 5): planning and administrators, not tied to an area ──
  'GET /api/disenador/biblioteca': { roles: ['planeacion', 'administrador'], request: () => get('/api/disenador/biblioteca') },
  'GET /api/disenador/programas': { roles: ['planeacion', 'administrador'], request: () => get('/api/disenador/programas') },
  'POST /api/disenador/borradores': { roles: ['planeacion', 'administrador'], request: () => send('POST', '/api/disenador/borradores', {}) },
  'GET /api/disenador/borradores/{id}': { roles: ['planeacion', 'administrador'], request: () => get(`/api/disenador/borradores/${NOWHERE}`) },
  'PUT /api/disenador/borradores/{id}': { roles: ['planeacion', 'administrador'], request: () => send('PUT', `/api/disenador/borradores/${NOWHERE}`, { definicion: {}, revision: 1 }) },
  'DELETE /api/disenador/borradores/{id}': { roles: ['planeacion', 'administrador'], request: () => send('DELETE', `/api/disenador/borradores/${NOWHERE}`) },
  'POST /api/disenador/revisar': { roles: ['planeacion', 'administrador'], request: () => send('POST', '/api/disenador/revisar', {}) },
  'POST /api/disenador/vista-previa': { roles: ['planeacion', 'administrador'], request: () => send('POST', '/api/disenador/vista-previa', { definicion: {} }) },
  'GET /api/disenador/borradores/{id}/diferencias': { roles: ['planeacion', 'administrador'], request: () => get(`/api/disenador/borradores/${NOWHERE}/diferencias`) },
  'GET /api/disenador/borradores/{id}/exportar': { roles: ['planeacion', 'administrador'], request: () => get(`/api/disenador/borradores/${NOWHERE}/exportar`) },
  'POST /api/disenador/borradores/{id}/publicar': { roles: ['planeacion', 'administrador'], request: () => send('POST', `/api/disenador/borradores/${NOWHERE}/publicar`, {}) },
  'DELETE /api/disenador/programadas/{id}': { roles: ['planeacion', 'administrador'], request: () => send('DELETE', `/api/disenador/programadas/${NOWHERE}`) },

  // The Padrón Estatal: its own role (an agency's batches are scoped to the agency, not to the program's area).
  'GET /api/funcionario/padron/programas': { roles: ['padron'], request: () => get('/api/funcionario/padron/programas') },
  'POST /api/funcionario/padron/programas': { roles: ['padron'], request: () => send('POST', '/api/funcionario/padron/programas', { clave: 'programa-de-la-matriz', nombre: 'Programa de la matriz', dependencia: 'sedesoq', tipo: 'especie' }) },
  'GET /api/funcionario/padron/lotes': { roles: ['padron'], request: () => get('/api/funcionario/padron/lotes') },
  'POST /api/funcionario/padron/lotes': { roles: ['padron'], request: () => send('POST', '/api/funcionario/padron/lotes?programa=no-existe') },
  'GET /api/funcionario/padron/lotes/{id}': { roles: ['padron'], request: () => get(`/api/funcionario/padron/lotes/${NOWHERE}`) },
  'GET /api/funcionario/padron/lotes/{id}/vista-previa': { roles: ['padron'], request: () => get(`/api/funcionario/padron/lotes/${NOWHERE}/vista-previa`) },
  'GET /api/funcionario/padron/lotes/{id}/rechazadas': { roles: ['padron'], request: () => get(`/api/funcionario/padron/lotes/${NOWHERE}/rechazadas`) },
  'PUT /api/funcionario/padron/lotes/{id}/mapeo': { roles: ['padron'], request: () => send('PUT', `/api/funcionario/padron/lotes/${NOWHERE}/mapeo`, { mapeo: {} }) },
  'POST /api/funcionario/padron/lotes/{id}/cargar': { roles: ['padron'], request: () => send('POST', `/api/funcionario/padron/lotes/${NOWHERE}/cargar`) },
  'POST /api/funcionario/padron/lotes/{id}/cancelar': { roles: ['padron'], request: () => send('POST', `/api/funcionario/padron/lotes/${NOWHERE}/cancelar`) },
  'POST /api/funcionario/padron/lotes/{id}/deshacer': { roles: ['padron'], request: () => send('POST', `/api/funcionario/padron/lotes/${NOWHERE}/deshacer`) },
  'GET /api/funcionario/padron/confronta': { roles: ['padron'], request: () => get('/api/funcionario/padron/confronta') },
  'GET /api/funcionario/padron/confronta/personas': { roles: ['padron'], request: () => get('/api/funcionario/padron/confronta/personas?a=pam-03&b=pbe-02') },
  'GET /api/funcionario/padron/confronta/personas.csv': { roles: ['padron'], request: () => get('/api/funcionario/padron/confronta/personas.csv?a=pam-03&b=pbe-02') },
  'GET /api/funcionario/padron/confronta/varios-apoyos': { roles: ['padron'], request: () => get('/api/funcionario/padron/confronta/varios-apoyos') },
  'GET /api/funcionario/padron/exportar/pub.csv': { roles: ['padron'], request: () => get('/api/funcionario/padron/exportar/pub.csv') },
  'GET /api/funcionario/padron/exportar/transparencia.csv': { roles: ['padron'], request: () => get('/api/funcionario/padron/exportar/transparencia.csv') },
  'GET /api/funcionario/padron/personas/{curp}': { roles: ['padron', 'atencion-ciudadana'], request: (fx) => get(`/api/funcionario/padron/personas/${fx.curp}`) },
  'GET /api/funcionario/padron/duplicados': { roles: ['padron-revisor'], request: () => get('/api/funcionario/padron/duplicados') },
  'POST /api/funcionario/padron/duplicados/busquedas': { roles: ['padron-revisor'], request: () => send('POST', '/api/funcionario/padron/duplicados/busquedas') },
  'POST /api/funcionario/padron/duplicados/{id}/misma': { roles: ['padron-revisor'], request: () => send('POST', `/api/funcionario/padron/duplicados/${NOWHERE}/misma`) },
  'POST /api/funcionario/padron/duplicados/{id}/distintas': { roles: ['padron-revisor'], request: () => send('POST', `/api/funcionario/padron/duplicados/${NOWHERE}/distintas`) },
  'GET /api/funcionario/padron/expedientes/{curp}': { roles: ['padron-revisor'], request: (fx) => get(`/api/funcionario/padron/expedientes/${fx.curp}`) },
  'POST /api/funcionario/padron/fusiones/{id}/separar': { roles: ['padron-revisor'], request: () => send('POST', `/api/funcionario/padron/fusiones/${NOWHERE}/separar`) },
  // Territory catalogs are the state's: any administrator imports them; cleaning is the registry reviewers' (and administrators').
  'GET /api/admin/catalogos/importaciones': { roles: ['administrador'], request: () => get('/api/admin/catalogos/importaciones') },
  'POST /api/admin/catalogos/{tipo}': { roles: ['administrador'], request: () => send('POST', '/api/admin/catalogos/sepomex') },
  'POST /api/admin/catalogos/importaciones/{id}/aplicar': { roles: ['administrador'], request: () => send('POST', `/api/admin/catalogos/importaciones/${NOWHERE}/aplicar`) },
  'POST /api/admin/catalogos/importaciones/{id}/descartar': { roles: ['administrador'], request: () => send('POST', `/api/admin/catalogos/importaciones/${NOWHERE}/descartar`) },
  'POST /api/funcionario/limpieza': { roles: ['padron-revisor', 'administrador'], request: () => send('POST', '/api/funcionario/limpieza') },
  'GET /api/funcionario/limpieza/{id}': { roles: ['padron-revisor', 'administrador'], request: () => get(`/api/funcionario/limpieza/${NOWHERE}`) },
  'GET /api/funcionario/limpieza/{id}/propuestas': { roles: ['padron-revisor', 'administrador'], request: () => get(`/api/funcionario/limpieza/${NOWHERE}/propuestas`) },
  'POST /api/funcionario/limpieza/{id}/decision': { roles: ['padron-revisor', 'administrador'], request: () => send('POST', `/api/funcionario/limpieza/${NOWHERE}/decision`, { todas: true }) },

  // ── Field brigades (issue 15): the brigadista's device, and the supervision of the brigades of an area ──
  'GET /api/campo/paquete': { roles: ['brigadista'], request: () => get('/api/campo/paquete') },
  // A photo without its «registro»: the brigadista gets FIELD_RECORD_MISSING (400), nothing is stored.
  'POST /api/campo/registros': { roles: ['brigadista'], request: () => photoWithoutRecord() },
  'GET /api/campo/registros/{idCliente}': { roles: ['brigadista'], request: () => get(`/api/campo/registros/${NOWHERE}`) },
  'GET /api/campo/supervision': { roles: ['supervision-campo', 'administrador'], request: () => get('/api/campo/supervision') },
  'GET /api/campo/visitas': { roles: ['supervision-campo', 'administrador'], request: () => get('/api/campo/visitas') },
  'POST /api/campo/visitas': { roles: ['supervision-campo', 'administrador'], request: () => send('POST', '/api/campo/visitas', { brigadista: NOWHERE, visitas: [{ nombre: 'Visita de la matriz', municipio: '22014' }] }) },
  'PUT /api/campo/visitas/{id}': { roles: ['supervision-campo', 'administrador'], request: () => send('PUT', `/api/campo/visitas/${NOWHERE}`, { brigadista: NOWHERE }) },
};

/** A password the account rules accept (long, not on any list): the matrix tests access, not passwords. */
const MATRIX_PASSWORD = 'matriz de acceso con frase larga 2026';

/** A person not yet registered, signed up at the counter by the first official let through. */
const VENTANILLA_CURP = nextAdultCurp();

type Caller = { kind: 'anonymous' } | { kind: 'citizen' } | { kind: 'official'; role: Role; area: Area };

/** The expected answer: an exact status, or "let through" (not 401/403, not 404 on a scoped route, no server error). */
type Expectation = { status: readonly number[] } | { allowed: true };

function expectation(rule: Rule, caller: Caller): Expectation {
  if (caller.kind === 'anonymous') return { status: [401] };
  if (caller.kind === 'citizen') return { status: rule.citizen ? [rule.citizen] : [401, 403] };
  if (rule.roles === 'citizens-only') return { status: [401, 403] };
  if (rule.roles !== 'any-official' && !rule.roles.includes(caller.role)) return { status: [403] };
  if (rule.scoped && caller.area === 'other') return { status: [404] };
  if (rule.beyondReach?.areas.includes(caller.area)) return { status: [rule.beyondReach.status] };
  if (rule.personalData && !PERSONAL_DATA.includes(caller.role)) return { status: [404] };
  if (rule.workflowRoles && !rule.workflowRoles.includes(caller.role)) return { status: [403] };
  return { allowed: true };
}

function meets(expected: Expectation, status: number, scoped: boolean): boolean {
  if ('status' in expected) return expected.status.includes(status);
  return status !== 401 && status !== 403 && status < 500 && !(scoped && status === 404);
}

const describeCaller = (c: Caller) => (c.kind === 'official' ? `${c.role} (${c.area === 'own' ? 'área propia' : 'otra área'})` : c.kind);
const describeExpectation = (e: Expectation) => ('status' in e ? e.status.join('|') : 'permitido');

let t: TestApp;
let fx: Fixture;
const cookies = new Map<string, string>();
const key = (c: Caller) => (c.kind === 'official' ? `${c.role}@${c.area}` : c.kind);
/** Every caller, other area first, so a request that changes something (an approval, a new account) runs after the refusals. */
const CALLERS: Caller[] = [{ kind: 'anonymous' }, { kind: 'citizen' }, ...(['other', 'own'] as const).flatMap((area) => ROLES.map((role): Caller => ({ kind: 'official', role, area })))];

const api = (options: InjectOptions, cookie?: string) =>
  t.app.inject({ ...options, headers: { ...(options.headers as Record<string, string> | undefined), ...(cookie ? { cookie } : {}) } });

beforeAll(async () => {
  t = await startTestApp();
  for (const area of ['own', 'other'] as const) {
    for (const role of ROLES) cookies.set(`${role}@${area}`, (await officialWithSession(t.app, [role], area === 'own' ? OWN_AREA : OTHER_AREA)).cookie);
  }
  cookies.set('citizen', (await citizenWithSession(t.app)).cookie);

  // Application in review, its documents uploaded through the citizen's route (so the download has a file).
  const owner = await citizenWithSession(t.app);
  const draft = await api(send('PUT', `/api/programas/${PROGRAM}/borrador`, { respuestas: answers }), owner.cookie);
  const applicationId = draft.json().id as string;
  for (const doc of definition.documents as Array<{ id: string }>) {
    const res = await api(pdfUpload(`/api/solicitudes/${applicationId}/documentos/${doc.id}`), owner.cookie);
    expect(res.statusCode, res.body).toBe(201);
  }
  expect((await api(send('POST', `/api/solicitudes/${applicationId}/enviar`, { respuestas: answers }), owner.cookie)).statusCode).toBe(201);
  const documentId = (await api(get(`/api/solicitudes/${applicationId}`), owner.cookie)).json().documentos[0].id as string;

  // Approved application (documents recorded directly: nobody downloads them) and its QR token.
  const approved = await citizenWithSession(t.app);
  const approvedId = (await api(send('PUT', `/api/programas/${PROGRAM}/borrador`, { respuestas: answers }), approved.cookie)).json().id as string;
  const docs = t.app.db.orm.em.fork();
  for (const doc of definition.documents as Array<{ id: string }>) {
    docs.create(Document, { id: randomUUID(), application: approvedId, documentType: doc.id, sha256: '0'.repeat(64), size: PDF.length, mediaType: 'application/pdf', originalName: `${doc.id}.pdf`, uploadedBy: `ciudadano:${approved.citizen.id}`, uploadedAt: t.app.clock() });
  }
  await docs.flush();
  expect((await api(send('POST', `/api/solicitudes/${approvedId}/enviar`, { respuestas: answers }), approved.cookie)).statusCode).toBe(201);
  const approval = await api(send('POST', `/api/funcionario/solicitudes/${approvedId}/eventos`, { evento: 'APROBAR' }), cookies.get('revisor@own'));
  expect(approval.json(), approval.body).toMatchObject({ estado: 'Aprobada' });
  const qr = await api(get(`/api/solicitudes/${approvedId}/entrega`), approved.cookie);
  expect(qr.statusCode, qr.body).toBe(200);

  // A person with a draft, for the service desk and the counter.
  const person = await citizenWithSession(t.app);
  const draftId = (await api(send('PUT', `/api/programas/${PROGRAM}/borrador`, { respuestas: {} }), person.cookie)).json().id as string;
  const editable = await officialWithSession(t.app, ['revisor'], OWN_AREA);

  fx = { applicationId, documentId, deliveryToken: qr.json().token, curp: person.citizen.curp, draftId, officialId: editable.official.id };
}, 120_000);
afterAll(() => t?.close());

describe('authorisation matrix of the officials’ side', () => {
  it('lists exactly the official routes the server registers (a new route must be added here, with who may call it)', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const registered = Object.entries(doc.paths)
      .filter(([path]) => OFFICIAL_PATH.test(path))
      .flatMap(([path, operations]) => Object.keys(operations).filter((m) => !['head', 'options'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const reviewed = Object.keys(MATRIX).sort();
    expect({ sinRevisar: registered.filter((r) => !reviewed.includes(r)), sinRuta: reviewed.filter((r) => !registered.includes(r)) }).toEqual({ sinRevisar: [], sinRuta: [] });
  });

  for (const [route, rule] of Object.entries(MATRIX)) {
    it(route, async () => {
      const wrong: string[] = [];
      for (const caller of CALLERS) {
        const expected = expectation(rule, caller);
        const res = await api(rule.request(fx), cookies.get(key(caller)));
        if (!meets(expected, res.statusCode, rule.scoped === true)) {
          wrong.push(`${describeCaller(caller)}: se esperaba ${describeExpectation(expected)}, respondió ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('the expectations are not vacuous: each rule lets someone through and keeps someone out', () => {
    for (const [route, rule] of Object.entries(MATRIX)) {
      const outcomes = CALLERS.map((c) => expectation(rule, c));
      expect(outcomes.some((e) => 'status' in e), route).toBe(true);
      // A route no administrator of a dirección can use lets someone through in admin-scope.test.ts instead.
      const nobodyHere = rule.beyondReach?.areas.length === 2;
      if (rule.roles !== 'citizens-only' && !nobodyHere) expect(outcomes.some((e) => 'allowed' in e), route).toBe(true);
      if (rule.scoped) expect(outcomes.some((e) => 'status' in e && e.status.includes(404)), route).toBe(true);
    }
  });

  it('tries every role an official may hold: a workflow role added by a definition must be added here', async () => {
    expect([...ROLES].sort()).toEqual((await validOfficialRoles(t.app.db.sql)).sort());
  });
});
