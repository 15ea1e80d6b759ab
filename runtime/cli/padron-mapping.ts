/** The column mapping an operator gives the padrón commands (`--mapeo archivo.json`). */
import { readFile } from 'node:fs/promises';
import { REGISTRY_FIELDS, type ColumnMapping, type RegistryField } from '../../engine/padron/index.ts';
import { AppError } from '../server/errors.ts';

/** A mapping file: `{"curp": "NB_CURP", "nombres": 3, …}`, by header name or column number (from 0). */
export async function readMappingFile(path: string, headers: string[]): Promise<ColumnMapping> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', `No se pudo leer el mapeo «${path}» como JSON: ${(error as Error).message}`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new AppError('VALIDATION_FAILED', `El mapeo «${path}» debe ser un objeto {"campo": "encabezado"}.`);
  const mapping: ColumnMapping = {};
  const known = new Set<string>(REGISTRY_FIELDS.map((f) => f.id));
  for (const [field, column] of Object.entries(json)) {
    if (!known.has(field)) throw new AppError('VALIDATION_FAILED', `El mapeo nombra el campo «${field}», que no existe; los campos son: ${[...known].join(', ')}.`);
    const index = typeof column === 'number' ? column : headers.indexOf(String(column));
    if (index < 0 || index >= headers.length) throw new AppError('VALIDATION_FAILED', `El archivo no tiene la columna «${String(column)}» (campo ${field}); sus encabezados son: ${headers.join(' | ')}.`);
    mapping[field as RegistryField] = index;
  }
  return mapping;
}
