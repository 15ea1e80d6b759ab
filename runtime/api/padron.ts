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
  /** Accepted rows the matcher found already in the registry (their person gets the support)… */
  yaEnPadron: number;
  /** …and those it could not decide: each becomes a new person and a pair in «Posibles duplicados». */
  porRevisar: number;
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

// ── Identity resolution: «Posibles duplicados» (role padron-revisor) ──────────────────────────────

const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
export const uuidParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string', pattern: UUID } } } as const;

export const duplicatesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    estado: { type: 'string', enum: ['pendiente', 'misma', 'distintas'] },
    origen: { type: 'string', maxLength: 80 },
    programa: { type: 'string', maxLength: 80 },
    municipio: { type: 'string', pattern: '^\\d{5}$' },
  },
} as const;
export type FiltroDuplicados = FromSchema<typeof duplicatesQuery>;

/** One side of a pair: who the registry holds, with every CURP and how many supports. */
export interface PersonaDelPadron {
  id: string;
  curps: string[];
  nombres: string;
  primerApellido: string;
  segundoApellido: string | null;
  fechaNacimiento: string | null;
  sexo: string | null;
  cveMun: string | null;
  /** The municipio's INEGI name. */
  municipio: string | null;
  origen: string;
  apoyos: number;
  programas: string[];
}

/** Why the matcher scored a pair as it did: one line per field, with its weight. */
export interface RazonEmparejamiento {
  campo: string;
  nivel: string;
  etiqueta: string;
  peso: number;
}

export interface PosibleDuplicado {
  id: string;
  puntaje: number;
  /** Why the pair needs a person rather than the matcher deciding. */
  motivo: string | null;
  razones: RazonEmparejamiento[];
  /** «lote:<id>» for a loaded roll. */
  origen: string;
  /** A readable name for the origin («Carga de DIF Estatal: archivo.csv»). */
  origenNombre: string;
  programa: string | null;
  cveMun: string | null;
  estado: 'pendiente' | 'misma' | 'distintas';
  creadoAt: string;
  a: PersonaDelPadron;
  b: PersonaDelPadron;
}

/** A search of the whole registry against itself, and how far it got. */
export interface BusquedaDuplicados {
  id: string;
  estado: 'buscando' | 'terminada' | 'fallida';
  personas: number;
  revisadas: number;
  propuestas: number;
  error: string | null;
  iniciadaAt: string;
  terminadaAt: string | null;
}

export interface ListaDuplicados {
  pares: PosibleDuplicado[];
  total: number;
  /** The latest search of the whole registry (null before the first). */
  busqueda: BusquedaDuplicados | null;
  /** What the filters may offer: the origins, programs and municipios of the pending pairs. */
  opciones: { origenes: Array<{ id: string; nombre: string }>; programas: Array<{ clave: string; nombre: string }>; municipios: Array<{ clave: string; nombre: string }> };
}

export interface Fusion {
  id: string;
  /** The person absorbed, and the CURPs that came with them. */
  absorbida: string;
  curps: string[];
  hechaAt: string;
}

/** A person's record in the registry: every CURP, every support, and the merges it carries (each can be split). */
export interface ExpedientePersona {
  persona: PersonaDelPadron;
  apoyos: ApoyoEnPadron[];
  fusiones: Fusion[];
}

export interface ResultadoFusion {
  fusion: string;
  /** The person who stays, with the CURPs of both. */
  persona: PersonaDelPadron;
}
