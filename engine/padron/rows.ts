/**
 * One row of an agency's roll, checked before anything is written: every problem with a code and a
 * Spanish message the agency can act on. Refusals (the row is not loaded) and warnings (loaded, and
 * counted under their code: a CURP typed in lower case, the same person twice in the file).
 *
 * Pure module: the catalog of municipios comes in as a set of claves.
 */
import { normalizeCurp, validateCurp, type CurpErrorCode } from '../curp.ts';
import type { ColumnMapping, RegistryField } from './columns.ts';
import { readDate } from './dates.ts';

export type RowCode =
  | 'REQUIRED_MISSING'
  | 'CURP_LENGTH'
  | 'CURP_FORMAT'
  | 'CURP_CHECK_DIGIT'
  | 'CURP_INVALID'
  | 'CURP_BIRTH_DATE_MISMATCH'
  | 'CURP_SEX_MISMATCH'
  | 'DATE_INVALID'
  | 'SEX_INVALID'
  | 'AMOUNT_INVALID'
  | 'AMOUNT_NEGATIVE'
  | 'CVE_MUN_UNKNOWN'
  | 'NORMALIZED'
  | 'DUPLICATE_IN_FILE';

/** What each code means, in the words the loading screen and the downloads use. */
export const ROW_CODE_LABELS: Readonly<Record<RowCode, string>> = Object.freeze({
  REQUIRED_MISSING: 'Falta un dato obligatorio',
  CURP_LENGTH: 'CURP sin 18 caracteres',
  CURP_FORMAT: 'CURP mal formada',
  CURP_CHECK_DIGIT: 'CURP con dígito verificador incorrecto',
  CURP_INVALID: 'CURP no válida',
  CURP_BIRTH_DATE_MISMATCH: 'Fecha de nacimiento distinta a la de la CURP',
  CURP_SEX_MISMATCH: 'Sexo distinto al de la CURP',
  DATE_INVALID: 'Fecha que no existe',
  SEX_INVALID: 'Sexo que no es H, M ni X',
  AMOUNT_INVALID: 'Monto que no es un número',
  AMOUNT_NEGATIVE: 'Monto negativo',
  CVE_MUN_UNKNOWN: 'Clave de municipio que no existe',
  NORMALIZED: 'Corregida al leerla (mayúsculas, espacios)',
  DUPLICATE_IN_FILE: 'La misma CURP más de una vez en el archivo',
});

export interface RowProblem {
  code: RowCode;
  field: RegistryField | null;
  message: string;
  /** A warning loads the row (and is counted); anything else refuses it. */
  warning?: true;
}

/** A row as the registry will store it. */
export interface RegistryRow {
  curp: string;
  nombres: string;
  primerApellido: string;
  segundoApellido: string | null;
  fechaNacimiento: string | null;
  sexo: 'H' | 'M' | 'X' | null;
  cveMun: string | null;
  cveLoc: string | null;
  colonia: string | null;
  codigoPostal: string | null;
  /** The program's key in the state's catalog, when the file says it per row (otherwise the batch's program). */
  programa: string | null;
  programaNombre: string | null;
  monto: number | null;
  fechaApoyo: string | null;
  folio: string | null;
}

export interface RowCheck {
  row: RegistryRow;
  problems: RowProblem[];
  accepted: boolean;
}

export interface RowContext {
  /** Five-digit INEGI claves (entidad + municipio) that exist. */
  municipios: ReadonlySet<string>;
  /** The entidad to assume when a file gives only the municipio's three digits. */
  entidadPorOmision?: string;
}

const CURP_CODES: Partial<Record<CurpErrorCode, RowCode>> = { LENGTH: 'CURP_LENGTH', FORMAT: 'CURP_FORMAT', CHECK_DIGIT: 'CURP_CHECK_DIGIT' };

const cell = (values: readonly string[], mapping: ColumnMapping, field: RegistryField): string => {
  const index = mapping[field];
  return index === undefined ? '' : (values[index] ?? '').trim();
};

/** Names as the registry keeps them: capitals, single spaces. */
const cleanName = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim().toUpperCase();

function checkCurp(raw: string, problems: RowProblem[]) {
  const result = validateCurp(raw);
  if (raw && result.curp !== raw) problems.push({ code: 'NORMALIZED', field: 'curp', warning: true, message: `La CURP «${raw}» se leyó como ${result.curp} (mayúsculas, sin espacios).` });
  if (!result.valid) {
    const first = result.errors[0];
    problems.push({ code: CURP_CODES[first.code] ?? 'CURP_INVALID', field: 'curp', message: `La CURP ${result.curp} no es válida: ${result.errors.map((e) => e.message).join(' ')}` });
  }
  return result;
}

function checkPerson(values: readonly string[], mapping: ColumnMapping, problems: RowProblem[]) {
  const fecha = cell(values, mapping, 'fechaNacimiento');
  const fechaNacimiento = fecha ? readDate(fecha) : null;
  if (fecha && !fechaNacimiento) problems.push({ code: 'DATE_INVALID', field: 'fechaNacimiento', message: `La fecha de nacimiento «${fecha}» no es una fecha real (usa AAAA-MM-DD o DD/MM/AAAA).` });
  const sexoText = cell(values, mapping, 'sexo').toUpperCase();
  const sexo = sexoText === '' ? null : sexoText === 'H' || sexoText === 'M' || sexoText === 'X' ? sexoText : null;
  if (sexoText && !sexo) problems.push({ code: 'SEX_INVALID', field: 'sexo', message: `El sexo «${sexoText}» no es H, M ni X.` });
  return { fechaNacimiento, sexo };
}

/** Birth date and sex must be the ones the CURP itself states. */
function checkAgainstCurp(info: { birthDate?: string; sex?: string }, person: { fechaNacimiento: string | null; sexo: string | null }, problems: RowProblem[]) {
  if (person.fechaNacimiento && info.birthDate && person.fechaNacimiento !== info.birthDate) {
    problems.push({ code: 'CURP_BIRTH_DATE_MISMATCH', field: 'fechaNacimiento', message: `La fecha de nacimiento ${person.fechaNacimiento} no es la que indica la CURP (${info.birthDate}).` });
  }
  if (person.sexo && info.sex && person.sexo !== info.sex) {
    problems.push({ code: 'CURP_SEX_MISMATCH', field: 'sexo', message: `El sexo ${person.sexo} no es el que indica la CURP (${info.sex}).` });
  }
}

function checkSupport(values: readonly string[], mapping: ColumnMapping, problems: RowProblem[]) {
  const montoText = cell(values, mapping, 'monto').replace(/[$,\s]/g, '');
  let monto: number | null = null;
  if (montoText) {
    monto = Number(montoText);
    if (!Number.isFinite(monto)) {
      problems.push({ code: 'AMOUNT_INVALID', field: 'monto', message: `El monto «${cell(values, mapping, 'monto')}» no es un número.` });
      monto = null;
    } else if (monto < 0) problems.push({ code: 'AMOUNT_NEGATIVE', field: 'monto', message: `El monto ${montoText} es negativo; un apoyo no puede ser menor que 0.` });
  }
  const fecha = cell(values, mapping, 'fechaApoyo');
  const fechaApoyo = fecha ? readDate(fecha) : null;
  if (fecha && !fechaApoyo) problems.push({ code: 'DATE_INVALID', field: 'fechaApoyo', message: `La fecha del apoyo «${fecha}» no es una fecha real (usa AAAA-MM-DD o DD/MM/AAAA).` });
  return { monto, fechaApoyo };
}

function checkMunicipio(values: readonly string[], mapping: ColumnMapping, context: RowContext, problems: RowProblem[]): string | null {
  const mun = cell(values, mapping, 'cveMun');
  if (!mun) return null;
  const ent = cell(values, mapping, 'cveEnt') || context.entidadPorOmision || '';
  const clave = mun.length === 5 ? mun : `${ent.padStart(2, '0')}${mun.padStart(3, '0')}`;
  if (context.municipios.has(clave)) return clave;
  problems.push({ code: 'CVE_MUN_UNKNOWN', field: 'cveMun', message: `La clave de municipio ${clave} no está en el catálogo del INEGI.` });
  return null;
}

function requiredMissing(values: readonly string[], mapping: ColumnMapping, problems: RowProblem[]) {
  const labels: Array<[RegistryField, string]> = [['curp', 'la CURP'], ['primerApellido', 'el primer apellido'], ['nombres', 'el nombre']];
  for (const [field, label] of labels) if (!cell(values, mapping, field)) problems.push({ code: 'REQUIRED_MISSING', field, message: `Falta ${label}.` });
}

/** Checks one row (its cells by column index) with the file's mapping. */
export function checkRow(values: readonly string[], mapping: ColumnMapping, context: RowContext): RowCheck {
  const problems: RowProblem[] = [];
  requiredMissing(values, mapping, problems);
  const rawCurp = cell(values, mapping, 'curp');
  const curp = rawCurp ? checkCurp(values[mapping.curp!] ?? '', problems) : null;
  const person = checkPerson(values, mapping, problems);
  if (curp?.valid) checkAgainstCurp(curp.info, person, problems);
  const support = checkSupport(values, mapping, problems);
  const cveMun = checkMunicipio(values, mapping, context, problems);
  const optional = (field: RegistryField) => cell(values, mapping, field) || null;
  const row: RegistryRow = {
    curp: curp?.curp ?? normalizeCurp(rawCurp),
    nombres: cleanName(cell(values, mapping, 'nombres')),
    primerApellido: cleanName(cell(values, mapping, 'primerApellido')),
    segundoApellido: cleanName(cell(values, mapping, 'segundoApellido')) || null,
    ...person,
    sexo: person.sexo as RegistryRow['sexo'],
    cveMun,
    cveLoc: optional('cveLoc'),
    colonia: optional('colonia'),
    codigoPostal: optional('codigoPostal'),
    programa: optional('programa')?.toLowerCase() ?? null,
    programaNombre: optional('programaNombre'),
    ...support,
    folio: optional('folio'),
  };
  return { row, problems, accepted: problems.every((p) => p.warning) };
}

const samePerson = (a: RegistryRow, b: RegistryRow) => a.primerApellido === b.primerApellido && a.nombres === b.nombres && a.fechaNacimiento === b.fechaNacimiento;

/**
 * The problem of a row whose CURP already came in the file, at line `firstLine`. The same person
 * again (same names and birth date) is loaded and counted under DUPLICATE_IN_FILE: two supports of
 * one person. Another person with that CURP (a relative's, copied by mistake) is refused: loading
 * it would merge two people.
 */
export function duplicateProblem(first: RegistryRow, firstLine: number, row: RegistryRow): RowProblem {
  const same = samePerson(first, row);
  return {
    code: 'DUPLICATE_IN_FILE',
    field: 'curp',
    ...(same ? { warning: true as const } : {}),
    message: same
      ? `La misma persona (CURP ${row.curp}) ya viene en la fila ${firstLine}.`
      : `La CURP ${row.curp} ya viene en la fila ${firstLine} con otra persona (${first.nombres} ${first.primerApellido}); revisa cuál es la suya.`,
  };
}

/** Whether a CURP as read can identify a person (a malformed one cannot repeat meaningfully). */
export const isWellFormedCurp = (curp: string) => /^[A-Z0-9]{18}$/.test(curp);

/** Adds a duplicate's problem to a row's check, refusing the row unless it is a warning. */
export function withDuplicate(check: RowCheck, problem: RowProblem): RowCheck {
  check.problems.push(problem);
  check.accepted = check.problems.every((p) => p.warning);
  return check;
}

/**
 * Marks the later rows whose CURP already came in the file (in memory: the command-line preview;
 * the loading pipeline does the same in the database). `lineOf` turns an index into the line
 * number people see in the file.
 */
export function markDuplicates(checks: RowCheck[], lineOf: (index: number) => number = (i) => i + 1): RowCheck[] {
  const firstRow = new Map<string, number>();
  checks.forEach((check, i) => {
    if (!isWellFormedCurp(check.row.curp)) return;
    const first = firstRow.get(check.row.curp);
    if (first === undefined) return void firstRow.set(check.row.curp, i);
    withDuplicate(check, duplicateProblem(checks[first].row, lineOf(first), check.row));
  });
  return checks;
}

/** Counts by code, for the preview and the command line's `porCodigo`. */
export function countByCode(checks: readonly RowCheck[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const check of checks) for (const code of new Set(check.problems.map((p) => p.code))) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}
