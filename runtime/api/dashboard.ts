/** HTTP contract of the officials' dashboard (runtime/server/modules/dashboard). */

export const dashboardQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { programa: { type: 'string', pattern: '^$|^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 } },
} as const;

/** Applications of the official's scope by program, status and municipio (beneficiaries: delivered). */
export interface Tablero {
  porPrograma: Array<{ programa: string; nombre: string; total: number }>;
  porEstado: Array<{ estado: string; total: number }>;
  porMunicipio: Array<{ municipio: string; nombre: string; solicitudes: number; beneficiarios: number }>;
  /** The Padrón Estatal for these programs: people (each counted once) and the supports they received. */
  padron: { personas: number; apoyos: number };
}

/** Coverage filters: a program of the state's catalog (SIPROS's or another agency's) and a period of supports. */
export const coberturaQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    programa: { type: 'string', pattern: '^$|^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
    desde: { type: 'string', pattern: '^$|^\\d{4}-\\d{2}-\\d{2}$' },
    hasta: { type: 'string', pattern: '^$|^\\d{4}-\\d{2}-\\d{2}$' },
    /** Download the level as a file instead of reading it: its table (CSV), its map (GeoJSON), or a municipio's colonias (CSV). */
    formato: { type: 'string', enum: ['', 'csv', 'geojson', 'colonias-csv'] },
  },
} as const;

export const coberturaMunicipioParams = {
  type: 'object',
  additionalProperties: false,
  required: ['clave'],
  properties: { clave: { type: 'string', pattern: '^\\d{5}$' } },
} as const;

export const coberturaLocalidadParams = {
  type: 'object',
  additionalProperties: false,
  required: ['cvegeo'],
  properties: { cvegeo: { type: 'string', pattern: '^\\d{9}$' } },
} as const;

/** People in the padrón (each counted once) and their supports, with both per 1,000 inhabitants (Censo 2020). */
export interface Conteo {
  personas: number;
  apoyos: number;
  /** Censo 2020 population; null when the catalog does not have it. */
  poblacion: number | null;
  personasPorMil: number | null;
  apoyosPorMil: number | null;
}

export interface CoberturaMunicipio extends Conteo {
  clave: string;
  nombre: string;
}

export interface CoberturaLocalidad extends Conteo {
  /** INEGI clave geoestadística: entidad (2) + municipio (3) + localidad (4). */
  cvegeo: string;
  nombre: string;
  ambito: 'urbano' | 'rural' | null;
  latitud: number | null;
  longitud: number | null;
}

/** A colonia as people's addresses name it: the catalog's name once cleaned (with its clave), or as written. */
export interface CoberturaColonia {
  clave: string | null;
  nombre: string;
  codigoPostal: string | null;
  personas: number;
  apoyos: number;
}

export interface FiltroCobertura {
  programa: string | null;
  desde: string | null;
  hasta: string | null;
}

/** The state's level: every municipio, the programs the official may choose from, and the filter applied. */
export interface CoberturaEstado {
  filtro: FiltroCobertura;
  programas: Array<{ clave: string; nombre: string; dependencia: string }>;
  total: Conteo;
  municipios: CoberturaMunicipio[];
}

/** A municipio's level: its localidades (the catalog's, with zeros), the people whose localidad the catalog lacks, and its colonias. */
export interface CoberturaDeMunicipio {
  filtro: FiltroCobertura;
  municipio: CoberturaMunicipio;
  localidades: CoberturaLocalidad[];
  /** People of the municipio with no localidad or one the catalog does not list (smaller than its 1,000-inhabitant cut, or mistyped). */
  otrasLocalidades: { personas: number; apoyos: number };
  colonias: CoberturaColonia[];
}

/** A localidad's level: its figures and its colonias. */
export interface CoberturaDeLocalidad {
  filtro: FiltroCobertura;
  municipio: { clave: string; nombre: string };
  localidad: CoberturaLocalidad;
  colonias: CoberturaColonia[];
}
