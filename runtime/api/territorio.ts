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

export interface CodigoPostal {
  codigoPostal: string;
  colonias: ColoniaDelCodigo[];
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
