/**
 * A record's refusal as the brigadista reads it: the SIPROS error code and one Spanish reason per
 * problem, pointing at the field to fix (one per form field, one per missing document).
 */
import type { LoadedProgram } from '../../../../engine/index.ts';
import type { ResultadoDeCampo } from '../../../api/campo.ts';
import { AppError, type ErrorCode } from '../../errors.ts';

export type Motivo = ResultadoDeCampo['motivos'][number];

/**
 * Codes that are not a judgement of the record but a passing state of the server (someone else
 * changed the row, too many requests, a service away): the work is retried, never stored.
 */
const PASSING: ReadonlySet<ErrorCode> = new Set(['CONFLICT', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'INTERNAL']);

/** Whether an error is a final answer about the record (refused) rather than a failure to retry. */
export function isRefusal(error: unknown): error is AppError {
  return error instanceof AppError && error.status < 500 && !PASSING.has(error.code);
}

const PERSON_FIELDS: Record<string, string> = { fechaNacimiento: 'persona.fechaNacimiento', sexo: 'persona.sexo' };

type Details = { errors?: Array<{ path?: string; message: string; code?: string }>; motivos?: Array<{ ruleId: string; message: string }>; documentos?: string[]; campos?: string[] };

/** The reasons of one refusal, by what the error carries. */
export function motivosOf(error: AppError, program: LoadedProgram | null): Motivo[] {
  const details = (error.details ?? {}) as Details;
  const one = (campo: string | null): Motivo[] => [{ codigo: error.code, mensaje: error.message, campo }];
  switch (error.code) {
    case 'FORM_INVALID':
      return (details.errors ?? []).map((e) => ({ codigo: error.code, mensaje: e.message, campo: e.path ? `respuestas.${e.path}` : 'respuestas' }));
    case 'NOT_ELIGIBLE':
      return (details.motivos ?? []).map((r) => ({ codigo: error.code, mensaje: r.message, campo: `requisito:${r.ruleId}` }));
    case 'DOCUMENTS_MISSING':
      return (details.documentos ?? []).map((id) => ({ codigo: error.code, mensaje: `Falta la foto de «${program?.definition.documents.find((d) => d.id === id)?.label ?? id}».`, campo: `documento:${id}` }));
    case 'CURP_INVALID':
      return (details.errors ?? []).map((e) => ({ codigo: error.code, mensaje: e.message, campo: 'persona.curp' }));
    case 'CURP_MISMATCH':
      return one(PERSON_FIELDS[details.campos?.[0] ?? ''] ?? 'persona.curp');
    case 'CIVIL_REGISTRY_MISMATCH':
      return one(details.campos?.[0] ? `persona.${details.campos[0]}` : 'persona.curp');
    default:
      return one(null);
  }
}

const when = new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Mexico_City' });
const coordinate = (value: number) => value.toFixed(5);

/**
 * The history entry of an application made in the field: who captured it, when and where (the
 * point with its accuracy, and the localidad when the answers name one), and that the field app
 * took it without a network and sent it later.
 */
export function fieldComment(input: {
  official: { nombre: string; usuario: string };
  capturadoEn: string;
  recibidoEn: Date;
  point: { lat: number; lng: number; precision: number } | null;
  localidad: { nombre: string; municipio: string } | null;
}): string {
  const place = [input.localidad ? `en ${input.localidad.nombre}, ${input.localidad.municipio}` : null, input.point ? `punto ${coordinate(input.point.lat)}, ${coordinate(input.point.lng)} (± ${Math.round(input.point.precision)} m)` : 'sin punto GPS'].filter(Boolean).join('; ');
  return (
    `Solicitud capturada en campo por la brigada: ${input.official.nombre} (${input.official.usuario}) registró a la persona en su nombre ` +
    `el ${when.format(new Date(input.capturadoEn))}, ${place}, con la aplicación de campo sin conexión; se recibió el ${when.format(input.recibidoEn)}.`
  );
}
