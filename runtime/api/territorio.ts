/** HTTP contract of the territory catalogs (runtime/server/modules/territorio). */

export const codigoPostalParams = {
  type: 'object',
  required: ['cp'],
  additionalProperties: false,
  properties: { cp: { type: 'string', pattern: '^[0-9]{5}$' } },
} as const;

export const municipioParams = {
  type: 'object',
  required: ['clave'],
  additionalProperties: false,
  properties: { clave: { type: 'string', pattern: '^[0-9]{5}$' } },
} as const;

/** What a person has typed of her colonia, and the localidad she chose, whose colonias are listed first. */
export const coloniasQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 80, default: '' },
    localidad: { type: 'string', pattern: '^[0-9]{9}$' },
  },
} as const;

export const catalogKindParams = {
  type: 'object',
  required: ['tipo'],
  additionalProperties: false,
  properties: { tipo: { type: 'string', enum: ['sepomex', 'localidades'] } },
} as const;

export const importParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', maxLength: 64 } },
} as const;

export interface LocalidadRef {
  clave: string;
  nombre: string;
  ambito: 'U' | 'R' | null;
}

/** A colonia (SEPOMEX asentamiento) of a postal code, with its municipio and, when known, its INEGI localidad. */
export interface ColoniaDelCodigo {
  clave: string;
  nombre: string;
  tipo: string;
  zona: string | null;
  municipio: { clave: string; nombre: string };
  localidad: LocalidadRef | null;
}

/**
 * A colonia of a municipio, typed ahead by a person who does not know her postal code: its postal codes
 * (SEPOMEX lists a colonia under each code it has) and, when known, its INEGI localidad.
 */
export interface ColoniaDelMunicipio {
  clave: string;
  nombre: string;
  tipo: string;
  zona: string | null;
  codigosPostales: string[];
  localidad: LocalidadRef | null;
}

export interface CodigoPostal {
  codigoPostal: string;
  colonias: ColoniaDelCodigo[];
}

/** A localidad drawn on a municipio's map: where it is, and how many live there (Censo 2020). */
export interface LocalidadEnMapa {
  clave: string;
  nombre: string;
  latitud: number;
  longitud: number;
  poblacion: number | null;
}

/**
 * What the address control draws for a citizen to mark her home: the municipio's outline (INEGI's
 * GeoJSON geometry, coordinates to 5 decimals, about a metre) and its localidades with a point, the
 * most populated first.
 */
export interface MapaMunicipio {
  clave: string;
  nombre: string;
  contorno: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
  localidades: LocalidadEnMapa[];
}

export interface RejectedCatalogRow {
  fila: number;
  codigo: string;
  detalle: string;
}

/** One import of a catalog: what it would add, change and remove, and whether it is in force. */
export interface CatalogImport {
  id: string;
  tipo: 'sepomex' | 'localidades';
  archivo: string;
  codificacion: string;
  filas: number;
  rechazadas: number;
  agregadas: number;
  cambiadas: number;
  quitadas: number;
  estado: 'por_aplicar' | 'vigente' | 'reemplazada' | 'descartada';
  importadaPor: string;
  creadaAt: string;
  aplicadaAt: string | null;
  resumen: { ejemplos: { agregadas: string[]; cambiadas: string[]; quitadas: string[] }; rechazosPorCodigo: Record<string, number>; primerosRechazos: RejectedCatalogRow[] };
}

/** A run of «limpieza de ubicaciones»: its progress and what was proposed and decided. */
export interface CleaningRun {
  id: string;
  estado: 'corriendo' | 'lista' | 'fallida';
  /** People with a colonia written and no clave when the run started. */
  total: number;
  revisadas: number;
  propuestas: number;
  sinResolver: number;
  aceptadas: number;
  rechazadas: number;
  /** Accepted, but the person's colonia had changed meanwhile: not applied. */
  caducadas: number;
  error: string | null;
  iniciadaAt: string;
  terminadaAt: string | null;
}

export interface CleaningProposal {
  id: number;
  texto: string;
  cveMun: string | null;
  codigoPostal: string | null;
  clave: string | null;
  nombre: string | null;
  cveMunPropuesto: string | null;
  /** Names of the municipios written and proposed (INEGI). */
  municipioEscrito: string;
  municipioPropuesto: string;
  /**
   * exacto, parecido, municipio_vecino, otro_municipio; or why none: ambiguo, sin_parecido, sin_texto; or
   * punto_fuera_del_municipio (the person's point lies in another municipio: for a person to correct, never applied).
   */
  motivo: string;
  estado: 'pendiente' | 'sin_resolver' | 'aceptada' | 'rechazada' | 'caducada';
}

export const cleaningRunParams = importParams;

export const proposalsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    estado: { type: 'string', enum: ['pendiente', 'sin_resolver', 'aceptada', 'rechazada', 'caducada'], default: 'pendiente' },
    pagina: { type: 'integer', minimum: 1, maximum: 100_000, default: 1 },
  },
} as const;

export const decisionBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    aceptar: { type: 'array', maxItems: 10_000, items: { type: 'integer', minimum: 1 } },
    rechazar: { type: 'array', maxItems: 10_000, items: { type: 'integer', minimum: 1 } },
    todas: { type: 'boolean' },
  },
} as const;
