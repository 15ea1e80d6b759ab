import { ROLE_BRIGADISTA, STATUS_LOOK, type ApplicationStatus } from '../../../../engine/vocabulary.ts';
import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import type { Accion, SolicitudFuncionario } from '../../../api/queue.ts';
import { availableEvents, type EligibilityResult, type LoadedProgram, type StoredSnapshot } from '../../../../engine/index.ts';
import { Application, Citizen, Document, type ApplicationRow } from '../../../db/entities.ts';
import { prepared } from '../../../db/sql.ts';
import { AppError } from '../../errors.ts';
import { correctionOf, isUuid } from '../applications/index.ts';
import { flaggableFields, flaggableRows } from '../applications/index.ts';
import { maskCurp } from '../officials/index.ts';
import { seesPersonalDataIn, versionOf, type OfficialContext } from './context.ts';
import { citizenInput, historyOfCurp, knownUnderAnotherCurp } from '../padron/index.ts';

const HISTORY = prepared(
  'ver-solicitud-historial',
  `select e.to_status, e.at, e.comment, e.event, e.actor_type, e.actor_role, e.on_behalf, o.nombre as official
     from application_event e
     left join official o on e.actor_type = 'funcionario' and o.id::text = e.actor_id
    where e.application_id = $1
    order by e.id`,
);

const DELIVERY = prepared(
  'ver-solicitud-entrega',
  `select d.delivered_at, d.latitude, d.longitude, o.nombre as official
     from delivery d join official o on o.id = d.official_id
    where d.application_id = $1`,
);

const ACTOR_NAMES: Record<string, string> = { ciudadano: 'Persona solicitante', sistema: 'Sistema' };

/** An application of the official's scope, or 404 (outside the scope it does not exist for them). */
export async function scopedApplication(em: EntityManager, ctx: OfficialContext, id: string): Promise<ApplicationRow & { folio: string }> {
  const application = isUuid(id) ? await em.findOne(Application, { id, folio: { $ne: null } }) : null;
  if (!application?.folio || !ctx.programs.has(application.programId)) throw new AppError('APPLICATION_NOT_FOUND');
  return application as ApplicationRow & { folio: string };
}

/** The workflow events any of the official's roles may send now, once each (first role's wording). */
export function actionsFor(program: LoadedProgram, application: ApplicationRow, roles: readonly string[]) {
  const snapshot = application.snapshot as unknown as StoredSnapshot | null;
  if (!snapshot) return [];
  const seen = new Map<string, Accion>();
  for (const role of roles) {
    for (const e of availableEvents(program, snapshot, role)) {
      // The button's tone is the look of the status the action leads to (approve reads green, reject red).
      const tono = e.targetStatus && e.targetStatus !== application.status ? STATUS_LOOK[e.targetStatus as ApplicationStatus]?.tone ?? 'primary' : 'primary';
      if (!seen.has(e.event)) seen.set(e.event, { evento: e.event, etiqueta: e.label, requiereComentario: e.requiresComment, permiteMarcas: e.allowsFlags, tono });
    }
  }
  return [...seen.values()];
}

async function historyOf(app: FastifyInstance, applicationId: string) {
  const { rows } = await app.db.sql.query<{ to_status: string; at: Date; comment: string; event: string; actor_type: string; actor_role: string | null; on_behalf: boolean; official: string | null }>(HISTORY, [applicationId]);
  return rows.map((r) => ({
    estado: r.to_status,
    fecha: new Date(r.at).toISOString(),
    comentario: r.comment,
    evento: r.event,
    actor: r.actor_type === 'funcionario' ? (r.official ?? 'Funcionario') : (ACTOR_NAMES[r.actor_type] ?? r.actor_type),
    enVentanilla: r.on_behalf,
    // A brigadista's submission is on the person's behalf too, but made in the field, often offline.
    capturadaEn: r.on_behalf ? (r.actor_role === ROLE_BRIGADISTA ? ('campo' as const) : ('ventanilla' as const)) : null,
  }));
}

/** Who delivered and when; where only with personal data (the place is often the person's home). */
async function deliveryOf(app: FastifyInstance, applicationId: string, personal: boolean) {
  const row = (await app.db.sql.query<{ delivered_at: Date; latitude: number | null; longitude: number | null; official: string }>(DELIVERY, [applicationId])).rows[0];
  if (!row) return null;
  return { fecha: new Date(row.delivered_at).toISOString(), funcionario: row.official, latitud: personal ? row.latitude : null, longitud: personal ? row.longitude : null };
}

async function documentsOf(em: EntityManager, program: LoadedProgram, application: ApplicationRow) {
  const docs = await em.find(Document, { application: application.id, replacedAt: null }, { orderBy: { uploadedAt: 'asc' } });
  return docs.map((d) => ({
    id: d.id,
    tipo: d.documentType,
    etiqueta: program.definition.documents.find((spec) => spec.id === d.documentType)?.label ?? d.documentType,
    nombre: d.originalName,
    tipoMedio: d.mediaType,
    tamano: d.size,
    url: `/api/solicitudes/${application.id}/documentos/${d.id}`,
  }));
}

function citizenView(citizen: { curp: string; nombres: string; primerApellido: string; segundoApellido?: string | null; telefono: string; correo?: string | null }, personal: boolean) {
  if (!personal) return { curp: maskCurp(citizen.curp), nombre: '', primerApellido: '', segundoApellido: '', telefono: '', correo: '' };
  return { curp: citizen.curp, nombre: citizen.nombres, primerApellido: citizen.primerApellido, segundoApellido: citizen.segundoApellido ?? '', telefono: citizen.telefono, correo: citizen.correo ?? '' };
}

/**
 * "Ver Solicitud" for an official: everything needed to decide, and exactly the actions their
 * roles allow in the current state. Without personal data for the program (the personal-data
 * rule: a plain `funcionario`, a workflow role of other programs) the CURP is masked and names,
 * contact, answers, documents and the delivery place are left out.
 */
export async function officialApplicationView(app: FastifyInstance, em: EntityManager, ctx: OfficialContext, id: string): Promise<SolicitudFuncionario> {
  const application = await scopedApplication(em, ctx, id);
  const scoped = ctx.programs.get(application.programId)!;
  const program = versionOf(scoped, application.programVersion);
  const citizen = await em.findOneOrFail(Citizen, application.citizen.id);
  // Stored on submission from the engine's result (the column is JSON).
  const eligibility = application.eligibility as Partial<Pick<EligibilityResult, 'eligible' | 'reasons' | 'score'>> | null;
  const state = application.state ? program.definition.workflow.states[application.state] : undefined;
  const personal = seesPersonalDataIn(ctx, application.programId);
  return {
    id: application.id,
    folio: application.folio,
    programa: application.programId,
    programaNombre: scoped.name,
    version: application.programVersion,
    estado: application.status,
    proceso: application.state ?? null,
    procesoEtiqueta: state?.label ?? application.state ?? null,
    fechaSolicitud: (application.submittedAt ?? application.createdAt).toISOString(),
    tipoApoyo: program.definition.supportTypes.find((s) => s.id === application.supportTypeId)?.name ?? application.supportTypeId ?? null,
    ciudadano: citizenView(citizen, personal),
    respuestas: personal ? application.answers : {},
    formulario: { schema: program.definition.form.schema, uischema: program.definition.form.uischema },
    documentos: personal ? await documentsOf(em, program, application) : [],
    elegibilidad: eligibility ? { eligible: eligibility.eligible === true, reasons: eligibility.reasons ?? [], score: eligibility.score ?? 0 } : null,
    historial: await historyOf(app, application.id),
    acciones: actionsFor(program, application, ctx.roles),
    correccion: correctionOf(application),
    entrega: await deliveryOf(app, application.id, personal),
    campos: [...flaggableFields(program), ...flaggableRows(program, application.answers as Record<string, unknown>, personal)],
    tambienRecibe: personal ? (await historyOfCurp(app.db.sql, citizen.curp)).filter((s) => s.programa !== application.programId) : [],
    enPadronConOtraCurp: personal ? await knownUnderAnotherCurp(app.db.sql, citizenInput(citizen, (application.answers as { domicilio?: Record<string, unknown> } | null)?.domicilio), app.config.storageDir) : null,
  };
}
