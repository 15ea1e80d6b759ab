/**
 * A loaded roll's life («Carga masiva de padrones»): the file received and kept, its columns mapped
 * (the mapping remembered per agency and program), reviewed (review.ts), committed (commit.ts),
 * cancelled or undone. Each step is a state of the batch row; the long ones run as jobs, and every
 * step a person takes is in the audit log with the counts it had.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { suggestMapping, unmappedRequired, REGISTRY_FIELDS, type ColumnMapping, type RegistryField } from '../../../../engine/padron/index.ts';
import { bind, named, type SqlClient } from '../../../db/sql.ts';
import { AppError } from '../../errors.ts';
import type { PadronDeps } from './deps.ts';
import { openRoll, RollFileError } from './roll-file.ts';

export const MAX_ROLL_BYTES = 512 * 1024 * 1024;

export interface BatchRow {
  id: string;
  dependencia: string;
  programa: string;
  archivo: string;
  ruta: string;
  sha256: string;
  tamano: number;
  formato: string;
  codificacion: string | null;
  separador: string | null;
  encabezados: string[];
  mapeo: ColumnMapping;
  estado: string;
  filas: number;
  aceptadas: number;
  rechazadas: number;
  por_codigo: Record<string, number>;
  ya_en_padron: number;
  por_revisar: number;
  revisadas: number;
  cargadas: number;
  // Timestamps come as text from MikroORM's pool (its type parsers), as Dates elsewhere.
  iniciado_at: Date | string | null;
  terminado_at: Date | string | null;
  error: string | null;
  creado_por: string;
  created_at: Date | string;
}

export async function findBatch(sql: SqlClient, id: string): Promise<BatchRow> {
  const { rows } = await sql.query<BatchRow>('select * from padron_lote where id = $1', [id]);
  if (!rows[0]) throw new AppError('BATCH_NOT_FOUND');
  return { ...rows[0], tamano: Number(rows[0].tamano) };
}

const AUDIT = named<{ at: Date; actorType: string; actorId: string; action: string; loteId: string; data: Record<string, unknown> }>(
  'padron-auditoria',
  `insert into audit_log (at, actor_type, actor_id, action, entity, entity_id, data) values (:at, :actorType, :actorId, :action, 'padron_lote', :loteId, :data)`,
);

async function audit(sql: SqlClient, actorId: string, action: string, loteId: string, data: Record<string, unknown>, at: Date): Promise<void> {
  // The command line acts as «cli:<user of the machine>»; anyone else is an official.
  const actorType = actorId.startsWith('cli:') ? 'sistema' : 'funcionario';
  await sql.query(AUDIT, bind(AUDIT, { at, actorType, actorId, action, loteId, data }));
}

/** Copies the upload to the batch's file while hashing it: the hash is what makes a second load of the same file visible. */
async function keepFile(deps: PadronDeps, id: string, content: Readable): Promise<{ ruta: string; sha256: string; tamano: number }> {
  const dir = join(deps.storageDir, 'padron');
  // The upload may fail while the folder is being made: its error waits for the pipeline below.
  let early: Error | null = null;
  content.once('error', (error) => (early = error));
  await mkdir(dir, { recursive: true });
  if (early) throw early;
  const ruta = join(dir, `${id}.roll`);
  const hash = createHash('sha256');
  content.on('data', (chunk: Buffer) => hash.update(chunk));
  await pipeline(content, createWriteStream(ruta));
  if ((content as Readable & { truncated?: boolean }).truncated) {
    await rm(ruta, { force: true });
    throw new AppError('ROLL_TOO_LARGE');
  }
  return { ruta, sha256: hash.digest('hex'), tamano: (await stat(ruta)).size };
}

async function refuseSameFile(sql: SqlClient, sha256: string): Promise<void> {
  const { rows } = await sql.query<{ id: string; archivo: string; created_at: Date | string; estado: string }>(
    `select id, archivo, created_at, estado from padron_lote where sha256 = $1 and estado not in ('deshecho', 'cancelado', 'fallido') limit 1`,
    [sha256],
  );
  const earlier = rows[0];
  if (earlier) {
    const when = new Intl.DateTimeFormat('es-MX', { timeZone: 'America/Mexico_City', dateStyle: 'short', timeStyle: 'short' }).format(new Date(earlier.created_at));
    throw new AppError('ROLL_ALREADY_LOADED', `Este archivo ya se recibió el ${when} («${earlier.archivo}», carga ${earlier.id.slice(0, 8)}); si quieres reemplazarlo, deshaz primero esa carga.`, { lote: earlier.id });
  }
}

/** The columns the agency used last time for each field, found again by their header names. */
export async function rememberedMapping(sql: SqlClient, dependencia: string, programa: string, headers: string[]): Promise<ColumnMapping | null> {
  const { rows } = await sql.query<{ columnas: Record<string, string> }>('select columnas from padron_mapeo where dependencia = $1 and programa = $2', [dependencia, programa]);
  if (!rows[0]) return null;
  const mapping: ColumnMapping = {};
  for (const [field, header] of Object.entries(rows[0].columnas)) {
    const index = headers.indexOf(header);
    if (index >= 0) mapping[field as RegistryField] = index;
  }
  return mapping;
}

type NewBatch = Pick<BatchRow, 'id' | 'dependencia' | 'programa' | 'archivo' | 'ruta' | 'sha256' | 'tamano' | 'formato' | 'codificacion' | 'separador' | 'mapeo'> & {
  /** JSON text of the header row. */
  encabezados: string;
  creadoPor: string;
  now: Date;
};

const NEW_BATCH = named<NewBatch>(
  'padron-lote-nuevo',
  `insert into padron_lote (id, dependencia, programa, archivo, ruta, sha256, tamano, formato, codificacion, separador, encabezados, mapeo, estado, creado_por, created_at, updated_at)
   values (:id, :dependencia, :programa, :archivo, :ruta, :sha256, :tamano, :formato, :codificacion, :separador, :encabezados, :mapeo, 'recibido', :creadoPor, :now, :now)`,
);

export interface ReceivedRoll {
  dependencia: string;
  programa: string;
  archivo: string;
  content: Readable;
  actorId: string;
}

/** A new batch from an uploaded file: kept, recognised (format, encoding, separator, headers), mapped by suggestion or memory. */
export async function receiveRoll(deps: PadronDeps, input: ReceivedRoll): Promise<{ id: string }> {
  const id = randomUUID();
  const file = await keepFile(deps, id, input.content);
  const sql = deps.db.sql;
  try {
    await refuseSameFile(sql, file.sha256);
    const roll = await openRoll(file.ruta).catch((error: unknown) => {
      throw error instanceof RollFileError ? new AppError('ROLL_FILE_INVALID', error.message, { codigo: error.code }) : error;
    });
    const remembered = await rememberedMapping(sql, input.dependencia, input.programa, roll.headers);
    const mapeo = { ...suggestMapping(roll.headers), ...remembered };
    const now = deps.clock();
    const values = { id, dependencia: input.dependencia, programa: input.programa, archivo: input.archivo, ...file, formato: roll.format, codificacion: roll.encoding, separador: roll.delimiter, encabezados: JSON.stringify(roll.headers), mapeo, creadoPor: input.actorId, now };
    await sql.query(NEW_BATCH, bind(NEW_BATCH, values));
    await audit(sql, input.actorId, 'padron.recibir', id, { archivo: input.archivo, sha256: file.sha256, tamano: file.tamano, dependencia: input.dependencia, programa: input.programa }, now);
    return { id };
  } catch (error) {
    await rm(file.ruta, { force: true });
    // Two uploads of one file at the same moment: the unique index decides, with the same message.
    if ((error as { code?: string }).code === '23505') await refuseSameFile(sql, file.sha256);
    throw error;
  }
}

/** The first rows of the file as they are, beside the mapping (the mapping screen shows them). */
export async function sampleRows(batch: Pick<BatchRow, 'ruta'>, count = 5): Promise<string[][]> {
  const roll = await openRoll(batch.ruta);
  const sample: string[][] = [];
  for await (const { values } of roll.rows()) {
    sample.push(values);
    if (sample.length >= count) break;
  }
  return sample;
}

const MOVE = named<{ id: string; from: readonly string[]; to: string; now: Date }>(
  'padron-lote-paso',
  `update padron_lote set estado = :to, iniciado_at = :now, updated_at = :now where id = :id and estado = any(:from::text[])`,
);

/** Moves a batch from one state to the next, or says why it cannot (another official got there first). */
async function moveBatch(sql: SqlClient, id: string, from: readonly string[], to: string, now: Date): Promise<void> {
  const { rowCount } = await sql.query(MOVE, bind(MOVE, { id, from, to, now }));
  if (rowCount === 0) {
    const batch = await findBatch(sql, id);
    throw new AppError('BATCH_WRONG_STATE', `Esta carga está «${batch.estado}»; no se puede pasar a «${to}».`, { estado: batch.estado });
  }
}

const REMEMBER_MAPPING = named<{ dependencia: string; programa: string; columnas: Record<string, string>; actorId: string; now: Date }>(
  'padron-mapeo-recordar',
  `insert into padron_mapeo (dependencia, programa, columnas, updated_by, updated_at) values (:dependencia, :programa, :columnas, :actorId, :now)
   on conflict (dependencia, programa) do update set columnas = excluded.columnas, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
);

/** Sets the columns, remembers them for the agency's next file of the program, and starts the review. */
export async function mapColumns(deps: PadronDeps, id: string, mapping: ColumnMapping, actorId: string): Promise<void> {
  const sql = deps.db.sql;
  const batch = await findBatch(sql, id);
  const missing = unmappedRequired(mapping);
  if (missing.length > 0) {
    throw new AppError('COLUMNS_MISSING', `Asigna una columna a: ${missing.map((f) => REGISTRY_FIELDS.find((r) => r.id === f)!.label).join(', ')}.`, { campos: missing });
  }
  const bad = Object.entries(mapping).filter(([, i]) => !Number.isInteger(i) || i! < 0 || i! >= batch.encabezados.length);
  if (bad.length > 0) throw new AppError('VALIDATION_FAILED', 'Alguna columna elegida no existe en el archivo.', { campos: bad.map(([f]) => f) });
  const now = deps.clock();
  await sql.transaction(async (tx) => {
    await tx.query('delete from padron_fila where lote_id = $1', [id]);
    await moveBatch(tx, id, ['recibido', 'revisado'], 'revisando', now);
    await tx.query('update padron_lote set mapeo = $2, revisadas = 0 where id = $1', [id, mapping]);
    const columnas = Object.fromEntries(Object.entries(mapping).map(([field, i]) => [field, batch.encabezados[i!]]));
    await tx.query(REMEMBER_MAPPING, bind(REMEMBER_MAPPING, { dependencia: batch.dependencia, programa: batch.programa, columnas, actorId, now }));
    await audit(tx, actorId, 'padron.mapear', id, { columnas }, now);
  });
}

const NEW_ROW_PROGRAM = named<{ clave: string; nombre: string; dependencia: string; now: Date }>(
  'padron-catalogo-de-fila',
  `insert into programa_catalogo (clave, nombre, dependencia, tipo, created_at, updated_at) values (:clave, :nombre, :dependencia, 'economico', :now, :now) on conflict (clave) do nothing`,
);

/**
 * The programs the file names per row, in the catalog: a key it does not know yet is added under the
 * batch's agency (with the name the file gives, or its key); a key of another agency refuses the load.
 */
async function catalogRowPrograms(sql: SqlClient, batch: BatchRow, now: Date): Promise<string[]> {
  const { rows } = await sql.query<{ clave: string; nombre: string | null; dependencia: string | null }>(
    `select r.clave, r.nombre, k.dependencia
     from (select datos ->> 'programa' as clave, min(datos ->> 'programaNombre') as nombre from padron_fila
           where lote_id = $1 and aceptada and datos ->> 'programa' is not null group by 1) r
     left join programa_catalogo k on k.clave = r.clave`,
    [batch.id],
  );
  const foreign = rows.filter((r) => r.dependencia !== null && r.dependencia !== batch.dependencia);
  if (foreign.length > 0) {
    throw new AppError('AGENCY_OUT_OF_SCOPE', `El archivo trae programas de otra dependencia: ${foreign.map((r) => `${r.clave} (${r.dependencia})`).join(', ')}.`);
  }
  const added = rows.filter((r) => r.dependencia === null);
  for (const r of added) {
    await sql.query(NEW_ROW_PROGRAM, bind(NEW_ROW_PROGRAM, { clave: r.clave, nombre: r.nombre ?? r.clave, dependencia: batch.dependencia, now }));
  }
  return added.map((r) => r.clave);
}

/** Starts loading a reviewed batch; returns the program keys it added to the catalog. */
export async function startCommit(deps: PadronDeps, id: string, actorId: string): Promise<string[]> {
  const now = deps.clock();
  return deps.db.sql.transaction(async (tx) => {
    await moveBatch(tx, id, ['revisado'], 'cargando', now);
    const batch = await findBatch(tx, id);
    const added = await catalogRowPrograms(tx, batch, now);
    await audit(tx, actorId, 'padron.cargar', id, { filas: batch.filas, aceptadas: batch.aceptadas, rechazadas: batch.rechazadas, porCodigo: batch.por_codigo, programasAgregados: added }, now);
    return added;
  });
}

/** Cancels a batch: one under review or not yet loaded simply stops; one being loaded is taken back out. */
export async function cancelBatch(deps: PadronDeps, id: string, actorId: string): Promise<'cancelado' | 'cancelando'> {
  const now = deps.clock();
  return deps.db.sql.transaction(async (tx) => {
    const batch = await findBatch(tx, id);
    const loading = batch.estado === 'cargando';
    await moveBatch(tx, id, loading ? ['cargando'] : ['recibido', 'revisando', 'revisado'], loading ? 'cancelando' : 'cancelado', now);
    await audit(tx, actorId, 'padron.cancelar', id, { estado: batch.estado, cargadas: batch.cargadas }, now);
    return loading ? 'cancelando' : 'cancelado';
  });
}

export async function startUndo(deps: PadronDeps, id: string, actorId: string): Promise<void> {
  const now = deps.clock();
  await deps.db.sql.transaction(async (tx) => {
    await moveBatch(tx, id, ['cargado'], 'deshaciendo', now);
    const batch = await findBatch(tx, id);
    await audit(tx, actorId, 'padron.deshacer', id, { cargadas: batch.cargadas }, now);
  });
}
