/* Generated from definitions/schema/program.schema.json by `npm run gen:types`. Do not edit: change the schema and regenerate. */

export type KebabId = string;
/**
 * Fecha y hora ISO 8601 con desfase explícito, p. ej. 2026-01-12T09:00:00-06:00.
 */
export type DateTimeWithOffset = string;
/**
 * Regla JSON Logic. Variables: solicitante.*, respuestas.*, derivados.*, hoy.
 */
export type JsonLogic = {} | boolean;
/**
 * Regla JSON Logic. Variables: solicitante.*, respuestas.*, derivados.*, hoy.
 */
export type JsonLogic1 = {} | boolean;
/**
 * Nombre registrado de una guarda o acción, o {type, params}.
 */
export type NamedRef =
  | string
  | {
      type: string;
      params?: {};
    };
export type Role = string;

/**
 * Definición de un programa social de SIPROS: identidad, convocatoria, reglas, formulario, documentos, flujo de aprobación, notificaciones y casos de prueba.
 */
export interface ProgramDefinition {
  $schema?: string;
  /**
   * Identificador estable del programa (no cambia entre versiones).
   */
  id: string;
  /**
   * Versión de la definición; cada publicación crea una versión inmutable.
   */
  version: number;
  name: string;
  description?: string;
  /**
   * Población objetivo y propósito, como en las reglas de operación.
   */
  objective?: string;
  /**
   * Siglas de la dependencia responsable, p. ej. SEDESOQ.
   */
  dependencia: string;
  /**
   * Área responsable (subsecretaría o dirección); solo sus funcionarios ven el programa.
   */
  area: string;
  /**
   * Prefijo del folio DD/MM/AAAA-PREFIJO-N.
   */
  folioPrefix: string;
  /**
   * @minItems 1
   */
  supportTypes: [SupportType, ...SupportType[]];
  /**
   * Pregunta del formulario con la que la persona elige el tipo de apoyo. Si el programa tiene varios tipos de apoyo y no la indica, la página de revisión pregunta «¿Qué apoyo solicitas?»: con ella no se pregunta dos veces.
   */
  supportTypeQuestion?: {
    /**
     * Ruta de la respuesta, p. ej. 'negocio.tipo_apoyo'.
     */
    field: string;
    /**
     * Cada respuesta posible de la pregunta y el id del tipo de apoyo que elige.
     */
    answers: {
      [k: string]: KebabId;
    };
  };
  convocatoria: Convocatoria;
  /**
   * Conjuntos de reglas compartidos (p. ej. coneval) cuyos hechos derivados quedan en derivados.<id>.
   */
  ruleSets?: KebabId[];
  eligibility: EligibilityRule[];
  /**
   * Reglas de puntaje para priorizar solicitudes: se suman los puntos de las reglas que se cumplen.
   */
  priority?: PriorityRule[];
  form: Form;
  documents: Document[];
  workflow: Workflow;
  notifications?: Notification[];
  tests?: TestTable;
}
export interface SupportType {
  id: KebabId;
  name: string;
  kind: 'monetario' | 'especie' | 'servicio';
  /**
   * Monto en pesos (apoyos monetarios).
   */
  amount?: number;
  /**
   * Unidad del apoyo en especie, p. ej. 'equipo de cómputo'.
   */
  unit?: string;
  quantity?: number;
  periodicity?: 'unica' | 'mensual' | 'bimestral' | 'semestral' | 'anual';
  description?: string;
}
export interface Convocatoria {
  opensAt: DateTimeWithOffset;
  closesAt: DateTimeWithOffset;
  timeZone?: 'America/Mexico_City';
  /**
   * Fecha de corte para calcular la edad; si falta, se usa la fecha de la solicitud.
   */
  referenceDate?: string;
  quotas?: {
    total?: number;
    /**
     * Cupo por municipio, con la clave INEGI de 5 dígitos (entidad + municipio).
     */
    byMunicipio?: {
      [k: string]: number;
    };
    /**
     * Cupo por localidad, con la clave INEGI de 9 dígitos (entidad + municipio + localidad).
     */
    byLocalidad?: {
      [k: string]: number;
    };
  };
  /**
   * Ruta (con puntos) de la respuesta que guarda la clave de municipio del solicitante, para los cupos por municipio.
   */
  municipioField?: string;
  /**
   * Ruta (con puntos) de la respuesta que guarda la clave INEGI de la localidad del solicitante, para las reglas con territorio.* y los cupos por localidad; si falta, domicilio.cve_localidad (la llena el control de código postal).
   */
  localidadField?: string;
}
export interface EligibilityRule {
  id: KebabId;
  description?: string;
  /**
   * Motivo que ve el ciudadano cuando la regla no se cumple.
   */
  message: string;
  rule: JsonLogic;
}
export interface PriorityRule {
  id: KebabId;
  label: string;
  points: number;
  rule: JsonLogic;
}
export interface Form {
  /**
   * JSON Schema (draft-07) de las respuestas; puede usar $ref a fragmentos compartidos, p. ej. cuis.schema.json#/$defs/vivienda.
   */
  schema: {};
  /**
   * UI schema de JSON Forms: una Categorization cuyas Category son los pasos; puede usar $ref a cuis.uischema.json#/<seccion>.
   */
  uischema: {};
}
export interface Document {
  id: KebabId;
  label: string;
  description?: string;
  /**
   * @minItems 1
   */
  accept: [
    'application/pdf' | 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic',
    ...('application/pdf' | 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic')[]
  ];
  maxBytes: number;
  required?: boolean;
  requiredIf?: JsonLogic1;
}
export interface Workflow {
  initial: string;
  states: {
    [k: string]: WorkflowState;
  };
  events: {
    [k: string]: WorkflowEvent;
  };
}
export interface WorkflowState {
  /**
   * Estatus que ven ciudadanos y funcionarios.
   */
  status: 'En proceso' | 'Corrección' | 'Aprobada' | 'Rechazada' | 'Entregado' | 'Baja';
  /**
   * Nombre de la etapa, p. ej. 'Revisión documental'.
   */
  label: string;
  /**
   * Número de proceso que muestra la bandeja.
   */
  stage?: number;
  type?: 'final';
  description?: string;
  entry?: NamedRef[];
  on?: {
    [k: string]: Transition;
  };
}
export interface Transition {
  target: string;
  /**
   * Guarda registrada, o lista de guardas que deben cumplirse todas (en orden; la primera que falla da el motivo).
   */
  guard?: NamedRef | [NamedRef, ...NamedRef[]];
  actions?: NamedRef[];
  /**
   * Roles que pueden enviar este evento en este estado (ciudadano = el solicitante).
   *
   * @minItems 1
   */
  roles: [Role, ...Role[]];
  description?: string;
}
export interface WorkflowEvent {
  /**
   * Texto del botón, p. ej. 'Aprobar'.
   */
  label: string;
  requiresComment?: boolean;
  /**
   * El evento marca campos y documentos a corregir.
   */
  allowsFlags?: boolean;
  /**
   * Pregunta de confirmación antes de enviar.
   */
  confirm?: string;
}
/**
 * Se envía al entrar a un estado (state) o cuando ocurre un evento (event): exactamente uno de los dos.
 */
export interface Notification {
  id: KebabId;
  /**
   * Se envía al entrar a este estado.
   */
  state?: string;
  /**
   * Se envía cuando ocurre este evento.
   */
  event?: string;
  /**
   * Plantilla con marcadores {{folio}}, {{nombre}}, {{programa}}, {{estado}}, {{comentario}}, {{apoyo}}, {{monto}}, {{fecha}} o {{respuestas.ruta}}.
   */
  sms: string;
}
export interface TestTable {
  base?: TestApplicant;
  cases: TestCase[];
}
export interface TestApplicant {
  curp?: string;
  /**
   * Fecha y hora ISO 8601 con desfase explícito, p. ej. 2026-01-12T09:00:00-06:00.
   */
  at?: string;
  /**
   * Respuestas; se combinan sobre tests.base.answers.
   */
  answers?: {};
  /**
   * Apoyos de la persona en otros programas según el Padrón Estatal (para reglas con padron.*).
   */
  padron?: {
    programa: string;
    dependencia: string;
    tipo: 'economico' | 'especie' | 'servicio';
    monto: number | null;
    fecha: string | null;
  }[];
  /**
   * La localidad del domicilio según el catálogo del INEGI, como la encontraría el sistema (para reglas con territorio.*); su clave debe ser la de las respuestas. Ámbito U (urbana) o R (rural).
   */
  localidad?: {
    clave: string;
    nombre?: string;
    ambito: 'U' | 'R' | null;
    poblacion: number | null;
  };
}
export interface TestCase {
  name: string;
  applicant: TestApplicant;
  expect: {
    /**
     * El formulario es válido (por omisión, true).
     */
    valid?: boolean;
    /**
     * Rutas de campos con error.
     */
    invalidFields?: string[];
    eligible?: boolean;
    /**
     * Ids de las reglas no cumplidas, exactamente.
     */
    reasons?: string[];
    callOpen?: boolean;
    score?: number;
    requiredDocuments?: string[];
    /**
     * Valores esperados de hechos derivados, p. ej. {"coneval.pobreza_extrema": true}.
     */
    derived?: {};
  };
}
