/**
 * Typed client of the SIPROS HTTP API (runtime/API.md). Every failure is an ApiError carrying the
 * server's Spanish `message`, its `code` and `details`, so pages can show exactly what the server said.
 */

import { createContext, useContext } from 'react';

export type Json = Record<string, unknown>;

export interface Apoyo {
  id: string;
  nombre: string;
  tipo: string;
  monto?: number;
  descripcion?: string;
}

export interface Convocatoria {
  abre: string;
  cierra: string;
  estado: 'proxima' | 'abierta' | 'cerrada';
  cupoTotal?: number;
}

export interface ProgramaResumen {
  id: string;
  version: number;
  nombre: string;
  descripcion?: string;
  objetivo?: string;
  dependencia: string;
  area: string;
  apoyos: Apoyo[];
  convocatoria: Convocatoria;
}

export interface DocumentoRequerido {
  id: string;
  nombre: string;
  descripcion?: string;
  tipos: string[];
  tamanoMaximo: number;
  obligatorio: boolean;
  condicional: boolean;
}

export interface Formulario {
  schema: Json;
  uischema: Json;
}

export interface ProgramaDetalle extends ProgramaResumen {
  formulario: Formulario;
  /** Whether the review page asks for the support type (the form does not already ask it). */
  preguntarTipoApoyo: boolean;
  requisitos: Array<{ id: string; mensaje: string }>;
  documentos: DocumentoRequerido[];
}

export interface DocumentoSubido {
  id: string;
  tipo: string;
  nombre: string;
  tamano: number;
  mediaType: string;
  sha256?: string;
  subido?: string;
}

export interface ErrorCampo {
  path: string;
  message: string;
  code: string;
}

export interface Borrador {
  id: string | null;
  respuestas: Json;
  origen: 'borrador' | 'expediente' | 'vacio';
  documentos: DocumentoSubido[];
  /** Where the person was in the form (kept by the server: the draft reopens there on any device). */
  posicion?: PosicionBorrador;
}

/** A draft's place in the form: the step shown, the furthest step reached, whether she came from the review page. */
export interface PosicionBorrador {
  paso: number;
  alcanzado: number;
  desdeRevision: boolean;
}

export interface BorradorGuardado {
  id: string;
  respuestas: Json;
  errores: ErrorCampo[];
}

export interface Motivo {
  ruleId: string;
  code: string;
  message: string;
}

export interface Elegibilidad {
  elegible: boolean;
  motivos: Motivo[];
  documentosRequeridos: string[];
  puntaje: number;
  /** Whether the answers pass the form's validation (served, not in API.md). */
  formularioValido?: boolean;
}

export interface SolicitudEnviada {
  id: string;
  folio: string;
  estado: string;
}

export interface SolicitudResumen {
  id: string;
  folio: string | null;
  programa: { id: string; nombre: string };
  /** The support type's id (e.g. "estudiante"); its name is in the program's `apoyos`. */
  tipoApoyo: string | null;
  estado: string;
  fecha: string;
}

export interface Correccion {
  comentario: string | null;
  campos: string[];
  documentos: string[];
}

export interface SolicitudDetalle {
  id: string;
  folio: string | null;
  programa: { id: string; nombre: string; version: number };
  tipoApoyo: { id: string; nombre: string } | null;
  estado: string;
  etapa: string | null;
  fecha: string;
  respuestas: Json;
  documentos: DocumentoSubido[];
  elegibilidad: { elegible: boolean; motivos: Motivo[]; puntaje: number } | null;
  correccion: Correccion | null;
  formulario: Formulario;
  /** The documents of the program version the application was made with. */
  documentosDelPrograma?: Array<{ id: string; nombre: string; tipos: string[]; tamanoMaximo: number }>;
}

export interface EventoHistorial {
  estado: string;
  fecha: string;
  comentario: string | null;
  evento?: string;
  enVentanilla?: boolean;
}

/** The delivery QR of an approved application (GET /api/solicitudes/:id/entrega). */
export interface EntregaQr {
  token: string;
  /** The short code to dictate when the QR cannot be read, e.g. «K7QMX-4Z9AB». */
  codigo: string;
  folio: string;
  estado: string;
  entregada: { fecha: string } | null;
}

export interface Cuenta {
  curp: string;
  nombres: string;
  primerApellido: string;
  segundoApellido: string | null;
  fechaNacimiento: string;
  sexo: 'H' | 'M' | 'X';
  telefono: string;
  correo: string | null;
  telefonoVerificado: boolean;
}

export interface SesionCiudadana {
  tipo: 'ciudadano';
  curp: string;
  nombres: string;
  telefonoVerificado: boolean;
}

export interface Registro {
  curp: string;
  nombres: string;
  primerApellido: string;
  segundoApellido?: string;
  fechaNacimiento: string;
  sexo: 'H' | 'M' | 'X';
  telefono: string;
  correo?: string;
  contrasena: string;
}

/** An error answered by the API (or the network), with the server's Spanish message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field errors in `details.errors` or `details.fields` (FORM_INVALID, VALIDATION_FAILED). */
  get fieldErrors(): ErrorCampo[] {
    const d = this.details as { errors?: unknown; fields?: unknown } | undefined;
    const list = Array.isArray(d?.errors) ? d.errors : Array.isArray(d?.fields) ? d.fields : [];
    return list.filter((e): e is ErrorCampo => typeof e === 'object' && e !== null && typeof (e as ErrorCampo).message === 'string');
  }
}

/** Fired on window when the API answers AUTH_REQUIRED to a logged-in page. */
export const SESSION_ENDED_EVENT = 'sipros:sesion-terminada';

const NETWORK_MESSAGE = 'No pudimos comunicarnos con el servidor. Revisa tu conexión a internet e intenta de nuevo.';

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; details?: unknown; requestId?: string } };
    if (body?.error?.message) return new ApiError(response.status, body.error.code ?? 'ERROR', body.error.message, body.error.details, body.error.requestId);
  } catch {
    // not JSON: fall through to a generic message
  }
  const generic =
    response.status >= 500
      ? 'El servidor tuvo un problema. Intenta de nuevo en unos minutos.'
      : response.status === 404
        ? 'No se encontró lo que buscas.'
        : 'La solicitud no se pudo completar.';
  return new ApiError(response.status, `HTTP_${response.status}`, generic);
}

/** One call to the API (also used by the officials' client, src/funcionario/api.ts). */
export async function request<T>(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  let response: Response;
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  try {
    response = await fetch(`/api${path}`, { method, headers, body: payload, credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  if (!response.ok) {
    const error = await toApiError(response);
    // A session that ended (expired, closed elsewhere) while a page was open: let the app send the
    // person to "Iniciar sesión" (and back here afterwards) instead of leaving a dead page.
    if (error.status === 401 && error.code === 'AUTH_REQUIRED' && path !== '/cuenta' && path !== '/funcionario/yo' && typeof window !== 'undefined') {
      window.dispatchEvent(new CustomEvent(SESSION_ENDED_EVENT));
    }
    throw error;
  }
  if (response.status === 204 || response.status === 202) {
    // 202 may carry a body; read it when present.
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return (await response.json()) as T;
}

const enc = encodeURIComponent;

export const api = {
  // Public
  programas: () => request<ProgramaResumen[]>('GET', '/programas'),
  convocatoriasAbiertas: () => request<ProgramaResumen[]>('GET', '/convocatorias/abiertas'),
  programa: (id: string) => request<ProgramaDetalle>('GET', `/programas/${enc(id)}`),

  // Account
  registrar: (datos: Registro) => request<{ curp: string; telefonoVerificado: boolean }>('POST', '/cuenta/registro', datos),
  verificarTelefono: (codigo: string) => request<{ telefonoVerificado: true }>('POST', '/cuenta/telefono/verificar', { codigo }),
  reenviarCodigo: () => request<void>('POST', '/cuenta/telefono/reenviar', {}),
  iniciarSesion: (curp: string, contrasena: string) => request<SesionCiudadana>('POST', '/sesion', { curp, contrasena }),
  cerrarSesion: () => request<void>('DELETE', '/sesion'),
  cuenta: () => request<Cuenta>('GET', '/cuenta'),
  olvideContrasena: (curp: string) => request<void>('POST', '/cuenta/contrasena/olvido', { curp }),
  restablecerContrasena: (curp: string, codigo: string, contrasena: string) =>
    request<unknown>('POST', '/cuenta/contrasena/restablecer', { curp, codigo, contrasena }),

  // Applications
  borrador: (programaId: string) => request<Borrador>('GET', `/programas/${enc(programaId)}/borrador`),
  guardarBorrador: (programaId: string, respuestas: Json, paso?: number) =>
    request<BorradorGuardado>('PUT', `/programas/${enc(programaId)}/borrador`, paso === undefined ? { respuestas } : { respuestas, paso }),
  guardarPosicion: (programaId: string, posicion: PosicionBorrador) => request<void>('PUT', `/programas/${enc(programaId)}/borrador/posicion`, posicion),
  elegibilidad: (programaId: string, respuestas: Json) => request<Elegibilidad>('POST', `/programas/${enc(programaId)}/elegibilidad`, { respuestas }),
  subirDocumento: (solicitudId: string, tipo: string, archivo: File) => {
    const form = new FormData();
    form.append('archivo', archivo, archivo.name);
    return request<DocumentoSubido>('POST', `/solicitudes/${enc(solicitudId)}/documentos/${enc(tipo)}`, form);
  },
  urlDocumento: (solicitudId: string, docId: string) => `/api/solicitudes/${enc(solicitudId)}/documentos/${enc(docId)}`,
  enviar: (solicitudId: string, respuestas: Json, tipoApoyo?: string) =>
    request<SolicitudEnviada>('POST', `/solicitudes/${enc(solicitudId)}/enviar`, tipoApoyo ? { respuestas, tipoApoyo } : { respuestas }),
  solicitudes: () => request<SolicitudResumen[]>('GET', '/solicitudes'),
  solicitud: (id: string) => request<SolicitudDetalle>('GET', `/solicitudes/${enc(id)}`),
  historial: (id: string) => request<EventoHistorial[]>('GET', `/solicitudes/${enc(id)}/historial`),
  enviarCorreccion: (id: string, respuestas: Json) => request<{ estado: string }>('POST', `/solicitudes/${enc(id)}/correccion`, { respuestas }),
  entrega: (id: string) => request<EntregaQr>('GET', `/solicitudes/${enc(id)}/entrega`),
  urlQrEntrega: (id: string) => `/api/solicitudes/${enc(id)}/entrega/qr.svg`,
};

/** The Spanish message of anything thrown by the client. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Ocurrió un error inesperado. Intenta de nuevo.';
}

/**
 * What the application form (pages/Solicitar.tsx and components/Documentos.tsx) calls and where it goes:
 * the citizen's own routes by default, or, at a ventanilla, the official's routes for that citizen
 * (src/funcionario/Ventanilla.tsx provides another client through ClienteSolicitudContext).
 */
export interface ClienteSolicitud {
  programa: (id: string) => Promise<ProgramaDetalle>;
  borrador: (programaId: string) => Promise<Borrador>;
  solicitudes: () => Promise<SolicitudResumen[]>;
  guardarBorrador: (programaId: string, respuestas: Json, paso?: number) => Promise<BorradorGuardado>;
  /** Keeps the draft's step on the server; absent for a client without that route (the step is then kept in this browser). */
  guardarPosicion?: (programaId: string, posicion: PosicionBorrador) => Promise<void>;
  /** Absent when the route does not exist for this client: requirements are then checked on sending. */
  elegibilidad?: (programaId: string, respuestas: Json) => Promise<Elegibilidad>;
  subirDocumento: (solicitudId: string, tipo: string, archivo: File) => Promise<DocumentoSubido>;
  urlDocumento: (solicitudId: string, docId: string) => string;
  enviar: (solicitudId: string, respuestas: Json, tipoApoyo?: string) => Promise<SolicitudEnviada>;
  rutas: { borradorGuardado: string; enviada: (id: string) => string; solicitud: (id: string) => string; apoyos: string };
}

export const clienteCiudadano: ClienteSolicitud = {
  programa: api.programa,
  borrador: api.borrador,
  solicitudes: api.solicitudes,
  guardarBorrador: api.guardarBorrador,
  guardarPosicion: api.guardarPosicion,
  elegibilidad: api.elegibilidad,
  subirDocumento: api.subirDocumento,
  urlDocumento: api.urlDocumento,
  enviar: api.enviar,
  rutas: { borradorGuardado: '/solicitudes', enviada: (id) => `/solicitudes/${id}/enviada`, solicitud: (id) => `/solicitudes/${id}`, apoyos: '/apoyos' },
};

export const ClienteSolicitudContext = createContext<ClienteSolicitud>(clienteCiudadano);

export function useClienteSolicitud(): ClienteSolicitud {
  return useContext(ClienteSolicitudContext);
}
