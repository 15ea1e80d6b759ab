/**
 * The platform's own words, in one browser-safe place: the statuses every workflow maps its states
 * to, what they look like, which of them keep an application active, and the roles SIPROS itself
 * defines with what each may open. The server, the officials' app, the citizen portal and the
 * designer all read them from here; workflow roles and events belong to each program definition.
 */
import type { ProgramDefinition } from './generated/program-definition.ts';

export type ApplicationStatus = ProgramDefinition['workflow']['states'][string]['status'];

/** Every status, in the order a person follows an application (the schema's enum, checked by a test). */
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = Object.freeze(['En proceso', 'Corrección', 'Aprobada', 'Entregado', 'Rechazada', 'Baja']);

/**
 * Statuses that close an application: the person may apply to the program again. Everything else is
 * active (one active application per person and program: the unique index of migration 0003 says
 * the same in SQL, and a test holds the two together).
 */
export const CLOSED_STATUSES: readonly ApplicationStatus[] = Object.freeze(['Rechazada', 'Baja']);

export function isActiveStatus(status: string): boolean {
  return !(CLOSED_STATUSES as readonly string[]).includes(status);
}

/** How a status reads at a glance: a tone for chips, and a colour with at least 4.5:1 contrast on white. */
export const STATUS_LOOK: Readonly<Record<ApplicationStatus, { tone: 'info' | 'warning' | 'success' | 'error'; colour: string }>> = Object.freeze({
  'En proceso': { tone: 'info', colour: '#0b5c9e' },
  Corrección: { tone: 'warning', colour: '#8a4b00' },
  Aprobada: { tone: 'success', colour: '#1e6b34' },
  Entregado: { tone: 'success', colour: '#1e5b4f' },
  Rechazada: { tone: 'error', colour: '#b3261e' },
  Baja: { tone: 'error', colour: '#555055' },
});

/** The pages of the officials' side a role may open (the server checks each request; this decides menus). */
export const OFFICIAL_AREAS = ['solicitudes', 'tablero', 'entregar', 'funcionarios', 'consulta', 'ventanilla', 'disenador', 'padron', 'duplicados', 'catalogos', 'limpieza', 'campo', 'brigadas'] as const;
export type OfficialArea = (typeof OFFICIAL_AREAS)[number];

/** The roles SIPROS itself defines, by name (the server checks access with them; the web shows them). */
export const ROLE_ADMIN = 'administrador';
/** Sees the queue, dashboard and reports of their area, without personal data unless another role grants it. */
export const ROLE_FUNCIONARIO = 'funcionario';
/** Consulta ciudadana and Ventanilla: looks citizens up by CURP, fixes their contact data, applies on their behalf. */
export const ROLE_ATENCION = 'atencion-ciudadana';
/** Designs program definitions. */
export const ROLE_PLANEACION = 'planeacion';
/**
 * Padrón Estatal: loads rolls (Carga masiva) and crosses programs (Confronta). An agency's liaison
 * sees their own agency's batches; with the planning role too, every agency's.
 */
export const ROLE_PADRON = 'padron';
/** «Posibles duplicados»: decides whether two people of the Padrón Estatal are one (merge, split, or tell apart). */
export const ROLE_PADRON_REVISOR = 'padron-revisor';
/**
 * Field brigades: registers people door to door with the field app (/campo), offline, and applies
 * for them in the open programs of their area; sees only the records they made.
 */
export const ROLE_BRIGADISTA = 'brigadista';
/** Supervises the brigades of their area: progress by day and localidad, on the map, and their work lists. */
export const ROLE_SUPERVISION_CAMPO = 'supervision-campo';

export interface SystemRole {
  id: string;
  name: string;
  description: string;
  opens: readonly OfficialArea[];
  /** Sees citizens' personal data in every program of their area (workflow roles see it in their programs). */
  personalData: boolean;
}

/** The roles SIPROS defines; the roles of each workflow (revisor, dictaminador, …) come from the definitions. */
export const SYSTEM_ROLES: readonly SystemRole[] = Object.freeze(([
  { id: ROLE_ADMIN, name: 'Administrador', description: 'Da de alta funcionarios de su área y ve todo lo de ella.', opens: ['solicitudes', 'tablero', 'funcionarios', 'consulta', 'catalogos', 'limpieza', 'brigadas'], personalData: true },
  { id: ROLE_FUNCIONARIO, name: 'Funcionario', description: 'Consulta solicitudes, tablero y reportes de su área, sin datos personales.', opens: ['solicitudes', 'tablero'], personalData: false },
  { id: ROLE_ATENCION, name: 'Atención ciudadana', description: 'Consulta ciudadana y ventanilla: busca personas por su CURP y captura solicitudes en su nombre.', opens: ['consulta', 'ventanilla'], personalData: true },
  { id: ROLE_PLANEACION, name: 'Planeación', description: 'Diseña y publica programas y formularios.', opens: ['disenador'], personalData: false },
  { id: ROLE_PADRON, name: 'Padrón', description: 'Carga los padrones de su dependencia y consulta la confronta entre programas.', opens: ['padron'], personalData: false },
  { id: ROLE_BRIGADISTA, name: 'Brigadista', description: 'Registra personas en campo, aun sin señal, y captura sus solicitudes en los programas abiertos de su área.', opens: ['campo'], personalData: false },
  { id: ROLE_SUPERVISION_CAMPO, name: 'Supervisión de brigadas', description: 'Ve el avance de las brigadas de su área por día, localidad y en el mapa, y reparte sus listas de visitas.', opens: ['brigadas'], personalData: false },
  { id: ROLE_PADRON_REVISOR, name: 'Revisión de duplicados', description: 'Decide si dos registros del Padrón Estatal son la misma persona: fusiona, separa o los marca como distintos; limpia las ubicaciones del padrón.', opens: ['duplicados', 'limpieza'], personalData: true },
] satisfies SystemRole[]).map((role) => Object.freeze(role)));

/**
 * What any workflow role may open: the queue and the dashboard of its programs; a role that fires the
 * delivery event of a workflow also opens «Entregar» (the server says which roles those are).
 */
export const WORKFLOW_ROLE_OPENS: readonly OfficialArea[] = Object.freeze(['solicitudes', 'tablero']);

/**
 * The workflow roles the seed programs and the new-program template use, with names for people. A
 * definition may name other roles; they are shown by their id.
 */
export const WORKFLOW_ROLES: ReadonlyArray<{ id: string; name: string; description: string }> = Object.freeze([
  { id: 'revisor', name: 'Revisor', description: 'Revisa solicitudes y pide correcciones.' },
  { id: 'dictaminador', name: 'Dictaminador', description: 'Dictamina las solicitudes validadas.' },
  { id: 'coordinador', name: 'Coordinador', description: 'Autoriza, rechaza y da de baja.' },
  { id: 'entregador', name: 'Entregador', description: 'Registra la entrega de los apoyos con el código QR.' },
]);

export function systemRole(id: string): SystemRole | undefined {
  return SYSTEM_ROLES.find((role) => role.id === id);
}

/** The workflow role of the applicant's own events (REENVIAR after a correction): a citizen, never an official. */
export const CITIZEN_WORKFLOW_ROLE = 'ciudadano';
