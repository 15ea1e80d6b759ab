import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Area, AuditLog, Official, Session } from '../../../db/entities.ts';
import { openDatabase } from '../../../db/orm.ts';
import { citizenWithSession, officialWithSession } from '../../../../test/helpers/actors.ts';
import { freshDatabaseUrl, startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { DEMO_OFFICIALS, DEMO_PASSWORD, seedDemo } from '../../demo.ts';
import { programsInScope } from '../officials/index.ts';
import { checkAreaCatalog, loadAreaCatalog } from './areas.ts';
import { createAdminCommand } from './create-admin.command.ts';
import { ROLE_ATENCION, ROLE_FUNCIONARIO } from './roles.ts';

let t: TestApp;
let admin: { official: { id: string }; cookie: string };
const em = () => t.app.db.orm.em.fork();

beforeAll(async () => {
  t = await startTestApp();
  // At the root of the tree, as `sipros create-admin` puts the first administrator: it keeps the
  // whole tree (administrators elsewhere are held to their subtree: test/authz/admin-scope.test.ts).
  admin = await officialWithSession(t.app, ['administrador'], 'sedesoq');
}, 60_000);
afterAll(() => t?.close());

function api(method: string, url: string, body?: unknown, cookie: string | undefined = admin.cookie) {
  return t.app.inject({ method: method as 'GET', url: `/api${url}`, ...(cookie ? { headers: { cookie } } : {}), ...(body === undefined ? {} : { payload: body as object }) });
}

const newOfficial = (overrides: Record<string, unknown> = {}) => ({
  usuario: 'mlopez',
  nombre: 'Martha López Ugalde',
  correo: 'mlopez@queretaro.gob.mx',
  roles: ['revisor'],
  area: 'direccion-atencion-grupos-prioritarios',
  contrasena: 'Revisa expedientes 2026',
  ...overrides,
});

function login(usuario: string, contrasena: string) {
  return t.app.inject({ method: 'POST', url: '/api/funcionarios/sesion', payload: { usuario, contrasena } });
}

describe('areas', () => {
  it('loads the catalog on start and lists the tree depth first, each area after its parent', async () => {
    const res = await api('GET', '/admin/areas');
    expect(res.statusCode).toBe(200);
    const areas = res.json() as Array<{ id: string; nombre: string; tipo: string; padreId: string | null }>;
    expect(areas[0]).toEqual({ id: 'sedesoq', nombre: 'Secretaría de Desarrollo Social del Estado de Querétaro', tipo: 'dependencia', padreId: null });
    expect(areas.map((a) => a.id)).toEqual([
      'sedesoq',
      'subsecretaria-desarrollo-social',
      'direccion-atencion-grupos-prioritarios',
      'direccion-desarrollo-comunitario',
      'direccion-programas-sociales',
      'subsecretaria-planeacion-evaluacion-vinculacion',
      'direccion-planeacion-evaluacion',
    ]);
    for (const area of areas.slice(1)) expect(areas.findIndex((a) => a.id === area.padreId)).toBeLessThan(areas.indexOf(area));
  });

  it('reloading the catalog is idempotent, restores edited catalog rows and leaves other areas alone', async () => {
    await em().nativeUpdate(Area, { id: 'direccion-programas-sociales' }, { nombre: 'Nombre cambiado a mano' });
    const fork = em();
    fork.create(Area, { id: 'direccion-local', nombre: 'Dirección local', tipo: 'direccion', padreId: 'subsecretaria-desarrollo-social', createdAt: new Date() });
    await fork.flush();
    const before = await em().count(Area);
    await loadAreaCatalog(t.app);
    await loadAreaCatalog(t.app);
    expect(await em().count(Area)).toBe(before);
    expect((await em().findOneOrFail(Area, 'direccion-programas-sociales')).nombre).toBe('Dirección de Programas Sociales');
    expect((await em().findOneOrFail(Area, 'direccion-local')).nombre).toBe('Dirección local');
  });

  it('refuses a broken catalog with every problem named', () => {
    expect(() =>
      checkAreaCatalog([
        { id: 'raiz', nombre: 'Raíz', tipo: 'dependencia', padreId: null },
        { id: 'Mal Id', nombre: 'x', tipo: 'direccion', padreId: 'raiz' },
        { id: 'huerfana', nombre: 'Huérfana', tipo: 'direccion', padreId: 'no-existe' },
        { id: 'salta-nivel', nombre: 'Salta', tipo: 'direccion', padreId: 'raiz' },
      ]),
    ).toThrow(/minúsculas[\s\S]*«huerfana»: su área superior «no-existe» no está en el catálogo[\s\S]*«salta-nivel»: El área superior de una dirección debe ser una subsecretaría/);
  });

  it('creates an area below one of the level above, audited; refuses repeats, unknown parents and skipped levels', async () => {
    const body = { id: 'direccion-vinculacion', nombre: ' Dirección de  Vinculación ', tipo: 'direccion', padreId: 'subsecretaria-planeacion-evaluacion-vinculacion' };
    const res = await api('POST', '/admin/areas', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ ...body, nombre: 'Dirección de Vinculación' });
    const entry = await em().findOneOrFail(AuditLog, { action: 'area.alta', entityId: 'direccion-vinculacion' });
    expect(entry).toMatchObject({ actorType: 'funcionario', actorId: admin.official.id });

    expect((await api('POST', '/admin/areas', body)).json().error.code).toBe('AREA_EXISTS');
    const orphan = await api('POST', '/admin/areas', { ...body, id: 'direccion-x', padreId: 'no-existe' });
    expect(orphan.statusCode).toBe(404);
    expect(orphan.json().error).toMatchObject({ code: 'AREA_NOT_FOUND', message: 'El área superior «no-existe» no existe.' });
    const skip = await api('POST', '/admin/areas', { ...body, id: 'direccion-y', padreId: 'sedesoq' });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'El área superior de una dirección debe ser una subsecretaría; «sedesoq» es una dependencia.' });
    const badId = await api('POST', '/admin/areas', { ...body, id: 'Dirección Nueva' });
    expect(badId.json().error.details.fields).toEqual([{ path: 'body.id', message: expect.stringMatching(/^El identificador debe ser minúsculas/) }]);
    // A new dependencia is a new tree, outside every administrator's: it comes from the area catalog.
    const root = await api('POST', '/admin/areas', { id: 'sedeq', nombre: 'Secretaría de Educación', tipo: 'dependencia', padreId: null });
    expect(root.statusCode).toBe(403);
    expect(root.json().error.code).toBe('ADMIN_OUT_OF_SCOPE');
  });

  it('scopes programs by the tree: a dirección sees its own programs, its subsecretaría sees all of them', async () => {
    const ids = async (area: string) => (await programsInScope(t.app, area)).map((p) => p.id).sort();
    expect(await ids('direccion-atencion-grupos-prioritarios')).toEqual(['apoyo-emergente-mujeres', 'cuidado-infantil']);
    expect(await ids('direccion-programas-sociales')).toEqual([]);
    expect(await ids('subsecretaria-desarrollo-social')).toHaveLength(8);
    expect(await ids('sedesoq')).toHaveLength(8);
    expect(await ids('subsecretaria-planeacion-evaluacion-vinculacion')).toEqual([]);
  });
});

describe('officials', () => {
  it('creates an official who can log in at once, audited under the administrator', async () => {
    const res = await api('POST', '/admin/funcionarios', newOfficial({ usuario: ' MLopez ', nombre: ' Martha  López Ugalde ' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(String),
      usuario: 'mlopez',
      nombre: 'Martha López Ugalde',
      correo: 'mlopez@queretaro.gob.mx',
      tipoUsuario: 'Base de Datos',
      roles: ['revisor'],
      area: 'direccion-atencion-grupos-prioritarios',
      areaNombre: 'Dirección de Atención a Grupos Prioritarios',
      modulo: 'Funcionario',
      estatus: 'activo',
    });
    expect((await login('mlopez', 'Revisa expedientes 2026')).statusCode).toBe(200);
    const entry = await em().findOneOrFail(AuditLog, { action: 'cuenta.funcionario_alta', entityId: res.json().id });
    expect(entry).toMatchObject({ actorType: 'funcionario', actorId: admin.official.id, data: { usuario: 'mlopez', roles: ['revisor'], area: 'direccion-atencion-grupos-prioritarios' } });
  });

  it('refuses a taken user name, an unknown area, a weak password and unknown roles, writing nothing', async () => {
    const before = await em().count(Official);
    const taken = await api('POST', '/admin/funcionarios', newOfficial({ usuario: 'MLOPEZ' }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'OFFICIAL_EXISTS', message: 'Ya existe un funcionario con el usuario «mlopez».' });
    const area = await api('POST', '/admin/funcionarios', newOfficial({ usuario: 'otro.uno', area: 'direccion-inexistente' }));
    expect(area.statusCode).toBe(404);
    expect(area.json().error).toMatchObject({ code: 'AREA_NOT_FOUND', message: 'El área «direccion-inexistente» no existe; revisa la lista de áreas.' });
    const weak = await api('POST', '/admin/funcionarios', newOfficial({ usuario: 'otro.dos', contrasena: 'corta' }));
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'WEAK_PASSWORD', message: expect.stringMatching(/^Usa al menos 12 caracteres \(los espacios repetidos cuentan como uno\)\. Esa contraseña es común o fácil de adivinar/) });
    const roles = await api('POST', '/admin/funcionarios', newOfficial({ usuario: 'otro.tres', roles: ['revisor', 'revisora', 'ciudadano'] }));
    expect(roles.statusCode).toBe(400);
    const valid = ['administrador', 'funcionario', 'atencion-ciudadana', 'planeacion', 'padron', 'padron-revisor', 'brigadista', 'supervision-campo', 'coordinador', 'dictaminador', 'entregador', 'revisor'];
    expect(roles.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: `Los roles «revisora» y «ciudadano» no existen. Roles válidos: ${valid.join(', ')}.`,
      details: { rolesValidos: valid, fields: [{ path: 'body.roles', message: expect.stringContaining('Roles válidos') }] },
    });
    expect(await em().count(Official)).toBe(before);
  });

  it('answers malformed fields with one Spanish message each', async () => {
    const res = await api('POST', '/admin/funcionarios', { usuario: 'á', nombre: '', correo: 'no-es-correo', roles: [], area: 'Área', contrasena: 'Revisa expedientes 2026', extra: 1 });
    expect(res.statusCode).toBe(400);
    const fields = Object.fromEntries((res.json().error.details.fields as Array<{ path: string; message: string }>).map((f) => [f.path, f.message]));
    expect(fields).toEqual({
      'body.extra': 'El dato «extra» no se esperaba.',
      'body.usuario': expect.stringMatching(/^El usuario debe tener de 3 a 60 caracteres/),
      'body.nombre': 'Escribe el nombre (máximo 150 caracteres).',
      'body.correo': expect.stringMatching(/^El correo electrónico no es válido/),
      'body.roles': expect.stringMatching(/^Los roles deben ser una lista/),
      'body.area': expect.stringMatching(/^El área debe ser el identificador/),
    });
  });

  it('lists officials with the seed’s columns; q matches user, name or e-mail ignoring case and accents', async () => {
    await api('POST', '/admin/funcionarios', newOfficial({ usuario: 'jpena', nombre: 'José Peña Olvera', correo: 'jpena@queretaro.gob.mx', roles: ['coordinador', 'entregador'] }));
    const all = (await api('GET', '/admin/funcionarios')).json();
    expect(all.map((o: { usuario: string }) => o.usuario)).toEqual([...all.map((o: { usuario: string }) => o.usuario)].sort());
    const found = await api('GET', '/admin/funcionarios?q=JOSE%20pena');
    expect(found.json()).toEqual([expect.objectContaining({ usuario: 'jpena', roles: ['coordinador', 'entregador'], tipoUsuario: 'Base de Datos', modulo: 'Funcionario', estatus: 'activo', areaNombre: 'Dirección de Atención a Grupos Prioritarios' })]);
    expect((await api('GET', '/admin/funcionarios?q=queretaro.gob')).json().map((o: { usuario: string }) => o.usuario)).toEqual(['jpena', 'mlopez']);
    // LIKE wildcards are searched for literally.
    expect((await api('GET', '/admin/funcionarios?q=%25')).json()).toEqual([]);
    expect((await api('GET', '/admin/funcionarios?q=j_ena')).json()).toEqual([]);
    expect(JSON.stringify(all)).not.toMatch(/argon2|passwordHash/);
  });

  it('changes roles, area and name, recording before and after', async () => {
    const { id } = (await api('GET', '/admin/funcionarios?q=mlopez')).json()[0];
    const res = await api('PATCH', `/admin/funcionarios/${id}`, { roles: ['revisor', 'funcionario', 'revisor'], area: 'subsecretaria-desarrollo-social', nombre: 'Martha López' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ roles: ['revisor', 'funcionario'], area: 'subsecretaria-desarrollo-social', areaNombre: 'Subsecretaría de Desarrollo Social', nombre: 'Martha López' });
    const entry = await em().findOneOrFail(AuditLog, { action: 'cuenta.funcionario_cambio', entityId: id });
    expect(entry.data).toEqual({
      usuario: 'mlopez',
      sesionesCerradas: 0,
      cambios: {
        nombre: { antes: 'Martha López Ugalde', despues: 'Martha López' },
        area: { antes: 'direccion-atencion-grupos-prioritarios', despues: 'subsecretaria-desarrollo-social' },
        roles: { antes: ['revisor'], despues: ['revisor', 'funcionario'] },
      },
    });
    expect((await em().findOneOrFail(Official, id)).roles).toEqual(['revisor', 'funcionario']);
    const unknownRole = await api('PATCH', `/admin/funcionarios/${id}`, { roles: ['jefe'] });
    expect(unknownRole.json().error.code).toBe('VALIDATION_FAILED');
    const empty = await api('PATCH', `/admin/funcionarios/${id}`, {});
    expect(empty.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Indica al menos un dato para cambiar.' });
    expect((await api('PATCH', '/admin/funcionarios/00000000-0000-4000-8000-000000000000', { nombre: 'X y Z' })).json().error.code).toBe('OFFICIAL_NOT_FOUND');
    expect((await api('PATCH', '/admin/funcionarios/no-es-uuid', { nombre: 'X y Z' })).statusCode).toBe(404);
  });

  it('deactivating an official ends their sessions at once and stops logins; reactivating lets them log in again', async () => {
    const created = (await api('POST', '/admin/funcionarios', newOfficial({ usuario: 'baja.prueba' }))).json();
    const session = (await login('baja.prueba', 'Revisa expedientes 2026')).cookies.find((c) => c.name === 'sipros_sesion')!.value;
    const me = () => t.app.inject({ method: 'GET', url: '/api/funcionario/yo', cookies: { sipros_sesion: session } });
    expect((await me()).statusCode).toBe(200);

    const off = await api('PATCH', `/admin/funcionarios/${created.id}`, { estatus: 'inactivo' });
    expect(off.json().estatus).toBe('inactivo');
    expect((await me()).statusCode).toBe(401);
    expect(await em().count(Session, { subjectId: created.id, revokedAt: null })).toBe(0);
    expect((await login('baja.prueba', 'Revisa expedientes 2026')).json().error.code).toBe('ACCOUNT_BLOCKED');
    expect((await api('GET', '/admin/funcionarios?q=baja.prueba')).json()[0].estatus).toBe('inactivo');

    await api('PATCH', `/admin/funcionarios/${created.id}`, { estatus: 'activo' });
    expect((await login('baja.prueba', 'Revisa expedientes 2026')).statusCode).toBe(200);
    expect((await me()).statusCode).toBe(401); // the old session stays closed
    const entries = await em().find(AuditLog, { action: 'cuenta.funcionario_cambio', entityId: created.id }, { orderBy: { id: 'asc' } });
    expect(entries.map((e) => [e.data.cambios, e.data.sesionesCerradas])).toEqual([
      [{ estado: { antes: 'activo', despues: 'inactivo' } }, 1],
      [{ estado: { antes: 'inactivo', despues: 'activo' } }, 0],
    ]);
  });

  it('sets a new password under the policy, closing the official’s sessions', async () => {
    const created = (await api('POST', '/admin/funcionarios', newOfficial({ usuario: 'clave.prueba' }))).json();
    await login('clave.prueba', 'Revisa expedientes 2026');
    expect((await api('PATCH', `/admin/funcionarios/${created.id}`, { contrasena: 'sinnumeros' })).json().error.code).toBe('WEAK_PASSWORD');
    const res = await api('PATCH', `/admin/funcionarios/${created.id}`, { contrasena: 'nueva llave del archivo' });
    expect(res.statusCode).toBe(200);
    expect(await em().count(Session, { subjectId: created.id, revokedAt: null })).toBe(0);
    expect((await login('clave.prueba', 'Revisa expedientes 2026')).statusCode).toBe(401);
    expect((await login('clave.prueba', 'nueva llave del archivo')).statusCode).toBe(200);
    const entry = await em().findOneOrFail(AuditLog, { action: 'cuenta.funcionario_cambio', entityId: created.id });
    expect(entry.data).toMatchObject({ cambios: { contrasena: 'cambiada' }, sesionesCerradas: 1 });
    expect(JSON.stringify(entry.data)).not.toContain('nueva llave del archivo');
  });

  it('an administrator cannot deactivate themselves nor drop their own administrator role', async () => {
    const me = admin.official.id;
    for (const body of [{ estatus: 'inactivo' }, { roles: ['revisor'] }]) {
      const res = await api('PATCH', `/admin/funcionarios/${me}`, body);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('OWN_ACCOUNT_LOCKOUT');
    }
    // Nor change their own roles or area at all (issue 16): nobody widens their own reach.
    const widened = await api('PATCH', `/admin/funcionarios/${me}`, { roles: ['administrador', 'revisor'] });
    expect(widened.statusCode).toBe(403);
    expect(widened.json().error.code).toBe('OWN_ACCESS_CHANGE');
    expect((await em().findOneOrFail(Official, me)).estado).toBe('activo');
  });

  it('lists the roles that may be given, SIPROS’s own and the published workflows’', async () => {
    const res = await api('GET', '/admin/roles');
    expect(res.json().map((r: { id: string; deFlujo: boolean }) => [r.id, r.deFlujo])).toEqual([
      ['administrador', false],
      ['funcionario', false],
      ['atencion-ciudadana', false],
      ['planeacion', false],
      ['padron', false],
      ['padron-revisor', false],
      ['brigadista', false],
      ['supervision-campo', false],
      ['coordinador', true],
      ['dictaminador', true],
      ['entregador', true],
      ['revisor', true],
    ]);
  });
});

describe('who may do what', () => {
  it('only administrators reach the administration; others get 403, nobody logged in 401 before any validation', async () => {
    const reviewer = await officialWithSession(t.app, ['revisor', 'atencion-ciudadana']);
    const citizen = await citizenWithSession(t.app);
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/admin/areas'],
      ['POST', '/admin/areas', { id: 'zz' }],
      ['GET', '/admin/roles'],
      ['GET', '/admin/funcionarios'],
      ['POST', '/admin/funcionarios', { nada: true }],
      ['PATCH', `/admin/funcionarios/${admin.official.id}`, { estatus: 'inactivo' }],
    ];
    for (const [method, url, body] of routes) {
      expect((await api(method, url, body, reviewer.cookie)).statusCode, `${method} ${url}`).toBe(403);
      expect((await api(method, url, body, citizen.cookie)).statusCode, `${method} ${url}`).toBe(401);
      const anonymous = await api(method, url, body, '');
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
      expect(anonymous.json().error.code).toBe('AUTH_REQUIRED');
    }
    expect((await em().findOneOrFail(Official, admin.official.id)).estado).toBe('activo');
  });

  it('GET /funcionario/yo: the logged-in official’s profile with the area’s name; nobody else’s', async () => {
    const res = await api('GET', '/funcionario/yo');
    expect(res.json()).toEqual({ id: admin.official.id, usuario: expect.any(String), nombre: 'Funcionaria de prueba', correo: 'f@example.org', roles: ['administrador'], area: 'sedesoq', areaNombre: 'Secretaría de Desarrollo Social del Estado de Querétaro', abre: ['brigadas', 'catalogos', 'consulta', 'funcionarios', 'limpieza', 'solicitudes', 'tablero'] });
    // The menu comes from the server: a reviewer opens the queue and the dashboard; a deliverer also «Entregar»
    // (the delivery step of her area's programs names her role); a planner only the designer.
    const pages = async (roles: string[]) => (await api('GET', '/funcionario/yo', undefined, (await officialWithSession(t.app, roles)).cookie)).json().abre;
    expect(await pages(['revisor'])).toEqual(['solicitudes', 'tablero']);
    expect(await pages(['entregador'])).toEqual(['entregar', 'solicitudes', 'tablero']);
    expect(await pages(['planeacion'])).toEqual(['disenador']);
    expect(await pages(['atencion-ciudadana'])).toEqual(['consulta', 'ventanilla']);
    const stray = await officialWithSession(t.app, ['revisor'], 'area-que-no-existe');
    expect((await api('GET', '/funcionario/yo', undefined, stray.cookie)).json()).toMatchObject({ area: 'area-que-no-existe', areaNombre: null });
    const citizen = await citizenWithSession(t.app);
    expect((await api('GET', '/funcionario/yo', undefined, citizen.cookie)).statusCode).toBe(401);
    expect((await api('GET', '/funcionario/yo', undefined, '')).statusCode).toBe(401);
  });
});

describe('demo accounts', () => {
  it('include a service-desk official and a plain funcionario, ready to log in', async () => {
    await seedDemo(t.app);
    for (const [usuario, role] of [['atencion.demo', ROLE_ATENCION], ['funcionario.demo', ROLE_FUNCIONARIO]]) {
      expect(DEMO_OFFICIALS.find((o) => o.usuario === usuario)?.roles).toEqual([role]);
      const res = await login(usuario, DEMO_PASSWORD);
      expect(res.json()).toMatchObject({ usuario, roles: [role], area: 'subsecretaria-desarrollo-social' });
    }
  });
});

describe('sipros create-admin', () => {
  let dir: string;
  let env: Record<string, string>;
  let drop = async () => {};
  const output = () => {
    const lines = { out: [] as string[], err: [] as string[] };
    return { lines, io: { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) } };
  };
  const options = { usuario: 'primer.admin', nombre: 'Primera Administradora', correo: 'admin@queretaro.gob.mx', area: 'sedesoq', contrasenaEnv: 'CLAVE_ADMIN' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sipros-admin-'));
    const database = await freshDatabaseUrl();
    drop = database.drop;
    env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', ...(database.url ? { DATABASE_URL: database.url } : { PGLITE_DIR: dir }), CLAVE_ADMIN: 'cuaderno azul del archivo estatal' };
  });
  afterAll(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates an administrator in the configured database, areas loaded, audited as the command line', async () => {
    const { lines, io } = output();
    expect(await createAdminCommand(options, io, env)).toBe(0);
    expect(lines.out).toEqual(['Administrador «primer.admin» creado (Primera Administradora, área Secretaría de Desarrollo Social del Estado de Querétaro). Ya puede iniciar sesión en /funcionario.']);
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL ?? null, pgliteDir: dir });
    try {
      const official = await db.orm.em.fork().findOneOrFail(Official, { usuario: 'primer.admin' });
      expect(official).toMatchObject({ roles: ['administrador'], area: 'sedesoq', estado: 'activo' });
      expect(official.passwordHash).toMatch(/^\$argon2id\$/);
      const entry = await db.orm.em.fork().findOneOrFail(AuditLog, { action: 'cuenta.funcionario_alta', entityId: official.id });
      expect(entry).toMatchObject({ actorType: 'sistema', actorId: expect.stringMatching(/^cli:/) });
      // The Secretaría's tree and the other agencies that send their rolls to the padrón.
      expect(await db.orm.em.fork().count(Area)).toBe(11);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('refuses a taken user and an unknown area (listing the areas) with exit code 1', async () => {
    const taken = output();
    expect(await createAdminCommand(options, taken.io, env)).toBe(1);
    expect(taken.lines.err).toEqual(['Error OFFICIAL_EXISTS: Ya existe un funcionario con el usuario «primer.admin».']);
    const area = output();
    expect(await createAdminCommand({ ...options, usuario: 'segundo.admin', area: 'no-existe' }, area.io, env)).toBe(1);
    expect(area.lines.err[0]).toBe('Error AREA_NOT_FOUND: El área «no-existe» no existe; revisa la lista de áreas.');
    expect(area.lines.err[1]).toMatch(/^Áreas disponibles: .*\bsedesoq, subsecretaria-desarrollo-social, /);
  }, 60_000);

  it('checks options, e-mail, password and configuration before touching the database', async () => {
    const cases: Array<[Record<string, string | undefined>, Record<string, string>, number, RegExp]> = [
      [{ ...options, usuario: undefined, area: ' ' }, env, 1, /^Error: faltan opciones: --usuario <usuario>, --area <id del área>\.$/],
      [{ ...options, correo: 'no-es-correo' }, env, 1, /^Error: El correo electrónico no es válido/],
      [{ ...options, usuario: 'con espacio' }, env, 1, /^Error: El usuario debe tener de 3 a 60 caracteres/],
      [{ ...options, contrasenaEnv: 'NO_EXISTE' }, env, 1, /^Error: la variable de entorno NO_EXISTE no existe o está vacía/],
      [options, { ...env, CLAVE_ADMIN: 'admin' }, 1, /^Error WEAK_PASSWORD: Usa al menos 12 caracteres \(los espacios repetidos cuentan como uno\)\. Esa contraseña es común/],
      [options, { ...env, DATABASE_URL: 'mysql://localhost/x' }, 2, /^Configuración inválida:\n {2}- DATABASE_URL debe empezar con postgres:\/\/ o postgresql:\/\//],
    ];
    for (const [opts, environment, code, message] of cases) {
      const { lines, io } = output();
      expect(await createAdminCommand(opts, io, environment)).toBe(code);
      expect(lines.err[0]).toMatch(message);
    }
  });

  it('says so when the database cannot be opened (exit code 2)', async () => {
    const { lines, io } = output();
    expect(await createAdminCommand(options, io, { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nada' })).toBe(2);
    expect(lines.err[0]).toMatch(/^Error: no se pudo abrir la base de datos \(DATABASE_URL\): /);
  }, 60_000);

  it('asks for the password when no variable is named, and refuses two different ones', async () => {
    const { io, lines } = output();
    expect(await createAdminCommand({ ...options, usuario: 'tercer.admin', contrasenaEnv: undefined }, io, env, async () => 'tercera puerta al sur')).toBe(0);
    expect(lines.out[0]).toMatch(/^Administrador «tercer.admin» creado/);
    const { PasswordInputError } = await import('./create-admin.command.ts');
    const mismatch = output();
    const refused = await createAdminCommand({ ...options, usuario: 'cuarto.admin', contrasenaEnv: undefined }, mismatch.io, env, async () => {
      throw new PasswordInputError('Las dos contraseñas no coinciden; vuelve a intentarlo.');
    });
    expect(refused).toBe(1);
    expect(mismatch.lines.err).toEqual(['Error: Las dos contraseñas no coinciden; vuelve a intentarlo.']);
  }, 60_000);

  it('runs from the command line: Spanish usage errors, the password read from a pipe', async () => {
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const sipros = (args: string[], input: string, environment: Record<string, string>) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const child = execFile(process.execPath, [join(root, 'runtime/cli/bin.js'), 'create-admin', ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', ...environment } }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
        child.stdin!.end(input);
      });
    const usage = await sipros(['--usuario', 'quinto.admin'], '', env);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/^Error: faltan opciones: --nombre "<nombre completo>", --correo <correo>, --area <id del área>\./);
    const piped = await sipros(['--usuario', 'quinto.admin', '--nombre', 'Quinta Admin', '--correo', 'quinta@queretaro.gob.mx', '--area', 'subsecretaria-desarrollo-social'], 'quinta ventana del patio\nlo demás se ignora\n', env);
    expect(piped.stderr).toBe('');
    expect(piped).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Administrador «quinto.admin» creado \(Quinta Admin, área Subsecretaría de Desarrollo Social\)/) });
  }, 60_000);
});
