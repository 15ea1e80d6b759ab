import type { LoadedProgram } from '../../../../engine/index.ts';
import { schemaAtDataPath } from '../../../../engine/forms/schema-paths.ts';
import { AppError } from '../../errors.ts';

// What an official may flag when asking for a correction: every question of the form, and every
// row of a roster the application answered (one household member). The citizen may then change
// only what was flagged (correction.ts).

/** Fields an official may flag for correction: every control of the form, named by its section and question. */
export function flaggableFields(program: LoadedProgram): Array<{ ruta: string; etiqueta: string }> {
  const schema = program.definition.form.schema as Record<string, unknown>;
  const title = (path: string) => {
    const t = schemaAtDataPath(schema, path)?.title;
    return typeof t === 'string' ? t : undefined;
  };
  const paths = [...new Set(program.compiled.form.steps.flat())].filter((p) => p !== '');
  return paths.map((ruta) => {
    const parent = ruta.includes('.') ? title(ruta.slice(0, ruta.lastIndexOf('.'))) : undefined;
    const own = title(ruta) ?? ruta;
    return { ruta, etiqueta: parent ? `${parent} › ${own}` : own };
  });
}

/** A person's name in a roster row, if the row has name fields (nombre, apellidos). */
function memberName(row: unknown): string {
  if (!row || typeof row !== 'object') return '';
  const r = row as Record<string, unknown>;
  return ['nombre', 'nombres', 'primer_apellido', 'segundo_apellido'].map((k) => r[k]).filter((v): v is string => typeof v === 'string' && v.trim() !== '').join(' ');
}

/**
 * Each row of each roster the application answered (household members, …) as something an official
 * may flag as a whole: «Integrante del hogar 2 (ROSA PÉREZ)». The name only for officials who see
 * personal data. Flagging a row lets the citizen change that member's answers and no other.
 */
export function flaggableRows(program: LoadedProgram, answers: Record<string, unknown>, personal: boolean): Array<{ ruta: string; etiqueta: string }> {
  const schema = program.definition.form.schema as Record<string, unknown>;
  const out: Array<{ ruta: string; etiqueta: string }> = [];
  for (const { ruta, etiqueta } of flaggableFields(program)) {
    const field = schemaAtDataPath(schema, ruta);
    if (field?.type !== 'array') continue;
    let rows: unknown = answers;
    for (const key of ruta.split('.')) rows = rows !== null && typeof rows === 'object' ? (rows as Record<string, unknown>)[key] : undefined;
    if (!Array.isArray(rows)) continue;
    const items = schemaAtDataPath(schema, `${ruta}.0`);
    const itemTitle = typeof items?.title === 'string' ? items.title : 'Elemento';
    rows.forEach((row, i) => {
      const name = personal ? memberName(row) : '';
      out.push({ ruta: `${ruta}.${i}`, etiqueta: `${etiqueta} › ${itemTitle} ${i + 1}${name ? ` (${name})` : ''}` });
    });
  }
  return out;
}

/** Refuses flags that name no field of the form nor a row the application has (FIELD_UNKNOWN). */
export function assertFlaggable(program: LoadedProgram, answers: Record<string, unknown>, campos: readonly string[]): void {
  const known = new Set([...flaggableFields(program), ...flaggableRows(program, answers, false)].map((c) => c.ruta));
  const unknown = campos.filter((c) => !known.has(c));
  if (unknown.length > 0) throw new AppError('FIELD_UNKNOWN', `No existe en esta solicitud: ${unknown.join(', ')}. Marca datos de la lista.`, { campos: unknown });
}

