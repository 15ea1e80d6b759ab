/**
 * The stored side of a field record: the row keyed by the device's id, claimed for a short lease
 * while its work runs, and its final answer. Hand-written SQL because the claim must be one
 * statement (insert the row, or take over an unfinished one whose lease has run out, or do
 * nothing) so that two sends of one record at the same instant never both do the work.
 */
import type { FastifyInstance } from 'fastify';
import type { RegistroDeCampo, ResultadoDeCampo } from '../../../api/campo.ts';
import { bind, named, prepared } from '../../../db/sql.ts';
import { AppError } from '../../errors.ts';

/**
 * How long one send may hold a record. Longer than any record's work (a few seconds with its
 * photos); a process that died leaves a claim that expires, and the next resend takes over.
 * The database's own clock: a lease is a lock's freshness, not business time (tests move that).
 */
const LEASE = "interval '2 minutes'";

export interface Claim {
  citizenId: string | null;
  applicationId: string | null;
  recibidoEn: Date;
}

interface ClaimValues extends Record<string, unknown> {
  idCliente: string;
  brigadistaId: string;
  programId: string;
  programVersion: number;
  visitId: string | null;
  lat: number | null;
  lng: number | null;
  precision: number | null;
  consentimiento: string;
  capturadoEn: string;
  now: Date;
}

const CLAIM = named<ClaimValues>('campo-reclamar', `
  insert into field_record (id_cliente, brigadista_id, program_id, program_version, visit_id, lat, lng, precision_m, consentimiento, capturado_en, recibido_en, ocupado_hasta)
  values (:idCliente, :brigadistaId, :programId, :programVersion, :visitId, :lat, :lng, :precision, :consentimiento::jsonb, :capturadoEn, :now, clock_timestamp() + ${LEASE})
  on conflict (id_cliente) do update
     set ocupado_hasta = clock_timestamp() + ${LEASE}, intentos = field_record.intentos + 1
   where field_record.resultado is null and field_record.brigadista_id = excluded.brigadista_id
     and (field_record.ocupado_hasta is null or field_record.ocupado_hasta < clock_timestamp())
  returning citizen_id, application_id, recibido_en`);

/** Takes the record's work for this send, or null when another send holds it or it is finished (see `stored`). */
export async function claimRecord(app: FastifyInstance, brigadistaId: string, record: RegistroDeCampo, programVersion: number, visitId: string | null): Promise<Claim | null> {
  const point = record.ubicacion ?? null;
  const { rows } = await app.db.sql.query<{ citizen_id: string | null; application_id: string | null; recibido_en: Date }>(
    CLAIM,
    bind(CLAIM, {
      idCliente: record.idCliente,
      brigadistaId,
      programId: record.programa,
      programVersion,
      visitId,
      lat: point?.lat ?? null,
      lng: point?.lng ?? null,
      precision: point?.precision ?? null,
      consentimiento: JSON.stringify(record.consentimiento),
      capturadoEn: record.capturadoEn,
      now: app.clock(),
    }),
  );
  const row = rows[0];
  return row ? { citizenId: row.citizen_id, applicationId: row.application_id, recibidoEn: new Date(row.recibido_en) } : null;
}

/** Remembers what the work has done so far, so a resend after a failure continues instead of starting over. */
export async function noteProgress(app: FastifyInstance, idCliente: string, progress: { citizenId?: string; applicationId?: string }): Promise<void> {
  await app.db.sql.query('update field_record set citizen_id = coalesce($2, citizen_id), application_id = coalesce($3, application_id) where id_cliente = $1', [idCliente, progress.citizenId ?? null, progress.applicationId ?? null]);
}

interface FinishValues extends Record<string, unknown> {
  idCliente: string;
  resultado: string;
  respuesta: string;
  applicationId: string | null;
  municipio: string | null;
  localidad: string | null;
  now: Date;
}

const FINISH = named<FinishValues>('campo-terminar', `
  update field_record
     set resultado = :resultado, respuesta = :respuesta::jsonb, application_id = coalesce(:applicationId::uuid, application_id),
         municipio = :municipio, localidad = :localidad, ocupado_hasta = null, terminado_en = :now
   where id_cliente = :idCliente and resultado is null`);

/** Stores the record's final answer (and the place it is counted in). */
export async function finishRecord(app: FastifyInstance, result: ResultadoDeCampo, place: { applicationId: string | null; municipio: string | null; localidad: string | null }): Promise<void> {
  const { resultado, idCliente } = result;
  await app.db.sql.query(FINISH, bind(FINISH, { idCliente, resultado, respuesta: JSON.stringify(result), ...place, now: app.clock() }));
}

/** Lets the next send take the record's work at once (this one failed; its progress stays noted). */
export async function releaseRecord(app: FastifyInstance, idCliente: string): Promise<void> {
  await app.db.sql.query('update field_record set ocupado_hasta = null where id_cliente = $1 and resultado is null', [idCliente]);
}

const STORED = prepared('campo-guardado', 'select brigadista_id, respuesta from field_record where id_cliente = $1');

/** A record's stored state: missing, another brigadista's, unfinished (null answer), or its answer. */
export async function storedRecord(app: FastifyInstance, idCliente: string): Promise<{ brigadistaId: string; result: ResultadoDeCampo | null } | null> {
  const { rows } = await app.db.sql.query<{ brigadista_id: string; respuesta: ResultadoDeCampo | null }>(STORED, [idCliente]);
  return rows[0] ? { brigadistaId: rows[0].brigadista_id, result: rows[0].respuesta } : null;
}

/** The stored answer of one of the brigadista's own records: FIELD_RECORD_NOT_FOUND for anyone else's, FIELD_RECORD_TAKEN for an id another used. */
export function ownAnswer(stored: Awaited<ReturnType<typeof storedRecord>>, brigadistaId: string): ResultadoDeCampo | null {
  if (!stored) return null;
  if (stored.brigadistaId !== brigadistaId) throw new AppError('FIELD_RECORD_TAKEN');
  return stored.result;
}

const WAIT_STEP_MS = 100;
const WAIT_LIMIT_MS = 20_000;

/**
 * This send's claim on the record, or the record's stored answer. While another send holds it
 * (two sends at the same instant) this one waits, then answers what the first decided; if the
 * first failed and let go, this one takes the work over. FIELD_RECORD_BUSY past the limit: the
 * device asks again later, with GET /campo/registros/:idCliente or by sending it again.
 */
export async function claimOrAnswer(app: FastifyInstance, brigadistaId: string, record: RegistroDeCampo, programVersion: number, visitId: string | null): Promise<{ claim: Claim } | { answer: ResultadoDeCampo }> {
  for (let waited = 0; waited < WAIT_LIMIT_MS; waited += WAIT_STEP_MS) {
    const claim = await claimRecord(app, brigadistaId, record, programVersion, visitId);
    if (claim) return { claim };
    const answer = ownAnswer(await storedRecord(app, record.idCliente), brigadistaId);
    if (answer) return { answer };
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
  throw new AppError('FIELD_RECORD_BUSY');
}
