/**
 * Demo applications for `npm start` outside production (SIPROS_DEMO): a few per open seed program,
 * in every status, submitted and decided over the last months through the real paths (submitDraft,
 * applyEvent, registerDelivery), so folios, history, audit, SMS and deliveries are what the system
 * itself would have written. Runs once per database (a marker in the audit log).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { curpCheckDigit } from '../../engine/curp.ts';
import type { LoadedProgram } from '../../engine/index.ts';
import { Application, AuditLog, Citizen, Document, Official, type OfficialRow } from '../db/entities.ts';
import { addCitizen, SYSTEM_ACTOR } from './modules/accounts/index.ts';
import { hashPassword } from './modules/accounts/index.ts';
import { saveDraft } from './modules/applications/index.ts';
import { DocumentStorage } from './modules/applications/index.ts';
import { submitDraft } from './modules/applications/index.ts';
import { applyEvent } from './modules/applications/index.ts';
import { queretaroMunicipios } from '../definitions/municipios.ts';
import { registerDelivery } from './modules/delivery/index.ts';
import { signDeliveryToken } from './modules/applications/index.ts';
import { programVersion } from './modules/programs/index.ts';

const DAY = 24 * 3600_000;
const SEEDED_MARK = 'demo.solicitudes_sembradas';
/** Every status an official meets; «En proceso» twice, as most of a real queue is. */
const TARGET_STATUSES = ['En proceso', 'En proceso', 'Corrección', 'Aprobada', 'Rechazada', 'Entregado', 'Baja'] as const;
type TargetStatus = (typeof TARGET_STATUSES)[number];

/** Given names by the CURP's sex (H, M), so a women's program has women applicants. */
const GIVEN_NAMES: Record<string, string[]> = {
  M: ['Ana Karen', 'María Fernanda', 'Verónica', 'Alejandra', 'Rocío', 'Leticia', 'Juana', 'Diana Laura', 'Brenda', 'Silvia'],
  H: ['Juan Carlos', 'José Luis', 'Miguel Ángel', 'Francisco', 'Jesús', 'Arturo', 'Emiliano', 'Raúl'],
};
const SURNAMES = ['García', 'Martínez', 'López', 'Hernández', 'Pérez', 'Sánchez', 'Ramírez', 'Cruz', 'Morales', 'Reyes', 'Jiménez', 'Olvera', 'Reséndiz', 'Ugalde'];

/** A one-page PDF: what the demo's documents open to (the real storage, by sha256). */
const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export interface DemoApplicationsResult {
  created: number;
  byStatus: Record<string, number>;
  elapsedMs: number;
}

interface Step {
  event: string;
  roles: string[];
}

interface DemoCase {
  program: LoadedProgram;
  target: TargetStatus;
  index: number;
  submittedAt: Date;
}

function givenName(curp: string, n: number): string {
  const names = GIVEN_NAMES[curp[10]] ?? GIVEN_NAMES.M;
  return names[n % names.length];
}

/** A valid CURP with the test table's birth date, sex and state, and letters that make it unique. */
function demoCurp(baseCurp: string, n: number): string {
  const consonants = 'BCDFGHJKLMNPRSTVZ';
  const letters = `X${'AEIOU'[n % 5]}${consonants[Math.floor(n / 5) % 17]}${consonants[Math.floor(n / 85) % 17]}`;
  // Keeps date, sex, state and the century mark (position 17); varies the inner consonants.
  const first17 = `${letters}${baseCurp.slice(4, 13)}${consonants[n % 17]}${baseCurp.slice(14, 17)}`;
  return first17 + curpCheckDigit(first17);
}

function birthDateOf(curp: string): string {
  const century = /\d/.test(curp[16]) ? '19' : '20';
  return `${century}${curp.slice(4, 6)}-${curp.slice(6, 8)}-${curp.slice(8, 10)}`;
}

/** Shortest way through the workflow to a state showing `status`, by officials' events only (delivery excepted: it needs the QR). */
function pathTo(program: LoadedProgram, status: string): Step[] | null {
  const { initial, states } = program.definition.workflow as unknown as { initial: string; states: Record<string, { status: string; on?: Record<string, { target: string; roles?: string[] }> }> };
  const queue: Array<{ state: string; steps: Step[] }> = [{ state: initial, steps: [] }];
  const seen = new Set([initial]);
  while (queue.length > 0) {
    const { state, steps } = queue.shift()!;
    if (states[state].status === status) return steps;
    for (const [event, transition] of Object.entries(states[state].on ?? {})) {
      const roles = (transition.roles ?? []).filter((r) => r !== 'ciudadano');
      if (roles.length === 0 || seen.has(transition.target) || states[transition.target].status === 'Entregado') continue;
      seen.add(transition.target);
      queue.push({ state: transition.target, steps: [...steps, { event, roles }] });
    }
  }
  return null;
}

/** Runs `work` with the app's clock at `at`: folios, history and audit get the dates of that day. */
async function at<T>(app: FastifyInstance, when: Date, work: () => Promise<T>): Promise<T> {
  const real = app.clock;
  app.clock = () => new Date(when);
  try {
    return await work();
  } finally {
    app.clock = real;
  }
}

/** The answers of the program's test table, moved to another municipio of Querétaro (its cabecera as the locality, with its clave). */
function demoAnswers(program: LoadedProgram, municipio: { clave: string; nombre: string }): Record<string, unknown> {
  const answers = structuredClone((program.definition as unknown as { tests: { base: { answers: Record<string, unknown> } } }).tests.base.answers);
  const path = program.definition.convocatoria.municipioField;
  if (path) {
    const keys = path.split('.');
    const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, answers);
    parent[keys.at(-1)!] = municipio.clave;
    if ('localidad' in parent) {
      parent.localidad = municipio.nombre;
      // The CUIS address with its INEGI clave: a municipio's cabecera is its localidad 0001, so the coverage map has points.
      parent.cve_localidad = `${municipio.clave}0001`;
    }
    // The test table's coordinates belong to its own town; better none than a wrong place.
    delete parent.latitud;
    delete parent.longitud;
  }
  return answers;
}

/** Municipios of the program's quota (where it operates), else all of Querétaro. */
function programMunicipios(program: LoadedProgram): Array<{ clave: string; nombre: string }> {
  const all = queretaroMunicipios();
  const quota = Object.keys(program.definition.convocatoria.quotas?.byMunicipio ?? {});
  const inQuota = all.filter((m) => quota.includes(m.clave));
  return inQuota.length > 0 ? inQuota : all;
}

async function storeDemoPdf(app: FastifyInstance): Promise<string> {
  const sha256 = createHash('sha256').update(DEMO_PDF).digest('hex');
  const path = new DocumentStorage(app.config.storageDir).pathOf(sha256);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, DEMO_PDF);
  return sha256;
}

/** Programs whose call opened at least a month ago and is still open: the demo's dates fit inside it. */
async function openPrograms(app: FastifyInstance, now: Date): Promise<LoadedProgram[]> {
  const rows = (await app.db.sql.query<{ id: string; current_version: number }>('select id, current_version from program where current_version is not null order by id')).rows;
  const programs = await Promise.all(rows.map((r) => programVersion(app, app.db.orm.em.fork(), r.id, r.current_version)));
  return programs.filter((p) => new Date(p.definition.convocatoria.opensAt).getTime() < now.getTime() - 30 * DAY && new Date(p.definition.convocatoria.closesAt) > now);
}

/**
 * Spread over up to the last ~3 months, never before the call opened, ending about two weeks ago;
 * each program's cases in another order and on other days, so no status is always the newest.
 */
function submissionDate(program: LoadedProgram, now: Date, index: number, count: number, programOrdinal: number): Date {
  const from = Math.max(new Date(program.definition.convocatoria.opensAt).getTime() + DAY, now.getTime() - 95 * DAY);
  const to = now.getTime() - 14 * DAY;
  const slot = (index + programOrdinal * 3) % count;
  return new Date(from + ((to - from) * slot) / count + programOrdinal * DAY + (index % 3) * 5 * 3600_000);
}

export class DemoSeeder {
  private readonly officials = new Map<string, OfficialRow>();
  private passwordHash = '';
  private sha256 = '';
  private citizens = 0;

  constructor(
    private readonly app: FastifyInstance,
    private readonly officialUsernames: readonly string[],
    private readonly password: string,
  ) {}

  async alreadySeeded(): Promise<boolean> {
    return (await this.app.db.orm.em.fork().count(AuditLog, { action: SEEDED_MARK })) > 0;
  }

  /** Null (and nothing marked, so a later start tries again) when no seed program is open yet. */
  async seed(): Promise<DemoApplicationsResult | null> {
    const started = Date.now();
    const now = this.app.clock();
    const em = this.app.db.orm.em.fork();
    for (const official of await em.find(Official, { usuario: { $in: [...this.officialUsernames] } })) for (const role of official.roles) if (!this.officials.has(role)) this.officials.set(role, official);
    const cases = (await openPrograms(this.app, now)).flatMap((program, ordinal) =>
      TARGET_STATUSES.map((target, index) => ({ program, target, index, submittedAt: submissionDate(program, now, index, TARGET_STATUSES.length, ordinal) })),
    );
    // In date order, as they would have arrived: folio numbers then grow with the dates.
    cases.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
    if (cases.length === 0) return null;
    this.passwordHash = await hashPassword(this.password);
    this.sha256 = await storeDemoPdf(this.app);
    const byStatus: Record<string, number> = {};
    for (const demoCase of cases) {
      const status = await this.createCase(demoCase, now);
      byStatus[status] = (byStatus[status] ?? 0) + 1;
    }
    em.create(AuditLog, { at: now, actorType: SYSTEM_ACTOR.type, actorId: SYSTEM_ACTOR.id, action: SEEDED_MARK, entity: 'demo', entityId: 'solicitudes', data: { solicitudes: cases.length, porEstado: byStatus } });
    await em.flush();
    return { created: cases.length, byStatus, elapsedMs: Date.now() - started };
  }

  /** One applicant: a citizen, her draft with documents, the submission, then the officials' steps a few days apart. */
  private async createCase({ program, target, index, submittedAt }: DemoCase, now: Date): Promise<string> {
    const municipios = programMunicipios(program);
    const n = this.citizens++;
    const municipio = municipios[n % municipios.length];
    const answers = demoAnswers(program, municipio);
    const citizen = await at(this.app, submittedAt, () => this.demoCitizen(program, n));
    const em = this.app.db.orm.em.fork();
    const draft = await at(this.app, submittedAt, () => saveDraft(this.app, em, citizen, program.definition.id, answers));
    await this.attachDocuments(program, draft.id, submittedAt);
    const supportTypes = program.definition.supportTypes;
    const submission = await at(this.app, submittedAt, () =>
      submitDraft(this.app, draft.id, citizen.id, answers, { type: 'ciudadano', id: citizen.id, role: 'ciudadano' }, supportTypes[index % supportTypes.length].id),
    );
    const steps = this.stepsFor(program, target);
    let when = submittedAt;
    let status = submission.status;
    for (const step of steps) {
      when = new Date(Math.min(when.getTime() + (2 + (index % 4)) * DAY, now.getTime() - 3600_000));
      status = await at(this.app, when, () => this.take(program, submission.id, step));
    }
    return status;
  }

  private async demoCitizen(program: LoadedProgram, n: number) {
    const baseCurp = (program.definition as unknown as { tests: { base: { curp: string } } }).tests.base.curp;
    const curp = demoCurp(baseCurp, n);
    const em = this.app.db.orm.em.fork();
    const citizen = addCitizen(
      em,
      {
        curp,
        nombres: givenName(curp, n),
        primerApellido: SURNAMES[n % SURNAMES.length],
        segundoApellido: SURNAMES[(n * 5 + 3) % SURNAMES.length],
        fechaNacimiento: birthDateOf(curp),
        sexo: curp[10] as 'H' | 'M',
        // 555 numbers are fictitious in Mexico: the demo's SMS reach nobody.
        telefono: `442555${String(1000 + n).padStart(4, '0')}`,
        correo: null,
      },
      { passwordHash: this.passwordHash, registroCivil: 'sin_verificar', telefonoVerificado: true, now: this.app.clock() },
    );
    await em.flush();
    return em.findOneOrFail(Citizen, citizen.id);
  }

  private async attachDocuments(program: LoadedProgram, applicationId: string, when: Date): Promise<void> {
    const em = this.app.db.orm.em.fork();
    for (const doc of program.definition.documents) {
      em.create(Document, { id: randomUUID(), application: applicationId, documentType: doc.id, sha256: this.sha256, size: DEMO_PDF.length, mediaType: 'application/pdf', originalName: `${doc.id}.pdf`, uploadedBy: 'ciudadano', uploadedAt: when });
    }
    await em.flush();
  }

  /** The officials' steps to `target`; Entregado is Aprobada and then the delivery (its QR scanned). */
  private stepsFor(program: LoadedProgram, target: TargetStatus): Array<Step | 'ENTREGA'> {
    const path = pathTo(program, target === 'Entregado' ? 'Aprobada' : target);
    if (!path) throw new Error(`El flujo de «${program.definition.name}» no llega al estado «${target}».`);
    if (target === 'Entregado') return [...path, 'ENTREGA'];
    return path;
  }

  private official(roles: readonly string[]): OfficialRow {
    const role = roles.find((r) => this.officials.has(r));
    if (!role) throw new Error(`No hay funcionario de demostración con alguno de los roles ${roles.join(', ')}.`);
    return this.officials.get(role)!;
  }

  private async take(program: LoadedProgram, applicationId: string, step: Step | 'ENTREGA'): Promise<string> {
    if (step === 'ENTREGA') {
      const em = this.app.db.orm.em.fork();
      const application = await em.findOneOrFail(Application, applicationId);
      const entregador = this.official(['entregador']);
      const result = await registerDelivery(this.app, em, entregador, signDeliveryToken(this.app.config.secret, application.deliveryTokenId!), { latitude: null, longitude: null, accuracyM: null });
      return result.estado;
    }
    const official = this.official(step.roles);
    const role = step.roles.find((r) => official.roles.includes(r))!;
    const result = await applyEvent(this.app, {
      applicationId,
      event: step.event,
      actor: { type: 'funcionario', id: official.id, role },
      comment: commentFor(step.event),
      flags: step.event.includes('CORRECCION') ? { fields: [], documents: [program.definition.documents[0].id] } : undefined,
    });
    return result.status;
  }
}

function commentFor(event: string): string {
  if (event.includes('CORRECCION')) return 'La identificación no se lee completa: vuelve a subirla, por favor.';
  if (event === 'RECHAZAR') return 'No se acreditó la residencia en el estado con los documentos presentados.';
  if (event === 'DAR_DE_BAJA') return 'Baja a solicitud de la persona beneficiaria.';
  return 'Revisado; cumple los requisitos.';
}
