/**
 * The two territory catalogs as their publishers distribute them, read into rows with claves:
 * - SEPOMEX's postal-code catalog (Correos de México, «CPdescarga.txt»): a line of terms of use, then
 *   pipe-separated columns, latin-1 (also read in UTF-8 when re-saved so);
 * - INEGI's catalog of localidades (AGEEML, CSV; its column names in capitals as INEGI publishes them,
 *   or in lower case as other copies have them).
 * A file of another kind (an Excel, a PDF, the other catalog) is refused with what was expected; a row
 * with a bad clave is set aside with its code, never guessed.
 */
import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../errors.ts';

export type CatalogKind = 'sepomex' | 'localidades';

/** A colonia (asentamiento) of a postal code. `clave`: entidad, municipio and SEPOMEX's number of it in the municipio (9 digits). */
export interface Asentamiento {
  codigoPostal: string;
  clave: string;
  nombre: string;
  tipo: string;
  cveMun: string;
  ciudad: string | null;
  zona: string | null;
}

/** An INEGI localidad. `cvegeo`: entidad, municipio, localidad (9 digits). */
export interface Localidad {
  cvegeo: string;
  cveMun: string;
  nombre: string;
  ambito: 'U' | 'R' | null;
  latitud: number | null;
  longitud: number | null;
  poblacion: number | null;
}

export interface RejectedRow {
  fila: number;
  codigo: string;
  detalle: string;
}

export interface CatalogFile<T> {
  encoding: 'UTF-8' | 'Windows-1252';
  rows: T[];
  rejected: RejectedRow[];
}

/** Larger than the national SEPOMEX catalog (~20 MB) and INEGI's localidades (~60 MB) with room to spare. */
export const MAX_CATALOG_BYTES = 200 * 1024 * 1024;

const SEPOMEX_COLUMNS = ['d_codigo', 'd_asenta', 'd_tipo_asenta', 'D_mnpio', 'd_estado', 'd_ciudad', 'd_CP', 'c_estado', 'c_oficina', 'c_CP', 'c_tipo_asenta', 'c_mnpio', 'id_asenta_cpcons', 'd_zona', 'c_cve_ciudad'];

const invalid = (message: string) => new AppError('CATALOG_FILE_INVALID', message);

/** Text in its encoding: UTF-8 when the bytes are valid UTF-8, otherwise latin-1 as published (Windows-1252 reads it too). */
function decode(bytes: Buffer): { text: string; encoding: CatalogFile<unknown>['encoding'] } {
  if (bytes.length === 0) throw invalid('El archivo está vacío.');
  if (bytes.length > MAX_CATALOG_BYTES) throw invalid(`El archivo pasa de ${MAX_CATALOG_BYTES / 1024 / 1024} MB; no es un catálogo de los que se importan aquí.`);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) throw invalid('El archivo es un Excel o un ZIP: descomprímelo o descarga el catálogo en formato de texto (.txt o .csv).');
  if (bytes.subarray(0, 64 * 1024).includes(0)) throw invalid('El archivo no es de texto (¿un PDF, una imagen o un Excel antiguo?): descarga el catálogo en formato de texto.');
  const utf8 = isUtf8(bytes);
  const text = new TextDecoder(utf8 ? 'utf-8' : 'windows-1252').decode(bytes).replace(/^\uFEFF/, '');
  return { text, encoding: utf8 ? 'UTF-8' : 'Windows-1252' };
}

const digits = (value: string, width: number) => (/^\d+$/.test(value) && value.length <= width ? value.padStart(width, '0') : null);
const clean = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

/** SEPOMEX's catalog: the header line (after the terms-of-use line) names the columns; each row one asentamiento. */
export function readSepomex(bytes: Buffer): CatalogFile<Asentamiento> {
  const { text, encoding } = decode(bytes);
  const lines = text.split(/\r?\n/);
  const headerAt = lines.slice(0, 5).findIndex((line) => line.toLowerCase().startsWith('d_codigo|'));
  if (headerAt < 0) {
    throw invalid(`No es el catálogo de códigos postales de SEPOMEX: no se encontró la línea de columnas «${SEPOMEX_COLUMNS.slice(0, 4).join('|')}|…» al principio. Descárgalo de Correos de México en formato TXT.`);
  }
  const header = lines[headerAt].split('|').map((c) => c.trim().toLowerCase());
  const at = Object.fromEntries(SEPOMEX_COLUMNS.map((c) => [c, header.indexOf(c.toLowerCase())]));
  const missing = SEPOMEX_COLUMNS.filter((c) => at[c] < 0 && ['d_codigo', 'd_asenta', 'c_estado', 'c_mnpio', 'id_asenta_cpcons'].includes(c));
  if (missing.length > 0) throw invalid(`Al catálogo de SEPOMEX le faltan columnas: ${missing.join(', ')}.`);
  const rows: Asentamiento[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const fila = i + 1;
    const cells = lines[i].split('|');
    const cell = (name: string) => clean(cells[at[name]]);
    const codigoPostal = /^\d{5}$/.test(cell('d_codigo')) ? cell('d_codigo') : null;
    const entidad = digits(cell('c_estado'), 2);
    const municipio = digits(cell('c_mnpio'), 3);
    const numero = digits(cell('id_asenta_cpcons'), 4);
    const nombre = cell('d_asenta');
    if (cells.length < header.length) rejected.push({ fila, codigo: 'COLUMNAS_INCOMPLETAS', detalle: `trae ${cells.length} columnas de ${header.length}` });
    else if (!codigoPostal || codigoPostal === '00000') rejected.push({ fila, codigo: 'CP_INVALIDO', detalle: `«${cell('d_codigo')}» no es un código postal de 5 dígitos` });
    else if (!entidad || !municipio || !numero) rejected.push({ fila, codigo: 'CLAVE_INVALIDA', detalle: `entidad «${cell('c_estado')}», municipio «${cell('c_mnpio')}», asentamiento «${cell('id_asenta_cpcons')}»` });
    else if (nombre === '') rejected.push({ fila, codigo: 'NOMBRE_VACIO', detalle: 'el asentamiento no tiene nombre' });
    else {
      const clave = entidad + municipio + numero;
      if (seen.has(`${codigoPostal}/${clave}`)) {
        rejected.push({ fila, codigo: 'REPETIDA', detalle: `el asentamiento ${clave} ya venía con el código ${codigoPostal}` });
        continue;
      }
      seen.add(`${codigoPostal}/${clave}`);
      rows.push({ codigoPostal, clave, nombre, tipo: cell('d_tipo_asenta'), cveMun: entidad + municipio, ciudad: cell('d_ciudad') || null, zona: cell('d_zona') || null });
    }
  }
  if (rows.length === 0) throw invalid('El catálogo de SEPOMEX no trae ningún asentamiento válido.');
  return { encoding, rows, rejected };
}

/** Each column of INEGI's catalog of localidades by the names it goes by. */
const LOCALIDAD_COLUMNS = {
  entidad: ['cve_ent', 'cve_entidad'],
  municipio: ['cve_mun', 'cve_municipio'],
  localidad: ['cve_loc', 'cve_localidad'],
  nombre: ['nom_loc', 'nom_localidad'],
  ambito: ['ambito'],
  latitud: ['lat_decimal', 'latitud'],
  longitud: ['lon_decimal', 'longitud'],
  poblacion: ['pob_total', 'poblacion_total'],
} as const;

const number = (value: string) => (value !== '' && Number.isFinite(Number(value)) ? Number(value) : null);

/** INEGI's catalog of localidades (CSV): one row per localidad, its claves, name, ámbito, point and population. */
export function readLocalidades(bytes: Buffer): CatalogFile<Localidad> {
  const { text, encoding } = decode(bytes);
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true, relax_quotes: true }) as string[][];
  } catch (error) {
    throw invalid(`El catálogo de localidades no es un CSV válido: ${(error as Error).message}`);
  }
  const header = (records[0] ?? []).map((c) => c.toLowerCase());
  const at = Object.fromEntries(Object.entries(LOCALIDAD_COLUMNS).map(([field, names]) => [field, names.map((n) => header.indexOf(n)).find((i) => i >= 0) ?? -1])) as Record<keyof typeof LOCALIDAD_COLUMNS, number>;
  const missing = (['entidad', 'municipio', 'localidad', 'nombre'] as const).filter((f) => at[f] < 0);
  if (missing.length > 0) {
    throw invalid(`No es el catálogo de localidades de INEGI: faltan las columnas ${missing.map((f) => LOCALIDAD_COLUMNS[f][0].toUpperCase()).join(', ')} (se esperan CVE_ENT, CVE_MUN, CVE_LOC, NOM_LOC, AMBITO, LAT_DECIMAL, LON_DECIMAL, POB_TOTAL).`);
  }
  const rows: Localidad[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  records.slice(1).forEach((cells, i) => {
    const fila = i + 2;
    const cell = (field: keyof typeof LOCALIDAD_COLUMNS) => (at[field] >= 0 ? clean(cells[at[field]]) : '');
    const entidad = digits(cell('entidad'), 2);
    const municipio = digits(cell('municipio'), 3);
    const localidad = digits(cell('localidad'), 4);
    const nombre = cell('nombre');
    const ambito = cell('ambito').toUpperCase();
    if (!entidad || !municipio || !localidad) return rejected.push({ fila, codigo: 'CLAVE_INVALIDA', detalle: `entidad «${cell('entidad')}», municipio «${cell('municipio')}», localidad «${cell('localidad')}»` });
    if (nombre === '') return rejected.push({ fila, codigo: 'NOMBRE_VACIO', detalle: 'la localidad no tiene nombre' });
    const cvegeo = entidad + municipio + localidad;
    if (seen.has(cvegeo)) return rejected.push({ fila, codigo: 'REPETIDA', detalle: `la localidad ${cvegeo} ya venía antes` });
    seen.add(cvegeo);
    const latitud = number(cell('latitud'));
    const longitud = number(cell('longitud'));
    const point = latitud !== null && longitud !== null && Math.abs(latitud) <= 90 && Math.abs(longitud) <= 180;
    const poblacion = number(cell('poblacion'));
    rows.push({ cvegeo, cveMun: entidad + municipio, nombre, ambito: ambito === 'U' || ambito === 'R' ? ambito : null, latitud: point ? latitud : null, longitud: point ? longitud : null, poblacion: poblacion !== null && poblacion >= 0 ? Math.round(poblacion) : null });
  });
  if (rows.length === 0) throw invalid('El catálogo de localidades no trae ninguna localidad válida.');
  return { encoding, rows, rejected };
}
