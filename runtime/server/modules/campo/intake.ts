/**
 * Reading a record sent from the field (POST /campo/registros): the «registro» JSON first, then
 * the document photos, each streamed into storage as it arrives with the same checks as any
 * upload. Everything here is about the request itself: a problem is a 4xx error and nothing of
 * it is kept (the files received so far are dropped), so the device may send it again.
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import type { LoadedProgram } from '../../../../engine/index.ts';
import { createFormAjv } from '../../../../engine/forms/ajv.ts';
import { errorInstancePath, spanishMessage, withoutBranchNoise } from '../../../../engine/forms/messages.ts';
import { FIELD_DOCUMENT_PREFIX, FIELD_RECORD_PART, fieldRecord, type RegistroDeCampo } from '../../../api/campo.ts';
import { AppError } from '../../errors.ts';
import { jsonTextProblem } from '../../plugins/input-guard.ts';
import { receiveDocument, type ReceivedDocument } from '../applications/index.ts';

const validateRecord = createFormAjv().compile<RegistroDeCampo>(fieldRecord);

/** What the people reading a refusal call the fields a device may get wrong. */
const FIELD_MESSAGES: Record<string, string> = {
  idCliente: 'El id del registro debe ser un UUID hecho en el dispositivo.',
  'persona.curp': 'La CURP debe tener 18 letras y números.',
  'persona.telefono': 'El teléfono debe tener 10 dígitos, sin espacios ni guiones.',
  'persona.fechaNacimiento': 'La fecha de nacimiento debe ir como AAAA-MM-DD.',
  'persona.sexo': 'El sexo debe ser H (hombre), M (mujer) o X (no binario).',
  'consentimiento.aceptado': 'La persona debe aceptar el aviso de privacidad antes de registrarla.',
};

/** One Spanish sentence per field of the record the schema refused (`details.fields`, as every route reports them). */
function recordProblems(errors: ErrorObject[]): Array<{ path: string; message: string }> {
  const fields = new Map<string, string>();
  for (const error of withoutBranchNoise(errors)) {
    const path = errorInstancePath(error).split('/').filter(Boolean).join('.');
    const known = error.keyword === 'required' ? undefined : FIELD_MESSAGES[path];
    if (!fields.has(path)) fields.set(path, `${path ? `«${path}»: ` : ''}${known ?? spanishMessage(error)}`);
  }
  return [...fields].map(([path, message]) => ({ path: `registro${path ? `.${path}` : ''}`, message }));
}

/** The «registro» field as a checked record: FIELD_RECORD_UNREADABLE, FIELD_RECORD_INVALID. */
export function parseRecord(text: string, truncated: boolean): RegistroDeCampo {
  if (truncated) throw new AppError('PAYLOAD_TOO_LARGE', 'El campo «registro» pasa de 1 MB.');
  // The same guard as every JSON body (a multipart field does not pass through the JSON parser).
  const problem = jsonTextProblem(text);
  if (problem) throw new AppError(problem);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('FIELD_RECORD_UNREADABLE');
  }
  if (!validateRecord(value)) throw new AppError('FIELD_RECORD_INVALID', undefined, { fields: recordProblems(validateRecord.errors ?? []) });
  return value;
}

/** What the record's handler decides once the record is read: whether its photos are wanted, and for which program. */
export interface RecordPlan {
  /** The record already has its answer, or its program is unknown: its files are read and dropped. */
  skipFiles: boolean;
  program: LoadedProgram | null;
}

export interface Intake<P extends RecordPlan = RecordPlan> {
  record: RegistroDeCampo;
  plan: P;
  files: ReceivedDocument[];
}

/** Reads the rest of a part nobody wants, so the next part can be read. */
function drain(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('end', resolve).on('error', reject).resume();
  });
}

async function receivePhoto(app: FastifyInstance, program: LoadedProgram, fieldname: string, stream: Readable, filename: string | undefined): Promise<ReceivedDocument> {
  const tipo = fieldname.slice(FIELD_DOCUMENT_PREFIX.length);
  const spec = program.definition.documents.find((d) => d.id === tipo);
  if (!spec) {
    await drain(stream);
    throw new AppError('DOCUMENT_TYPE_UNKNOWN', `El programa «${program.definition.name}» no pide el documento «${tipo}».`);
  }
  return receiveDocument(app, spec, stream, filename);
}

/**
 * Reads the whole request: «registro» must come first (its program says what each photo may
 * be); `plan` is asked once the record is read. On any problem the photos already received are
 * dropped and the error is thrown.
 */
export async function readIntake<P extends RecordPlan>(app: FastifyInstance, request: FastifyRequest, plan: (record: RegistroDeCampo) => Promise<P>): Promise<Intake<P>> {
  if (!request.isMultipart()) throw new AppError('FIELD_RECORD_MISSING');
  const files: ReceivedDocument[] = [];
  let intake: { record: RegistroDeCampo; plan: P } | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname !== FIELD_RECORD_PART || intake) throw new AppError('FIELD_PART_UNKNOWN', `La parte «${part.fieldname}» no se esperaba: el envío lleva un solo «registro» y las fotos como «documento:<tipo>».`);
        const record = parseRecord(String(part.value), part.valueTruncated);
        intake = { record, plan: await plan(record) };
      } else if (!intake) {
        throw new AppError('FIELD_RECORD_MISSING');
      } else if (!part.fieldname.startsWith(FIELD_DOCUMENT_PREFIX)) {
        throw new AppError('FIELD_PART_UNKNOWN', `El archivo «${part.fieldname}» no se esperaba: cada foto va en «documento:<tipo>».`);
      } else if (intake.plan.skipFiles || !intake.plan.program) {
        await drain(part.file);
      } else {
        files.push(await receivePhoto(app, intake.plan.program, part.fieldname, part.file, part.filename));
      }
    }
    if (!intake) throw new AppError('FIELD_RECORD_MISSING');
    return { ...intake, files };
  } catch (error) {
    await Promise.all(files.map((f) => f.discard()));
    throw readError(error);
  }
}

/** A cut or malformed form is MULTIPART_INVALID (the device sends it again); the multipart plugin's own limits keep their codes. */
function readError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const { syscall, code } = error as { syscall?: unknown; code?: unknown };
  if (typeof syscall === 'string' || (typeof code === 'string' && code.startsWith('FST_'))) return error;
  return new AppError('MULTIPART_INVALID');
}
