import type { FastifyInstance } from 'fastify';
import { Citizen, Official } from '../db/entities.ts';
import { addCitizen, audit, createOfficial, normalizeRegistration, ROLE_ADMIN, SYSTEM_ACTOR, type NewOfficial, type RegistrationInput } from './modules/accounts/index.ts';
import { hashPassword } from './modules/accounts/index.ts';
import { ROLE_ATENCION, ROLE_BRIGADISTA, ROLE_FUNCIONARIO, ROLE_PADRON, ROLE_PADRON_REVISOR, ROLE_PLANEACION, ROLE_SUPERVISION_CAMPO } from './modules/admin/index.ts';
import { seedDemoVisits } from './modules/campo/index.ts';
import { DemoSeeder, type DemoApplicationsResult } from './demo-applications.ts';

export { createOfficial, ROLE_ADMIN };

/** Password of every demo account. Demo data only: never seed it on a production server. */
export const DEMO_PASSWORD = 'Sipros-Demo-2026';

export const DEMO_AREA = 'subsecretaria-desarrollo-social';

/** An invented adult woman born in Querétaro; the CURP is well formed (check digit included) and matches her data. */
export const DEMO_CITIZEN = {
  curp: 'HERG880314MQTRMD01',
  nombres: 'María Guadalupe',
  primerApellido: 'Hernández',
  segundoApellido: 'Ramírez',
  fechaNacimiento: '1988-03-14',
  sexo: 'M',
  telefono: '4425550101',
  correo: 'guadalupe.demo@example.mx',
  contrasena: DEMO_PASSWORD,
} as const satisfies RegistrationInput;

/**
 * One official per workflow role of the seed programs (see definitions/programs/<id>/program.json),
 * an administrator, a service-desk official (Consulta ciudadana and Ventanilla) and a plain
 * `funcionario` (queue, dashboard and reports without personal data), the DIF's padrón liaison and the
 * planning office's reviewer of the padrón's duplicates. All but those two in the Subsecretaría de
 * Desarrollo Social, so they see its programs and those of its direcciones (areas:
 * definitions/catalogs/areas.json, loaded on every start).
 */
export const DEMO_OFFICIALS = [
  { usuario: 'revisor.demo', nombre: 'Rosa Elena Vázquez (demo)', correo: 'revisor.demo@example.mx', roles: ['revisor'] },
  { usuario: 'dictaminador.demo', nombre: 'Jorge Luis Montes (demo)', correo: 'dictaminador.demo@example.mx', roles: ['dictaminador'] },
  { usuario: 'coordinador.demo', nombre: 'Ana Sofía Ledesma (demo)', correo: 'coordinador.demo@example.mx', roles: ['coordinador'] },
  { usuario: 'entregador.demo', nombre: 'Ramón Olvera (demo)', correo: 'entregador.demo@example.mx', roles: ['entregador'] },
  { usuario: 'admin.demo', nombre: 'Patricia Ugalde (demo)', correo: 'admin.demo@example.mx', roles: [ROLE_ADMIN] },
  { usuario: 'atencion.demo', nombre: 'Claudia Reséndiz (demo)', correo: 'atencion.demo@example.mx', roles: [ROLE_ATENCION] },
  { usuario: 'funcionario.demo', nombre: 'Héctor Arteaga (demo)', correo: 'funcionario.demo@example.mx', roles: [ROLE_FUNCIONARIO] },
  { usuario: 'planeacion.demo', nombre: 'Lucía Montes de Oca (demo)', correo: 'planeacion.demo@example.mx', roles: [ROLE_PLANEACION] },
  // The DIF's liaison: loads the DIF's rolls into the Padrón Estatal and sees the confronta.
  { usuario: 'padron.demo', nombre: 'Verónica Trejo (demo)', correo: 'padron.demo@example.mx', roles: [ROLE_PADRON], area: 'dif-estatal' },
  // The planning office's reviewer of «Posibles duplicados» in the Padrón Estatal.
  { usuario: 'duplicados.demo', nombre: 'Mariana Balderas (demo)', correo: 'duplicados.demo@example.mx', roles: [ROLE_PADRON_REVISOR], area: 'direccion-planeacion-evaluacion' },
  // A field brigade of the subsecretaría (the field app, /campo) and its supervisor (/funcionario/brigadas), with a few visits.
  { usuario: 'brigadista.demo', nombre: 'Tomás Ledesma (demo)', correo: 'brigadista.demo@example.mx', roles: [ROLE_BRIGADISTA] },
  { usuario: 'supervision.demo', nombre: 'Irene Balderas (demo)', correo: 'supervision.demo@example.mx', roles: [ROLE_SUPERVISION_CAMPO] },
].map((official): NewOfficial => ({ area: DEMO_AREA, ...official, contrasena: DEMO_PASSWORD }));

export interface DemoSeedResult {
  citizenCreated: boolean;
  officialsCreated: string[];
  /** Set only on the start that created the demo applications (the first one on a database). */
  applications?: DemoApplicationsResult;
}

/** The demo citizen, with the phone already verified so the whole journey can be tried at once. */
async function seedDemoCitizen(app: FastifyInstance): Promise<boolean> {
  const em = app.db.orm.em.fork();
  if ((await em.count(Citizen, { curp: DEMO_CITIZEN.curp })) > 0) return false;
  const data = normalizeRegistration(DEMO_CITIZEN);
  const passwordHash = await hashPassword(DEMO_CITIZEN.contrasena);
  const now = app.clock();
  await em.transactional(async (tx) => {
    const citizen = addCitizen(tx, data, { passwordHash, registroCivil: 'sin_verificar', telefonoVerificado: true, now });
    audit(tx, now, { actor: SYSTEM_ACTOR, action: 'cuenta.registro_demo', entity: 'citizen', entityId: citizen.id });
  });
  return true;
}

/**
 * The demo applications, on a database that has none yet. A failure is logged, not thrown: the
 * demo only decorates the start, which must go on (the accounts are already there).
 */
async function seedDemoApplications(app: FastifyInstance): Promise<DemoApplicationsResult | undefined> {
  const seeder = new DemoSeeder(app, DEMO_OFFICIALS.map((o) => o.usuario), DEMO_PASSWORD);
  try {
    return ((await seeder.alreadySeeded()) ? null : await seeder.seed()) ?? undefined;
  } catch (err) {
    app.log.error({ err }, 'No se pudieron crear las solicitudes de demostración; el servidor arranca sin ellas (o con parte de ellas).');
    return undefined;
  }
}

/** The start log's line: the server is in demo mode, with which accounts and how to leave it. */
export function demoNotice(result: DemoSeedResult): string {
  const created = [...(result.citizenCreated ? [`ciudadana ${DEMO_CITIZEN.curp}`] : []), ...result.officialsCreated];
  const accounts = `${DEMO_OFFICIALS.map((o) => o.usuario).join(', ')} y la ciudadana con CURP ${DEMO_CITIZEN.curp}`;
  const applications = result.applications
    ? `Se crearon ${result.applications.created} solicitudes de demostración (${Object.entries(result.applications.byStatus).map(([status, n]) => `${status}: ${n}`).join(', ')}) en ${(result.applications.elapsedMs / 1000).toFixed(1)} s. `
    : '';
  return (
    `MODO DEMOSTRACIÓN: hay cuentas de demostración con la contraseña pública ${DEMO_PASSWORD} (${accounts}). ` +
    `${created.length > 0 ? `Creadas en este arranque: ${created.join(', ')}. ` : 'Ya existían; no se creó ninguna. '}` +
    applications +
    'No uses este modo con datos reales: arranca con SIPROS_DEMO=false (en producción nunca se crean).'
  );
}

/**
 * Creates the demo accounts that are missing (by CURP and user name), leaving existing ones as
 * they are, so it can run on every start of a demo server. Credentials: DEMO_CITIZEN,
 * DEMO_OFFICIALS and DEMO_PASSWORD. On a database never seeded before, it also fills the queue,
 * dashboard and map with applications in every status (demo-applications.ts).
 */
export async function seedDemo(app: FastifyInstance): Promise<DemoSeedResult> {
  // Second lock behind the configuration's refusal: a public password must never reach production.
  if (app.config.production) throw new Error('Las cuentas de demostración no se crean en producción (NODE_ENV=production).');
  const citizenCreated = await seedDemoCitizen(app);
  const officialsCreated: string[] = [];
  for (const official of DEMO_OFFICIALS) {
    const em = app.db.orm.em.fork();
    if ((await em.count(Official, { usuario: official.usuario })) > 0) continue;
    await createOfficial(em, official, { now: app.clock() });
    officialsCreated.push(official.usuario);
  }
  const applications = await seedDemoApplications(app);
  await seedDemoVisits(app, 'brigadista.demo', 'supervision.demo');
  const result: DemoSeedResult = { citizenCreated, officialsCreated, applications };
  app.log.warn({ citizenCreated, officialsCreated, solicitudesCreadas: applications?.created ?? 0 }, demoNotice(result));
  return result;
}
