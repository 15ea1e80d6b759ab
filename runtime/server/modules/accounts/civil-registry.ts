import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { EntityManager } from '@mikro-orm/core';
import { isSex, validateCurp, type Sex } from '../../../../engine/curp.ts';
import { CivilRegistryEntry } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { spanishList } from './passwords.ts';

/** citizen.registro_civil: how the sign-up data compared with the civil registry reference. */
export type CivilRegistryStatus = 'coincide' | 'no_encontrado' | 'sin_verificar';

export interface PersonData {
  curp: string;
  nombres: string;
  primerApellido: string;
  segundoApellido?: string | null;
  fechaNacimiento: string;
  sexo: Sex;
}

/** Statuses (lower case, no accents) under which a CURP may open an account. */
const ACTIVE_STATUSES = new Set(['activo', 'activa', 'vigente']);

/**
 * Canonical form for comparing names: without accents or diaeresis (Ñ becomes N too), upper
 * case, single spaces. Registries and people differ in exactly these details, never in meaning.
 */
export function comparableName(value: string | null | undefined): string {
  return (value ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const FIELD_LABELS = {
  nombres: 'nombre(s)',
  primerApellido: 'primer apellido',
  segundoApellido: 'segundo apellido',
  fechaNacimiento: 'fecha de nacimiento',
  sexo: 'sexo',
} as const;

type ComparedField = keyof typeof FIELD_LABELS;

/** The fields in which the person's data differ from the registry entry. */
export function differingFields(person: PersonData, entry: PersonData): ComparedField[] {
  const differ: ComparedField[] = [];
  for (const field of ['nombres', 'primerApellido', 'segundoApellido'] as const) {
    if (comparableName(person[field]) !== comparableName(entry[field])) differ.push(field);
  }
  if (person.fechaNacimiento !== entry.fechaNacimiento) differ.push('fechaNacimiento');
  if (person.sexo !== entry.sexo) differ.push('sexo');
  return differ;
}

/**
 * Compares sign-up data with the civil registry reference table. When the table has the CURP the
 * data must match and the CURP be active, else CIVIL_REGISTRY_MISMATCH (naming the fields, never
 * the registry's values); a CURP missing from a loaded table does not block (the table may be
 * partial); an empty table means the check is not in use.
 */
export async function checkCivilRegistry(em: EntityManager, person: PersonData): Promise<CivilRegistryStatus> {
  const entry = await em.findOne(CivilRegistryEntry, { curp: person.curp });
  if (!entry) return (await em.find(CivilRegistryEntry, {}, { fields: ['curp'], limit: 1 })).length > 0 ? 'no_encontrado' : 'sin_verificar';
  if (!ACTIVE_STATUSES.has(comparableName(entry.estatus).toLowerCase())) {
    throw new AppError(
      'CIVIL_REGISTRY_MISMATCH',
      'Según el Registro Civil esta CURP no está vigente. Acude a un módulo de atención ciudadana con tu acta de nacimiento.',
      { campos: [] },
    );
  }
  const differ = differingFields(person, entry);
  if (differ.length > 0) {
    throw new AppError(
      'CIVIL_REGISTRY_MISMATCH',
      `Tus datos no coinciden con los del Registro Civil para esta CURP; revisa: ${spanishList(differ.map((f) => FIELD_LABELS[f]))}. Escríbelos como aparecen en tu acta de nacimiento.`,
      { campos: differ },
    );
  }
  return 'coincide';
}

// ── Loading the reference table from a CSV file ──────────────────────────────

export const CIVIL_REGISTRY_COLUMNS = ['curp', 'nombres', 'primer_apellido', 'segundo_apellido', 'fecha_nacimiento', 'sexo', 'estatus'] as const;
type Column = (typeof CIVIL_REGISTRY_COLUMNS)[number];

export interface RefusedRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  reason: string;
}

export interface LoadReport {
  loaded: number;
  refused: RefusedRow[];
}

/** A problem with the file as a whole (unreadable, wrong header): nothing was loaded. */
export class CivilRegistryFileError extends Error {}

/**
 * Splits one CSV record (RFC 4180: comma separated, fields optionally in double quotes, a quote
 * inside quotes written twice). Returns null while a quoted field is still open, i.e. the record
 * continues on the next line.
 */
export function parseCsvRecord(text: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

/** Records of a CSV file, streamed line by line (quoted fields may span lines), with their first line number. */
export async function* readCsvRecords(file: string): AsyncGenerator<{ line: number; fields: string[] }> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let pending: string | null = null;
  let start = 0;
  let lineNumber = 0;
  for await (const rawLine of lines) {
    lineNumber++;
    const line = lineNumber === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine; // spreadsheets add a BOM
    if (pending === null) {
      if (line.trim() === '') continue;
      start = lineNumber;
      pending = line;
    } else pending += `\n${line}`;
    const fields = parseCsvRecord(pending);
    if (fields) {
      pending = null;
      yield { line: start, fields };
    }
  }
  if (pending !== null) throw new CivilRegistryFileError(`La fila que empieza en la línea ${start} abre comillas y nunca las cierra.`);
}

/** Column positions from the header; throws when a column is missing or unknown. */
function columnIndex(header: string[]): Record<Column, number> {
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = CIVIL_REGISTRY_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(CIVIL_REGISTRY_COLUMNS as readonly string[]).includes(n));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [missing.length > 0 ? `faltan ${missing.join(', ')}` : '', unknown.length > 0 ? `sobran ${unknown.join(', ')}` : ''].filter(Boolean);
    throw new CivilRegistryFileError(`El encabezado debe ser «${CIVIL_REGISTRY_COLUMNS.join(',')}»: ${parts.join('; ')}.`);
  }
  return Object.fromEntries(CIVIL_REGISTRY_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<Column, number>;
}

function isRealIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(text);
}

/** Collapses spaces; keeps the registry's spelling otherwise. */
function cleanName(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

type EntryData = PersonData & { estatus: string };

/** One CSV row as a registry entry, or the Spanish reason it is refused. */
export function toRegistryEntry(fields: string[], columns: Record<Column, number>): EntryData | { reason: string } {
  if (fields.length !== CIVIL_REGISTRY_COLUMNS.length) return { reason: `la fila tiene ${fields.length} columnas; se esperaban ${CIVIL_REGISTRY_COLUMNS.length}` };
  const value = (c: Column) => fields[columns[c]].trim();
  const curp = validateCurp(value('curp'));
  if (!curp.valid) return { reason: `CURP «${curp.curp}» inválida: ${curp.errors.map((e) => e.message).join(' ')}` };
  const nombres = cleanName(value('nombres'));
  const primerApellido = cleanName(value('primer_apellido'));
  if (!nombres) return { reason: 'falta el nombre' };
  if (!primerApellido) return { reason: 'falta el primer apellido' };
  const fechaNacimiento = value('fecha_nacimiento');
  if (!isRealIsoDate(fechaNacimiento)) return { reason: `la fecha de nacimiento «${fechaNacimiento}» no es una fecha válida AAAA-MM-DD` };
  const sexo = value('sexo').toUpperCase();
  if (!isSex(sexo)) return { reason: `el sexo «${value('sexo')}» no es H, M ni X` };
  const estatus = comparableName(value('estatus')).toLowerCase();
  if (!estatus) return { reason: 'falta el estatus' };
  // A row contradicting its own CURP could never match a sign-up; it is a data error to fix at the source.
  if (curp.info.birthDate !== fechaNacimiento) return { reason: `la fecha de nacimiento ${fechaNacimiento} no es la que indica la CURP (${curp.info.birthDate})` };
  if (curp.info.sex !== sexo) return { reason: `el sexo ${sexo} no es el que indica la CURP (${curp.info.sex})` };
  return { curp: curp.curp, nombres, primerApellido, segundoApellido: cleanName(value('segundo_apellido')) || null, fechaNacimiento, sexo, estatus };
}

const BATCH_SIZE = 500;

/** Inserts or replaces a batch; a CURP repeated in the file keeps its last row (PostgreSQL refuses one upsert touching a row twice). */
async function upsertBatch(em: EntityManager, batch: Map<string, EntryData>): Promise<void> {
  if (batch.size === 0) return;
  await em.fork().upsertMany(CivilRegistryEntry, [...batch.values()]);
  batch.clear();
}

/**
 * Loads a civil registry CSV (header curp,nombres,primer_apellido,segundo_apellido,
 * fecha_nacimiento,sexo,estatus) into civil_registry_entry, streaming it in batches so a file of
 * millions of rows fits in little memory. Good rows are upserted; bad ones are reported with
 * their line and reason. Throws CivilRegistryFileError when the file itself is unusable.
 */
export async function loadCivilRegistryCsv(em: EntityManager, file: string): Promise<LoadReport> {
  const report: LoadReport = { loaded: 0, refused: [] };
  const batch = new Map<string, EntryData>();
  let columns: Record<Column, number> | null = null;
  try {
    for await (const { line, fields } of readCsvRecords(file)) {
      if (!columns) {
        columns = columnIndex(fields);
        continue;
      }
      const entry = toRegistryEntry(fields, columns);
      if ('reason' in entry) {
        report.refused.push({ line, reason: entry.reason });
        continue;
      }
      batch.set(entry.curp, entry);
      report.loaded++;
      if (batch.size >= BATCH_SIZE) await upsertBatch(em, batch);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CivilRegistryFileError(`No existe el archivo «${file}».`);
    if (code === 'EISDIR' || code === 'EACCES') throw new CivilRegistryFileError(`No se puede leer «${file}» (${code === 'EISDIR' ? 'es una carpeta' : 'sin permiso'}).`);
    throw error;
  }
  if (!columns) throw new CivilRegistryFileError(`El archivo «${file}» está vacío: se esperaba el encabezado ${CIVIL_REGISTRY_COLUMNS.join(',')}.`);
  await upsertBatch(em, batch);
  return report;
}
