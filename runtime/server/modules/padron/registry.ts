/**
 * The registry itself: people and the supports they received, and the state's program catalog.
 * SIPROS feeds it by itself: a published program is a catalog entry, and an application that
 * reaches «Entregado» is a support of its applicant, written in the same transaction as the step.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { Beneficio, Persona, PersonaCurp, ProgramaCatalogo } from '../../../db/entities.ts';
import type { ApoyoEnPadron } from '../../../api/padron.ts';
import type { SqlClient } from '../../../db/sql.ts';
import { rulesReadPadron, type PadronSupport } from '../../../../engine/padron/index.ts';
import type { LoadedProgram } from '../../../../engine/index.ts';

export type SupportKind = 'economico' | 'especie' | 'servicio';

const KIND_OF_SUPPORT: Record<string, SupportKind> = { monetario: 'economico', especie: 'especie', servicio: 'servicio' };

interface SiprosProgram {
  id: string;
  name: string;
  dependencia: string;
  supportTypes: ReadonlyArray<{ id: string; kind: string; amount?: number }>;
}

/** A published SIPROS program as an entry of the state's catalog (its key is the program's id). */
export async function recordSiprosProgram(em: EntityManager, program: SiprosProgram, now: Date): Promise<void> {
  const fields = { nombre: program.name, dependencia: program.dependencia.toLowerCase(), tipo: KIND_OF_SUPPORT[program.supportTypes[0]?.kind] ?? 'especie', programaSipros: program.id, updatedAt: now };
  const entry = await em.findOne(ProgramaCatalogo, { clave: program.id });
  if (entry) em.assign(entry, fields);
  else em.create(ProgramaCatalogo, { clave: program.id, clavePub: null, createdAt: now, ...fields });
}

export interface DeliveredSupport {
  applicationId: string;
  program: SiprosProgram;
  supportTypeId: string | null;
  municipio: string | null;
  /** The application's address (CUIS `domicilio`): its claves, colonia, postal code and point go to the registry. */
  domicilio?: Record<string, unknown> | null;
  citizen: { curp: string; nombres: string; primerApellido: string; segundoApellido?: string | null; fechaNacimiento: string | Date; sexo: string };
  at: Date;
}

const isoDate = (value: string | Date) => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

const text = (value: unknown, pattern: RegExp) => (typeof value === 'string' && pattern.test(value) ? value : null);
const coordinate = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * Where the person lives, as the application's address says it: the localidad (its 4 digits within the
 * municipio, as the rolls carry it, and only when it lies in the municipio written), the colonia as
 * written and its SEPOMEX clave, the postal code and the point.
 */
function addressOf(domicilio: DeliveredSupport['domicilio'], municipio: string | null) {
  const d = domicilio ?? {};
  const localidad = text(d.cve_localidad, /^[0-9]{9}$/);
  return {
    cveLoc: localidad && municipio && localidad.startsWith(municipio) ? localidad.slice(5) : null,
    colonia: typeof d.colonia === 'string' && d.colonia.trim() ? d.colonia.trim() : null,
    cveAsentamiento: text(d.cve_asentamiento, /^[0-9]{9}$/),
    codigoPostal: text(d.codigo_postal, /^[0-9]{5}$/),
    latitud: coordinate(d.latitud),
    longitud: coordinate(d.longitud),
  };
}

/**
 * The person a CURP belongs to in the registry, created from the citizen's account when new. A person
 * already there takes the address of this delivery when it names one: the latest address is where they live.
 */
async function personaForCitizen(em: EntityManager, citizen: DeliveredSupport['citizen'], municipio: string | null, domicilio: DeliveredSupport['domicilio'], now: Date): Promise<string> {
  const address = addressOf(domicilio, municipio);
  const known = await em.findOne(PersonaCurp, { curp: citizen.curp });
  if (known) {
    if (municipio) await em.nativeUpdate(Persona, { id: known.personaId }, { cveEnt: municipio.slice(0, 2), cveMun: municipio, ...address, updatedAt: now });
    return known.personaId;
  }
  const id = randomUUID();
  em.create(Persona, {
    id,
    curp: citizen.curp,
    nombres: citizen.nombres,
    primerApellido: citizen.primerApellido,
    segundoApellido: citizen.segundoApellido ?? null,
    fechaNacimiento: isoDate(citizen.fechaNacimiento),
    sexo: citizen.sexo,
    entidadNacimiento: citizen.curp.slice(11, 13),
    cveEnt: municipio?.slice(0, 2) ?? null,
    cveMun: municipio,
    ...address,
    origen: 'sipros',
    createdAt: now,
    updatedAt: now,
  });
  // Written in the order the foreign keys need (the schemas declare no relations for the ORM to order by).
  await em.flush();
  em.create(PersonaCurp, { curp: citizen.curp, personaId: id, principal: true, createdAt: now });
  await em.flush();
  return id;
}

/**
 * A delivered application as a support of its applicant. Called inside the transaction of the
 * delivery step: the support exists exactly when the application is «Entregado» (a unique index
 * on the application makes a second call a conflict, never a second support).
 */
export async function recordDeliveredSupport(em: EntityManager, support: DeliveredSupport): Promise<void> {
  if (!(await em.findOne(ProgramaCatalogo, { clave: support.program.id }))) {
    await recordSiprosProgram(em, support.program, support.at);
    await em.flush();
  }
  const type = support.program.supportTypes.find((t) => t.id === support.supportTypeId) ?? support.program.supportTypes[0];
  em.create(Beneficio, {
    personaId: await personaForCitizen(em, support.citizen, support.municipio, support.domicilio, support.at),
    programa: support.program.id,
    dependencia: support.program.dependencia.toLowerCase(),
    tipoApoyo: type?.id ?? null,
    monto: type?.kind === 'monetario' ? (type.amount ?? null) : null,
    especie: null,
    fecha: support.at.toISOString().slice(0, 10),
    cveMun: support.municipio,
    applicationId: support.applicationId,
    loteId: null,
    fila: null,
    createdAt: support.at,
  });
}

/**
 * Whether each application's applicant is in the registry and with how many supports (the queue's
 * «Padrón» column): absent from the map when the person is not in it.
 */
export async function supportsOfApplicants(sql: SqlClient, applicationIds: readonly string[]): Promise<Map<string, number>> {
  if (applicationIds.length === 0) return new Map();
  const { rows } = await sql.query<{ id: string; apoyos: string }>(
    `select a.id, (select count(*) from beneficio b where b.persona_id = pc.persona_id) as apoyos
     from application a join citizen c on c.id = a.citizen_id join persona_curp pc on pc.curp = c.curp
     where a.id = any($1::uuid[])`,
    [applicationIds],
  );
  return new Map(rows.map((r) => [r.id, Number(r.apoyos)]));
}


/** A person's whole history across programs and agencies, newest first (Consulta ciudadana, Ver solicitud). */
export async function historyOfCurp(sql: SqlClient, curp: string): Promise<ApoyoEnPadron[]> {
  const { rows } = await sql.query<{ programa: string; nombre: string; dependencia: string; tipo: string; monto: string | null; fecha: string | Date | null; cve_mun: string | null; application_id: string | null; folio: string | null }>(
    `select b.programa, k.nombre, b.dependencia, k.tipo, b.monto, b.fecha, b.cve_mun, b.application_id, a.folio
     from persona_curp c
     join beneficio b on b.persona_id = c.persona_id
     join programa_catalogo k on k.clave = b.programa
     left join application a on a.id = b.application_id
     where c.curp = $1
     order by b.fecha desc nulls last, b.id desc
     limit 500`,
    [curp],
  );
  return rows.map((r) => ({
    programa: r.programa,
    programaNombre: r.nombre,
    dependencia: r.dependencia,
    tipo: r.tipo,
    monto: r.monto === null ? null : Number(r.monto),
    fecha: r.fecha === null ? null : isoDate(r.fecha),
    municipio: r.cve_mun,
    origen: r.application_id ? 'sipros' : 'carga',
    folio: r.folio,
  }));
}

/**
 * The supports eligibility rules may read (engine/padron/facts.ts): the person's supports in every
 * program but the one applied to. Empty when the program's rules read no padrón facts (no look-up).
 */
export async function supportsForRules(sql: SqlClient, program: LoadedProgram, curp: string): Promise<PadronSupport[]> {
  if (!rulesReadPadron(program)) return [];
  return (await historyOfCurp(sql, curp)).filter((s) => s.programa !== program.definition.id).map(({ programa, dependencia, tipo, monto, fecha }) => ({ programa, dependencia, tipo, monto, fecha }));
}
