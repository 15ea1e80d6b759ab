/**
 * One personal-data rule, per program, everywhere personal data reaches officials (issue 16):
 * the queue, the search box, Ver Solicitud, the reports and the delivery check all show names,
 * CURP, answers and documents of a program's applications only to administración, the service
 * desk and the roles that program's workflow names. A dictaminador of the Subsecretaría sees
 * tarjeta-contigo's applicants (its workflow names dictaminador) but not becas-escolares'
 * (it does not). And the server's log carries no CURP and no searched name.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../runtime/server/app.ts';
import { loadConfig } from '../../runtime/server/config.ts';
import { newDeliveryTokenId, signDeliveryToken } from '../../runtime/server/modules/applications/index.ts';
import { parseCsv, seedApplications, type SeededApplication } from '../helpers/seed-applications.ts';
import { nextAdultCurp, officialWithSession } from '../helpers/actors.ts';
import { freshDatabaseUrl, testJobQueue } from '../helpers/server.ts';

const AREA = 'subsecretaria-desarrollo-social';
const NAMED = 'tarjeta-contigo';
const NOT_NAMED = 'becas-escolares';

let app: FastifyInstance;
let drop = async () => {};
const logLines: string[] = [];
let named: SeededApplication;
let notNamed: SeededApplication;
let dictaminador: string;
let plain: string;
let desk: string;

/** The test app with its log captured (startTestApp writes the log to standard output). */
async function appWithCapturedLog(): Promise<FastifyInstance> {
  const database = await freshDatabaseUrl();
  drop = database.drop;
  const config = loadConfig({ NODE_ENV: 'test', PGLITE_DIR: 'memory://', LOG_LEVEL: 'info', ...(database.url ? { DATABASE_URL: database.url } : {}) });
  const now = new Date('2026-11-24T10:00:00-06:00');
  return buildApp({ config, clock: () => now, jobs: testJobQueue(), logStream: { write: (line: string) => void logLines.push(line) } });
}

/** An approved application with a delivery QR (as the workflow's emitirQrEntrega effect leaves it). */
async function withDeliveryToken(application: SeededApplication): Promise<string> {
  const tokenId = newDeliveryTokenId();
  await app.db.sql.query('update application set delivery_token_id = $1 where id = $2', [tokenId, application.id]);
  return signDeliveryToken(app.config.secret, tokenId);
}

beforeAll(async () => {
  app = await appWithCapturedLog();
  [named, notNamed] = await seedApplications(app, [
    { program: NAMED, state: 'aprobada', citizen: { nombres: 'EUDOXIA', primerApellido: 'PORRAS', segundoApellido: 'QUIJADA' }, submittedAt: '2026-11-20T10:00:00-06:00' },
    { program: NOT_NAMED, state: 'aprobada', citizen: { nombres: 'TEODORA', primerApellido: 'BUENROSTRO', segundoApellido: 'LIZARDI' }, submittedAt: '2026-11-20T11:00:00-06:00' },
  ]);
  dictaminador = (await officialWithSession(app, ['dictaminador'], AREA)).cookie;
  plain = (await officialWithSession(app, ['funcionario'], AREA)).cookie;
  desk = (await officialWithSession(app, ['atencion-ciudadana'], AREA)).cookie;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await drop();
});

const get = (url: string, cookie: string) => app.inject({ method: 'GET', url: `/api${url}`, headers: { cookie } });
const masked = (a: SeededApplication) => `${a.curp.slice(0, 6)}**********${a.curp.slice(16)}`;

describe('the personal-data rule, per program', () => {
  it('queue: names and CURP only in the programs whose workflow names the role', async () => {
    const filas = (await get('/funcionario/solicitudes?limite=100', dictaminador)).json().filas as Array<{ id: string; curp: string; nombre: string; primerApellido: string }>;
    expect(filas.find((f) => f.id === named.id)).toMatchObject({ curp: named.curp, nombre: 'EUDOXIA', primerApellido: 'PORRAS' });
    expect(filas.find((f) => f.id === notNamed.id)).toMatchObject({ curp: masked(notNamed), nombre: '', primerApellido: '' });
  });

  it('the program list tells each official, per program, whether they see personal data (the web shows the search it allows)', async () => {
    const seen = async (cookie: string) => Object.fromEntries(((await get('/funcionario/programas', cookie)).json() as Array<{ id: string; datosPersonales: boolean }>).map((p) => [p.id, p.datosPersonales]));
    expect(await seen(dictaminador)).toMatchObject({ [NAMED]: true, [NOT_NAMED]: false });
    expect(await seen(plain)).toMatchObject({ [NAMED]: false, [NOT_NAMED]: false });
    expect(await seen(desk)).toMatchObject({ [NAMED]: true, [NOT_NAMED]: true });
  });

  it('search: by CURP or name only among those programs (a plain funcionario: by folio only)', async () => {
    const found = async (q: string, cookie = dictaminador) => ((await get(`/funcionario/solicitudes?q=${encodeURIComponent(q)}`, cookie)).json().filas as Array<{ id: string }>).map((f) => f.id);
    expect(await found(named.curp)).toEqual([named.id]);
    expect(await found('porras quijada')).toEqual([named.id]);
    expect(await found(notNamed.curp)).toEqual([]);
    expect(await found('buenrostro lizardi')).toEqual([]);
    expect(await found(notNamed.folio)).toEqual([notNamed.id]);
    expect((await get(`/funcionario/solicitudes?q=${named.curp}`, plain)).json().error.code).toBe('FORBIDDEN');
  });

  it('Ver Solicitud: citizen, answers and documents only for those programs', async () => {
    const shown = (await get(`/funcionario/solicitudes/${named.id}`, dictaminador)).json();
    expect(shown.ciudadano).toMatchObject({ curp: named.curp, nombre: 'EUDOXIA' });
    expect(Object.keys(shown.respuestas).length).toBeGreaterThan(0);
    const hidden = (await get(`/funcionario/solicitudes/${notNamed.id}`, dictaminador)).json();
    expect(hidden.ciudadano).toEqual({ curp: masked(notNamed), nombre: '', primerApellido: '', segundoApellido: '', telefono: '', correo: '' });
    expect(hidden.respuestas).toEqual({});
    expect(hidden.documentos).toEqual([]);
  });

  it('reports: personal columns only for those programs', async () => {
    const [, ...rows] = parseCsv((await get('/funcionario/reportes/solicitudes.csv', dictaminador)).body.slice(1));
    expect(rows.find((r) => r[6] === named.folio)!.slice(1, 5)).toEqual([named.curp, 'EUDOXIA', 'PORRAS', 'QUIJADA']);
    expect(rows.find((r) => r[6] === notNamed.folio)!.slice(1, 5)).toEqual([masked(notNamed), '', '', '']);
  });

  it('delivery check: the beneficiary’s name only for those programs', async () => {
    const check = async (application: SeededApplication, cookie: string) =>
      (await app.inject({ method: 'POST', url: '/api/funcionario/entregas/verificar', headers: { cookie }, payload: { token: await withDeliveryToken(application) } })).json();
    expect(await check(named, dictaminador)).toMatchObject({ folio: named.folio, nombre: 'EUDOXIA PORRAS QUIJADA' });
    expect(await check(notNamed, dictaminador)).toMatchObject({ folio: notNamed.folio, nombre: '' });
    expect(await check(notNamed, desk)).toMatchObject({ nombre: 'TEODORA BUENROSTRO LIZARDI' });
  });
});

describe('the log', () => {
  it('carries no CURP nor searched name: URLs, refusals and searches are masked', async () => {
    // A valid CURP nobody has: its refusal's message names it (CITIZEN_NOT_FOUND), and refusals are logged.
    const unknown = nextAdultCurp();
    logLines.length = 0;
    expect((await get(`/atencion/ciudadanos/${named.curp}`, desk)).statusCode).toBe(200);
    expect((await get(`/atencion/ciudadanos/${unknown.toLowerCase()}`, desk)).statusCode).toBe(404);
    expect((await get(`/funcionario/solicitudes?q=${encodeURIComponent('Eudoxia Porras')}&limite=5`, dictaminador)).statusCode).toBe(200);
    expect((await get(`/funcionario/solicitudes?q=${notNamed.curp}`, dictaminador)).statusCode).toBe(200);
    const log = logLines.join('');
    // The control: those requests were logged, masked.
    expect(log).toContain(`/api/atencion/ciudadanos/${masked(named)}`);
    expect(log).toContain('q=[oculto]');
    for (const secret of [named.curp, unknown, notNamed.curp, 'EUDOXIA', 'Eudoxia', 'Porras', 'PORRAS']) expect(log, secret).not.toContain(secret);
    expect(log.toUpperCase()).not.toContain(unknown);
  });
});
