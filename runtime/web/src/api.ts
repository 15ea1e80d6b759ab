/**
 * Typed client of the SIPROS HTTP API (runtime/API.md). Every failure is an ApiError carrying the
 * server's Spanish `message`, its `code` and `details`, so pages can show exactly what the server said.
 */

import { createContext, useContext } from 'react';
import type { ContrasenaRestablecida, Cuenta, CuentaCreada, Registro, RestablecerContrasena, SesionCiudadana, TelefonoVerificado } from '../../api/accounts.ts';
import type {
  Borrador,
  BorradorGuardado,
  Correccion,
  DocumentoSubido,
  Elegibilidad,
  EstadoTrasEvento,
  EventoHistorial,
  Motivo,
  PosicionBorrador,
  Respuestas,
  SolicitudDetalle,
  SolicitudEnviada,
  SolicitudResumen,
} from '../../api/applications.ts';
import type { ErrorCampo, Json } from '../../api/common.ts';
import type { EntregaQr } from '../../api/delivery.ts';
import type { Apoyo, Convocatoria, DocumentoRequerido, Formulario, ProgramaDetalle, ProgramaResumen } from '../../api/programs.ts';

// The API's types live in runtime/api (one contract for server and web); pages import them from here.
export type { Apoyo, Borrador, BorradorGuardado, Convocatoria, Correccion, Cuenta, DocumentoRequerido, DocumentoSubido, Elegibilidad, EntregaQr, ErrorCampo, EventoHistorial, Formulario, Json, Motivo, PosicionBorrador, ProgramaDetalle, ProgramaResumen, Registro, SesionCiudadana, SolicitudDetalle, SolicitudEnviada, SolicitudResumen };


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

export const NETWORK_MESSAGE = 'No pudimos comunicarnos con el servidor. Revisa tu conexión a internet e intenta de nuevo.';

/** The ApiError of a response that is not ok (its JSON error, or a generic message). */
export async function toApiError(response: Response): Promise<ApiError> {
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
  registrar: (datos: Registro) => request<CuentaCreada>('POST', '/cuenta/registro', datos),
  verificarTelefono: (codigo: string) => request<TelefonoVerificado>('POST', '/cuenta/telefono/verificar', { codigo }),
  reenviarCodigo: () => request<void>('POST', '/cuenta/telefono/reenviar', {}),
  iniciarSesion: (curp: string, contrasena: string) => request<SesionCiudadana>('POST', '/sesion', { curp, contrasena }),
  cerrarSesion: () => request<void>('DELETE', '/sesion'),
  cuenta: () => request<Cuenta>('GET', '/cuenta'),
  olvideContrasena: (curp: string) => request<void>('POST', '/cuenta/contrasena/olvido', { curp }),
  restablecerContrasena: (curp: string, codigo: string, contrasena: string) =>
    request<ContrasenaRestablecida>('POST', '/cuenta/contrasena/restablecer', { curp, codigo, contrasena } satisfies RestablecerContrasena),

  // Applications
  borrador: (programaId: string) => request<Borrador>('GET', `/programas/${enc(programaId)}/borrador`),
  guardarBorrador: (programaId: string, respuestas: Json, paso?: number) =>
    request<BorradorGuardado>('PUT', `/programas/${enc(programaId)}/borrador`, (paso === undefined ? { respuestas } : { respuestas, paso }) satisfies Respuestas),
  // keepalive: a tab closed or reloaded just after a move still keeps the step where the person left.
  guardarPosicion: (programaId: string, posicion: PosicionBorrador) => request<void>('PUT', `/programas/${enc(programaId)}/borrador/posicion`, posicion, { keepalive: true }),
  elegibilidad: (programaId: string, respuestas: Json) => request<Elegibilidad>('POST', `/programas/${enc(programaId)}/elegibilidad`, { respuestas }),
  subirDocumento: (solicitudId: string, tipo: string, archivo: File) => {
    const form = new FormData();
    form.append('archivo', archivo, archivo.name);
    return request<DocumentoSubido>('POST', `/solicitudes/${enc(solicitudId)}/documentos/${enc(tipo)}`, form);
  },
  urlDocumento: (solicitudId: string, docId: string) => `/api/solicitudes/${enc(solicitudId)}/documentos/${enc(docId)}`,
  enviar: (solicitudId: string, respuestas: Json, tipoApoyo?: string) =>
    request<SolicitudEnviada>('POST', `/solicitudes/${enc(solicitudId)}/enviar`, (tipoApoyo ? { respuestas, tipoApoyo } : { respuestas }) satisfies Respuestas),
  solicitudes: () => request<SolicitudResumen[]>('GET', '/solicitudes'),
  solicitud: (id: string) => request<SolicitudDetalle>('GET', `/solicitudes/${enc(id)}`),
  historial: (id: string) => request<EventoHistorial[]>('GET', `/solicitudes/${enc(id)}/historial`),
  enviarCorreccion: (id: string, respuestas: Json) => request<EstadoTrasEvento>('POST', `/solicitudes/${enc(id)}/correccion`, { respuestas }),
  entrega: (id: string) => request<EntregaQr>('GET', `/solicitudes/${enc(id)}/entrega`),
  urlQrEntrega: (id: string) => `/api/solicitudes/${enc(id)}/entrega/qr.svg`,
};

/** The Spanish message of anything thrown by the client. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Ocurrió un error inesperado. Intenta de nuevo.';
}

/**
 * What the application form (pages/solicitar/ and components/Documentos.tsx) calls and where it goes:
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
  /** The document inputs open the phone's back camera (the brigades' field app, campo/). */
  camara?: boolean;
  /** Runs on a chosen file before it is checked and kept (the field app shrinks photos on the device). */
  prepararArchivo?: (archivo: File, tipos: readonly string[]) => Promise<File>;
  /** The review step's last words and button, when sending means something else (the field app only queues the record). */
  envio?: { explicacion: string; boton: string; enCurso: string };
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
