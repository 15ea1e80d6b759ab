/** HTTP contract of the Padrón Estatal (runtime/server/modules/padron): catalog, bulk loading, confronta, history. */
import type { FromSchema } from 'json-schema-to-ts';

const clave = { type: 'string', minLength: 2, maxLength: 60, pattern: '^[a-z0-9][a-z0-9-]*$' } as const;

/** A program of another agency added to the state's catalog. */
export const catalogProgramBody = {
  type: 'object',
  required: ['clave', 'nombre', 'dependencia', 'tipo'],
  additionalProperties: false,
  properties: {
    clave,
    nombre: { type: 'string', minLength: 3, maxLength: 160 },
    dependencia: clave,
    tipo: { type: 'string', enum: ['economico', 'especie', 'servicio'] },
    clavePub: { type: ['string', 'null'], maxLength: 40 },
  },
} as const;
export type NuevoProgramaCatalogo = FromSchema<typeof catalogProgramBody>;

export interface ProgramaDelCatalogo {
  clave: string;
  nombre: string;
  dependencia: string;
  tipo: string;
  clavePub: string | null;
  sipros: boolean;
}

/** Which program of the catalog a roll belongs to (the agency is the program's). */
export const uploadQuery = { type: 'object', required: ['programa'], additionalProperties: false, properties: { programa: clave } } as const;

/** Registry field → column index of the file (from the header row). */
export const mappingBody = {
  type: 'object',
  required: ['mapeo'],
  additionalProperties: false,
  properties: { mapeo: { type: 'object', additionalProperties: { type: 'integer', minimum: 0, maximum: 500 }, maxProperties: 40 } },
} as const;
export type MapeoDeColumnas = FromSchema<typeof mappingBody>;

export const rejectedQuery = { type: 'object', additionalProperties: false, properties: { formato: { type: 'string', enum: ['csv', 'xlsx'], default: 'csv' } } } as const;

export interface FilaDeMuestra {
  fila: number;
  valores: string[];
  problemas: Array<{ code: string; message: string; warning?: boolean }>;
}

/** A batch as the loading screen shows it: where it stands, its progress and its counts. */
export interface Lote {
  id: string;
  dependencia: string;
  programa: string;
  programaNombre: string;
  archivo: string;
  tamano: number;
  formato: string;
  codificacion: string | null;
  separador: string | null;
  encabezados: string[];
  mapeo: Record<string, number>;
  estado: string;
  estadoNombre: string;
  trabajando: boolean;
  /** What may be done with it now (the server decides; the screen shows only these). */
  acciones: { mapear: boolean; cargar: boolean; cancelar: boolean; deshacer: boolean };
  filas: number;
  aceptadas: number;
  rechazadas: number;
  porCodigo: Record<string, number>;
  /** Rows read (review) or loaded (commit) so far, the rate and the time left, while it works. */
  progreso: { hechas: number; total: number | null; filasPorSegundo: number | null; segundosRestantes: number | null };
  error: string | null;
  creadoAt: string;
  terminadoAt: string | null;
  /** While its columns are being assigned: the file's first rows as they are… */
  muestra: string[][] | null;
  /** …and whether the mapping is the one the agency used last time for this program. */
  mapeoRecordado: boolean | null;
}

export interface VistaPrevia {
  rechazadas: FilaDeMuestra[];
  aceptadas: FilaDeMuestra[];
}

export const confrontaQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    desde: { type: 'string', format: 'date' },
    hasta: { type: 'string', format: 'date' },
    municipio: { type: 'string', pattern: '^[0-9]{5}$' },
  },
} as const;
export type FiltroConfronta = FromSchema<typeof confrontaQuery>;

export const crossingQuery = {
  type: 'object',
  required: ['a', 'b'],
  additionalProperties: false,
  properties: { ...confrontaQuery.properties, a: clave, b: clave, pagina: { type: 'integer', minimum: 1, default: 1 } },
} as const;

export const manySupportsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { ...confrontaQuery.properties, masDe: { type: 'integer', minimum: 1, maximum: 100, default: 2 } },
} as const;

export interface Confronta {
  programas: Array<{ clave: string; nombre: string; dependencia: string; personas: number }>;
  pares: Array<{ a: string; b: string; personas: number }>;
}

export interface PersonaCruzada {
  curp: string;
  nombre: string;
  municipio: string | null;
  municipioNombre: string | null;
  apoyos: number;
}

/** Which supports an export lists (a liaison's are always their own agency's). */
export const exportQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { programa: clave, desde: { type: 'string', format: 'date' }, hasta: { type: 'string', format: 'date' } },
} as const;

export const curpParams = { type: 'object', required: ['curp'], additionalProperties: false, properties: { curp: { type: 'string', pattern: '^[A-Z0-9]{18}$' } } } as const;

/** One support in a person's history across programs and agencies. */
export interface ApoyoEnPadron {
  programa: string;
  programaNombre: string;
  dependencia: string;
  tipo: string;
  monto: number | null;
  fecha: string | null;
  municipio: string | null;
  origen: 'sipros' | 'carga';
  folio: string | null;
}
