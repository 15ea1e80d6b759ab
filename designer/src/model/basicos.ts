/** The designer's model basics: the definition as JSON, copying, ids from names, catalogs, and immutable edits. */
import type { Json } from '../../../runtime/web/src/api.ts';

export type Def = Json;

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** "Datos del adulto mayor" → "datos-del-adulto-mayor" (or with «_»). */
export function slug(text: string, sep: '-' | '_' = '-', max = 40): string {
  const s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, sep)
    .replace(new RegExp(`^\\${sep}+|\\${sep}+$`, 'g'), '')
    .slice(0, max)
    .replace(new RegExp(`\\${sep}+$`), '');
  return /^[a-z]/.test(s) ? s : `c${sep}${s || 'campo'}`;
}

export function unique(base: string, taken: Iterable<string>, sep = '_'): string {
  const set = new Set(taken);
  if (!set.has(base)) return base;
  for (let i = 2; ; i++) if (!set.has(`${base}${sep}${i}`)) return `${base}${sep}${i}`;
}

// ── CUIS blocks and catalogs ────────────────────────────────────────────────

export const CUIS_BLOCKS: Array<{ id: string; nombre: string; descripcion: string }> = [
  { id: 'domicilio', nombre: 'Domicilio', descripcion: 'Municipio, localidad, calle, número, código postal y ubicación.' },
  { id: 'hogar', nombre: 'Hogar', descripcion: 'Integrantes del hogar (grupo repetible): parentesco, edad, escolaridad, salud y trabajo.' },
  { id: 'vivienda', nombre: 'Vivienda', descripcion: 'Cuartos, piso, techo, muros y tenencia.' },
  { id: 'servicios', nombre: 'Servicios', descripcion: 'Agua, drenaje, electricidad y combustible.' },
  { id: 'alimentacion', nombre: 'Alimentación', descripcion: 'Preguntas de seguridad alimentaria.' },
  { id: 'ingreso', nombre: 'Ingreso', descripcion: 'Ingreso mensual del hogar y remesas.' },
];

export const ESTADOS: Array<{ const: string; title: string }> = [
  'Aguascalientes', 'Baja California', 'Baja California Sur', 'Campeche', 'Coahuila de Zaragoza', 'Colima', 'Chiapas', 'Chihuahua', 'Ciudad de México', 'Durango',
  'Guanajuato', 'Guerrero', 'Hidalgo', 'Jalisco', 'México', 'Michoacán de Ocampo', 'Morelos', 'Nayarit', 'Nuevo León', 'Oaxaca', 'Puebla', 'Querétaro', 'Quintana Roo',
  'San Luis Potosí', 'Sinaloa', 'Sonora', 'Tabasco', 'Tamaulipas', 'Tlaxcala', 'Veracruz de Ignacio de la Llave', 'Yucatán', 'Zacatecas',
].map((title, i) => ({ const: String(i + 1).padStart(2, '0'), title }));

/** Querétaro's municipios (clave INEGI and name), from the CUIS domicilio block. */
export function municipiosDe(fragments: Record<string, Json>): Array<{ const: string; title: string }> {
  const defs = (fragments['cuis.schema.json']?.$defs ?? {}) as Record<string, Json>;
  const m = (defs.domicilio?.properties as Record<string, Json> | undefined)?.municipio;
  return ((m?.oneOf as Array<{ const: string; title: string }>) ?? []).map((o) => ({ const: o.const, title: o.title }));
}

export function setIn(def: Def, keys: Array<string | number>, value: unknown): Def {
  const next = clone(def);
  let node = next as Record<string | number, unknown>;
  keys.slice(0, -1).forEach((k, i) => {
    // An array where the next key is an index (a repeated key must not fool this: look at position i + 1).
    if (node[k] === undefined || node[k] === null) node[k] = typeof keys[i + 1] === 'number' ? [] : {};
    node = node[k] as Record<string | number, unknown>;
  });
  const last = keys[keys.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return next;
}
