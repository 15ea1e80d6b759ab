/**
 * HTTP contract of the officials' work queue (runtime/server/modules/queue): filters, pages, Ver
 * Solicitud, bulk decisions and saved filters. Empty query-string values ("?programa=") are
 * accepted and mean "no filter", as a form with blank fields sends them.
 */
import type { FromSchema } from 'json-schema-to-ts';
import type { Json } from './common.ts';
import type { Formulario } from './programs.ts';
import type { ApoyoEnPadron } from './padron.ts';

/** The queue's orders: newest first, oldest first, by folio, by surname. */
export const ORDERS = ['fecha_desc', 'fecha_asc', 'folio', 'nombre'] as const;
export type Orden = (typeof ORDERS)[number];
export const filterProperties = {
  programa: { type: 'string', pattern: '^$|^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 },
  proceso: { type: 'string', pattern: '^$|^[a-z][a-z0-9_]*$', maxLength: 64 },
  estado: { type: 'string', maxLength: 40 },
  q: { type: 'string', maxLength: 120 },
  orden: { type: 'string', enum: ['', ...ORDERS] },
} as const;

export const filtersQuery = { type: 'object', additionalProperties: false, properties: filterProperties } as const;

export const queueQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...filterProperties,
    despues: { type: 'string', maxLength: 800, pattern: '^[A-Za-z0-9_-]*$' },
    limite: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
  },
} as const;

export const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } as const;

export const bulkBody = {
  type: 'object',
  required: ['ids', 'evento'],
  additionalProperties: false,
  properties: {
    ids: { type: 'array', minItems: 1, maxItems: 100, uniqueItems: true, items: { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' } },
    evento: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$', maxLength: 40 },
    comentario: { type: 'string', maxLength: 2000 },
  },
} as const;

export const savedFilterBody = {
  type: 'object',
  required: ['nombre', 'filtros'],
  additionalProperties: false,
  properties: {
    nombre: { type: 'string', minLength: 1, maxLength: 80 },
    filtros: filtersQuery,
  },
} as const;

/** The queue's filters; also what a saved filter stores and what the report links carry. */
export type Filtros = FromSchema<typeof filtersQuery>;
export type PaginaQuery = FromSchema<typeof queueQuery>;
export type Lote = FromSchema<typeof bulkBody>;
export type NuevoFiltro = FromSchema<typeof savedFilterBody>;

/** One result per application of a bulk decision, each applied on its own. */
export interface ResultadosLote {
  resultados: ResultadoLote[];
}

export interface EstadoFlujo {
  id: string;
  etiqueta: string;
  estado: string;
}

export interface ProgramaFuncionario {
  id: string;
  nombre: string;
  area: string;
  estados: EstadoFlujo[];
  eventos: Array<{ id: string; etiqueta: string }>;
  /** Whether this official sees the personal data of this program's applications (and may search them by name or CURP). */
  datosPersonales: boolean;
}

export interface FilaSolicitud {
  id: string;
  numero: number | string;
  curp: string;
  nombre: string;
  primerApellido: string;
  segundoApellido: string | null;
  fechaSolicitud: string;
  folio: string;
  programa: string;
  programaNombre: string;
  proceso: string | null;
  procesoEtiqueta: string | null;
  tipoApoyo: string | null;
  /** The support type's id (the name is in `tipoApoyo`). */
  tipoApoyoId: string | null;
  /** Supports the applicant has in the Padrón Estatal (any program or agency); null when they are not in it. */
  padron: number | null;
  estado: string;
  municipio: string | null;
  /** The event by which this official may approve the application now (the server decides), or null. */
  aprobar: string | null;
}

export interface PaginaSolicitudes {
  filas: FilaSolicitud[];
  siguiente: string | null;
  total: number | null;
}

export interface Accion {
  evento: string;
  etiqueta: string;
  requiereComentario: boolean;
  permiteMarcas: boolean;
  /** The look of the status the action leads to (the server reads it from the workflow). */
  tono: 'info' | 'warning' | 'success' | 'error' | 'primary';
}

export interface DocumentoSolicitud {
  id: string;
  tipo: string;
  etiqueta: string;
  nombre: string;
  tipoMedio: string;
  tamano: number;
  url: string;
}

export interface MovimientoHistorial {
  estado: string;
  fecha: string;
  comentario: string | null;
  evento: string | null;
  actor: string | null;
  enVentanilla: boolean;
  /** Where an official captured it on the person's behalf: at the counter or in the field (a brigade); null when the person did. */
  capturadaEn: 'ventanilla' | 'campo' | null;
}

export interface MotivoElegibilidad {
  ruleId?: string;
  code?: string;
  message?: string;
}

export interface SolicitudFuncionario {
  id: string;
  folio: string;
  programa: string;
  programaNombre: string;
  version: number;
  estado: string;
  proceso: string | null;
  procesoEtiqueta: string | null;
  fechaSolicitud: string;
  tipoApoyo?: string | null;
  ciudadano: { curp: string; nombre: string; primerApellido: string; segundoApellido: string | null; telefono: string | null; correo: string | null };
  respuestas: Json;
  formulario: Formulario;
  documentos: DocumentoSolicitud[];
  elegibilidad: { eligible: boolean; reasons: Array<MotivoElegibilidad | string>; score: number } | null;
  historial: MovimientoHistorial[];
  acciones: Accion[];
  correccion: { campos: string[]; documentos: string[]; comentario: string | null } | null;
  entrega: { fecha: string; funcionario: string; latitud: number | null; longitud: number | null } | null;
  campos: Array<{ ruta: string; etiqueta: string }>;
  /** «También recibe»: the applicant's supports in the Padrón Estatal from other programs (only with personal data). */
  tambienRecibe: ApoyoEnPadron[];
  /**
   * The applicant may already be in the Padrón Estatal under another CURP (identity resolution): who,
   * with which CURPs, and how sure the matcher is. Only with personal data; never blocks the application.
   */
  enPadronConOtraCurp: { nombre: string; curps: string[]; puntaje: number; decision: 'misma' | 'revisar'; motivo: string | null } | null;
}

export interface ResultadoLote {
  id: string;
  folio: string | null;
  ok: boolean;
  estado?: string;
  error?: { code: string; message: string };
}

export interface FiltroGuardado {
  id: string;
  nombre: string;
  filtros: Filtros;
}
