/**
 * Administrators held to their subtree (issue 16): every administration route × administrators of
 * the root (the dependencia, where `sipros create-admin` puts the first one), a subsecretaría and
 * a dirección × target areas inside, above and beside their subtree. Written out by hand: which
 * area is inside, above or beside which administrator is the table below, not computed by the
 * code under test. Every refusal must carry its code and be in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Area, AuditLog, Official } from '../../runtime/db/entities.ts';
import { officialWithSession } from '../helpers/actors.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';

const ROOT = 'sedesoq';
const SUBSEC = 'subsecretaria-desarrollo-social';
const DIR = 'direccion-atencion-grupos-prioritarios';
const DIR_SIBLING = 'direccion-programas-sociales';
const SUBSEC_SIBLING = 'subsecretaria-planeacion-evaluacion-vinculacion';
const DIR_COUSIN = 'direccion-planeacion-evaluacion';
/** A second tree (another dependencia), written straight into the table: nobody of the first tree administers it. */
const OTHER_TREE = 'otra-dependencia';
const AREAS = [ROOT, SUBSEC, DIR, DIR_SIBLING, SUBSEC_SIBLING, DIR_COUSIN, OTHER_TREE] as const;
type AreaId = (typeof AREAS)[number];
const LEVEL: Record<AreaId, 'dependencia' | 'subsecretaria' | 'direccion'> = {
  [ROOT]: 'dependencia',
  [SUBSEC]: 'subsecretaria',
  [DIR]: 'direccion',
  [DIR_SIBLING]: 'direccion',
  [SUBSEC_SIBLING]: 'subsecretaria',
  [DIR_COUSIN]: 'direccion',
  [OTHER_TREE]: 'dependencia',
};

type AdminKey = 'raiz' | 'subsecretaria' | 'direccion';
type Relation = 'inside' | 'above' | 'beside';
const ADMIN_AREA: Record<AdminKey, AreaId> = { raiz: ROOT, subsecretaria: SUBSEC, direccion: DIR };

/** The hand-written table: where each area lies for each administrator. */
const RELATION: Record<AdminKey, Record<AreaId, Relation>> = {
  raiz: { [ROOT]: 'inside', [SUBSEC]: 'inside', [DIR]: 'inside', [DIR_SIBLING]: 'inside', [SUBSEC_SIBLING]: 'inside', [DIR_COUSIN]: 'inside', [OTHER_TREE]: 'beside' },
  subsecretaria: { [ROOT]: 'above', [SUBSEC]: 'inside', [DIR]: 'inside', [DIR_SIBLING]: 'inside', [SUBSEC_SIBLING]: 'beside', [DIR_COUSIN]: 'beside', [OTHER_TREE]: 'beside' },
  direccion: { [ROOT]: 'above', [SUBSEC]: 'above', [DIR]: 'inside', [DIR_SIBLING]: 'beside', [SUBSEC_SIBLING]: 'beside', [DIR_COUSIN]: 'beside', [OTHER_TREE]: 'beside' },
};

const ROLES = ['administrador', 'funcionario', 'atencion-ciudadana', 'planeacion', 'padron', 'padron-revisor', 'brigadista', 'supervision-campo', 'coordinador', 'dictaminador', 'entregador', 'revisor'] as const;
/**
 * The roles each may give: the root every one; the others the roles they hold (administrador),
 * `funcionario`, and the workflow roles of their subtree's programs — the subsecretaría's
 * programs name dictaminador, the dirección's two (apoyo-emergente-mujeres, cuidado-infantil) do not.
 */
const GRANTABLE: Record<AdminKey, readonly string[]> = {
  raiz: ROLES,
  subsecretaria: ['administrador', 'funcionario', 'coordinador', 'dictaminador', 'entregador', 'revisor'],
  direccion: ['administrador', 'funcionario', 'coordinador', 'entregador', 'revisor'],
};

const PASSWORD = 'cuenta de prueba para la matriz';
const ADMINS = Object.keys(ADMIN_AREA) as AdminKey[];

let t: TestApp;
const admins = {} as Record<AdminKey, { id: string; cookie: string }>;
/** One revisor living in each area: the targets to list and change. */
const residents = {} as Record<AreaId, string>;
const em = () => t.app.db.orm.em.fork();

beforeAll(async () => {
  t = await startTestApp();
  const fork = em();
  fork.create(Area, { id: OTHER_TREE, nombre: 'Otra Secretaría', tipo: 'dependencia', padreId: null, createdAt: t.app.clock() });
  await fork.flush();
  for (const key of ADMINS) {
    const { official, cookie } = await officialWithSession(t.app, ['administrador'], ADMIN_AREA[key]);
    admins[key] = { id: official.id, cookie };
  }
  for (const area of AREAS) residents[area] = (await officialWithSession(t.app, ['revisor'], area)).official.id;
}, 120_000);
afterAll(() => t?.close());

function api(key: AdminKey, method: 'GET' | 'POST' | 'PATCH', url: string, body?: object) {
  return t.app.inject({ method, url: `/api${url}`, headers: { cookie: admins[key].cookie }, ...(body ? { payload: body } : {}) });
}

/** The codes of the administrator's audited refusals, oldest first. */
async function refusals(key: AdminKey): Promise<string[]> {
  return (await em().find(AuditLog, { actorId: admins[key].id, action: 'admin.rechazo' }, { orderBy: { id: 'asc' } })).map((e) => String(e.data.codigo));
}

/**
 * Runs one request and checks its answer: `expected` a status for success, or the refusal's
 * status and code, which must also be the latest audit entry of this administrator. Returns the
 * mismatch, if any, as a line of the test's complaint.
 */
async function check(key: AdminKey, label: string, request: () => ReturnType<typeof api>, expected: { status: number; code?: string }): Promise<string | null> {
  const before = (await refusals(key)).length;
  const res = await request();
  const code = res.statusCode >= 400 ? res.json().error?.code : undefined;
  if (res.statusCode !== expected.status || code !== expected.code) return `${key} ${label}: se esperaba ${expected.status} ${expected.code ?? ''}, respondió ${res.statusCode} ${res.body.slice(0, 160)}`;
  const after = await refusals(key);
  if (expected.code && expected.code !== 'OWN_ACCOUNT_LOCKOUT') {
    if (after.length !== before + 1 || after.at(-1) !== expected.code) return `${key} ${label}: el rechazo ${expected.code} no quedó en la bitácora`;
  } else if (after.length !== before) return `${key} ${label}: se registró un rechazo que no hubo`;
  return null;
}

const refused = (status: number, code: string) => ({ status, code });

// Many accounts are created (each password hashed with argon2): minutes on a busy machine.
describe('administrators held to their subtree', { timeout: 240_000 }, () => {
  it('the list of officials shows exactly the officials of their subtree', async () => {
    const wrong: string[] = [];
    for (const key of ADMINS) {
      const listed = (await api(key, 'GET', '/admin/funcionarios')).json() as Array<{ id: string; area: string }>;
      for (const area of AREAS) {
        const shown = listed.some((o) => o.id === residents[area]);
        if (shown !== (RELATION[key][area] === 'inside')) wrong.push(`${key}: el funcionario de ${area} (${RELATION[key][area]}) ${shown ? 'aparece' : 'no aparece'}`);
      }
      for (const o of listed) if (RELATION[key][o.area as AreaId] !== 'inside') wrong.push(`${key}: lista a ${o.id} de ${o.area}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the area tree shows their subtree only', async () => {
    const wrong: string[] = [];
    for (const key of ADMINS) {
      const ids = ((await api(key, 'GET', '/admin/areas')).json() as Array<{ id: string }>).map((a) => a.id);
      for (const area of AREAS) if (ids.includes(area) !== (RELATION[key][area] === 'inside')) wrong.push(`${key}: ${area} (${RELATION[key][area]}) ${ids.includes(area) ? 'aparece' : 'no aparece'}`);
    }
    expect(wrong).toEqual([]);
  });

  it('create: officials only in areas of their subtree; above or beside is ADMIN_OUT_OF_SCOPE, audited, nothing created', async () => {
    const wrong: string[] = [];
    for (const key of ADMINS) {
      for (const area of AREAS) {
        const usuario = `alta.${key}.${area}`.slice(0, 60);
        const inside = RELATION[key][area] === 'inside';
        const body = { usuario, nombre: 'Persona de Prueba', correo: 'alta@example.mx', roles: ['revisor'], area, contrasena: PASSWORD };
        const problem = await check(key, `alta en ${area}`, () => api(key, 'POST', '/admin/funcionarios', body), inside ? { status: 201 } : refused(403, 'ADMIN_OUT_OF_SCOPE'));
        if (problem) wrong.push(problem);
        if ((await em().count(Official, { usuario })) !== (inside ? 1 : 0)) wrong.push(`${key}: alta en ${area} dejó ${inside ? 'ninguna' : 'una'} cuenta`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('modify: officials of their subtree; above or beside they do not exist (404), audited, unchanged', async () => {
    const wrong: string[] = [];
    for (const key of ADMINS) {
      for (const area of AREAS) {
        const inside = RELATION[key][area] === 'inside';
        const nombre = `Renombrada por ${key}`;
        const problem = await check(key, `cambio de ${area}`, () => api(key, 'PATCH', `/admin/funcionarios/${residents[area]}`, { nombre }), inside ? { status: 200 } : refused(404, 'OFFICIAL_NOT_FOUND'));
        if (problem) wrong.push(problem);
        if (!inside && (await em().findOneOrFail(Official, residents[area])).nombre === nombre) wrong.push(`${key}: cambió al funcionario de ${area}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('move: an official of their subtree only into areas of it; above or beside is ADMIN_OUT_OF_SCOPE', async () => {
    const wrong: string[] = [];
    for (const key of ADMINS) {
      const mover = (await officialWithSession(t.app, ['revisor'], ADMIN_AREA[key])).official.id;
      for (const area of AREAS) {
        const inside = RELATION[key][area] === 'inside';
        const problem = await check(key, `mover a ${area}`, () => api(key, 'PATCH', `/admin/funcionarios/${mover}`, { area }), inside ? { status: 200 } : refused(403, 'ADMIN_OUT_OF_SCOPE'));
        if (problem) wrong.push(problem);
        const now = (await em().findOneOrFail(Official, mover)).area as AreaId;
        if (RELATION[key][now] !== 'inside') wrong.push(`${key}: el funcionario quedó en ${now}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('self: never their own area (not even inside) nor roles; their name, yes', async () => {
    const wrong: string[] = [];
    for (const key of ADMINS) {
      const self = `/admin/funcionarios/${admins[key].id}`;
      for (const area of AREAS.filter((a) => a !== ADMIN_AREA[key])) {
        const problem = await check(key, `cambiar su área a ${area}`, () => api(key, 'PATCH', self, { area }), refused(403, 'OWN_ACCESS_CHANGE'));
        if (problem) wrong.push(problem);
      }
      const added = await check(key, 'darse otro rol', () => api(key, 'PATCH', self, { roles: ['administrador', 'revisor'] }), refused(403, 'OWN_ACCESS_CHANGE'));
      const dropped = await check(key, 'quitarse administrador', () => api(key, 'PATCH', self, { roles: ['revisor'] }), refused(409, 'OWN_ACCOUNT_LOCKOUT'));
      const renamed = await check(key, 'cambiar su nombre', () => api(key, 'PATCH', self, { nombre: `Administradora ${key}` }), { status: 200 });
      wrong.push(...[added, dropped, renamed].filter((p): p is string => p !== null));
      const row = await em().findOneOrFail(Official, admins[key].id);
      if (row.area !== ADMIN_AREA[key] || JSON.stringify(row.roles) !== '["administrador"]') wrong.push(`${key}: quedó en ${row.area} con ${row.roles.join(', ')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('areas: new ones only under an area of their subtree; never a new dependencia, not even from the root', async () => {
    const wrong: string[] = [];
    for (const key of ADMINS) {
      for (const parent of AREAS.filter((a) => LEVEL[a] !== 'direccion')) {
        const tipo = LEVEL[parent] === 'dependencia' ? 'subsecretaria' : 'direccion';
        const id = `nueva-${key}-${parent}`;
        const inside = RELATION[key][parent] === 'inside';
        const problem = await check(key, `área bajo ${parent}`, () => api(key, 'POST', '/admin/areas', { id, nombre: `Nueva de ${key}`, tipo, padreId: parent }), inside ? { status: 201 } : refused(403, 'ADMIN_OUT_OF_SCOPE'));
        if (problem) wrong.push(problem);
        if ((await em().count(Area, { id })) !== (inside ? 1 : 0)) wrong.push(`${key}: área bajo ${parent} ${inside ? 'no creada' : 'creada'}`);
      }
      const root = await check(key, 'dependencia nueva', () => api(key, 'POST', '/admin/areas', { id: `dependencia-${key}`, nombre: 'Dependencia nueva', tipo: 'dependencia', padreId: null }), refused(403, 'ADMIN_OUT_OF_SCOPE'));
      if (root) wrong.push(root);
    }
    expect(wrong).toEqual([]);
  });

  it('roles: they give only the roles they hold, funcionario and their programs’ workflow roles; the root, every role', async () => {
    const wrong: string[] = [];
    for (const key of ADMINS) {
      const offered = ((await api(key, 'GET', '/admin/roles')).json() as Array<{ id: string }>).map((r) => r.id);
      if (JSON.stringify([...offered].sort()) !== JSON.stringify([...GRANTABLE[key]].sort())) wrong.push(`${key}: ofrece ${offered.join(', ')}`);
      for (const role of ROLES) {
        const usuario = `rol.${key}.${role}`;
        const grantable = GRANTABLE[key].includes(role);
        const body = { usuario, nombre: 'Persona de Prueba', correo: 'rol@example.mx', roles: [role], area: ADMIN_AREA[key], contrasena: PASSWORD };
        const problem = await check(key, `alta con ${role}`, () => api(key, 'POST', '/admin/funcionarios', body), grantable ? { status: 201 } : refused(403, 'ROLE_NOT_GRANTABLE'));
        if (problem) wrong.push(problem);
        const target = (await officialWithSession(t.app, ['revisor'], ADMIN_AREA[key])).official.id;
        const given = await check(key, `dar ${role}`, () => api(key, 'PATCH', `/admin/funcionarios/${target}`, { roles: ['revisor', role] }), grantable ? { status: 200 } : refused(403, 'ROLE_NOT_GRANTABLE'));
        if (given) wrong.push(given);
        if ((await em().findOneOrFail(Official, target)).roles.includes(role) !== grantable && role !== 'revisor') wrong.push(`${key}: ${role} ${grantable ? 'no quedó' : 'quedó'} asignado`);
      }
    }
    expect(wrong).toEqual([]);
    // Every admin creates an official per role (an argon2 hash each): 13 s beside the other suites in CI.
  }, 60_000);

  it('nor do they change someone holding a role they could not give (a new password would hand it to them)', async () => {
    const wrong: string[] = [];
    for (const key of ADMINS) {
      const planner = (await officialWithSession(t.app, ['planeacion'], ADMIN_AREA[key])).official.id;
      const grantable = GRANTABLE[key].includes('planeacion');
      const problem = await check(key, 'cambiar la contraseña de planeación', () => api(key, 'PATCH', `/admin/funcionarios/${planner}`, { contrasena: PASSWORD }), grantable ? { status: 200 } : refused(403, 'ROLE_NOT_GRANTABLE'));
      if (problem) wrong.push(problem);
    }
    expect(wrong).toEqual([]);
  });
});
