import { APPLICATION_STATUSES, SYSTEM_ROLES, WORKFLOW_ROLES, type OfficialArea } from '../../../../engine/vocabulary.ts';
/**
 * Client of the officials' side of the API (runtime/API-funcionarios.md). Errors are
 * ApiErrors with the server's Spanish message, as in the citizens' client.
 */
import { request, type Borrador, type BorradorGuardado, type DocumentoSubido, type Elegibilidad, type Json, type SolicitudEnviada } from '../api.ts';
import type { Funcionario } from '../../../api/admin.ts';
import type { SesionFuncionario } from '../../../api/accounts.ts';
import type { ApoyoAEntregar, EntregaRegistrada, Verificacion } from '../../../api/delivery.ts';
import type {
  Accion,
  DocumentoSolicitud,
  EstadoFlujo,
  FilaSolicitud,
  FiltroGuardado,
  Filtros,
  MotivoElegibilidad,
  MovimientoHistorial,
  NuevoFiltro,
  Orden,
  PaginaSolicitudes,
  ProgramaFuncionario,
  ResultadoLote,
  ResultadosLote,
  SolicitudFuncionario,
} from '../../../api/queue.ts';
import type { Tablero } from '../../../api/dashboard.ts';
import type { RegistradaEnVentanilla, RegistroEnVentanilla } from '../../../api/ventanilla.ts';
import type { ConsultaCiudadana, CuentaCorregida } from '../../../api/citizen-service.ts';
import type { EstadoTrasEvento, EventoFuncionario, Respuestas } from '../../../api/applications.ts';
import type { Area, CambioFuncionario, FuncionarioAdmin, NuevoFuncionario, RolAsignable } from '../../../api/admin.ts';

// The API's types live in runtime/api (one contract for server and web); pages import them from here.
export type { Accion, ApoyoAEntregar, Area, ConsultaCiudadana, CambioFuncionario, FuncionarioAdmin, NuevoFuncionario, Tablero, DocumentoSolicitud, EntregaRegistrada, EstadoFlujo, FilaSolicitud, FiltroGuardado, Filtros, Funcionario, MotivoElegibilidad, MovimientoHistorial, Orden, PaginaSolicitudes, ProgramaFuncionario, ResultadoLote, SolicitudFuncionario, Verificacion };

const enc = encodeURIComponent;

/** `?a=1&b=2` of the non-empty values (no `?` when there are none). */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function filtrosQuery(f: Filtros): Record<string, string | undefined> {
  return { programa: f.programa, proceso: f.proceso, estado: f.estado, q: f.q, orden: f.orden };
}

/** Address of a report of the filtered queue (the same filters as the screen). */
export function urlReporte(formato: 'csv' | 'xlsx', f: Filtros): string {
  return `/api/funcionario/reportes/solicitudes.${formato}${queryString(filtrosQuery(f))}`;
}

export const funcionarioApi = {
  iniciarSesion: (usuario: string, contrasena: string) =>
    request<SesionFuncionario>('POST', '/funcionarios/sesion', { usuario, contrasena }),
  yo: () => request<Funcionario>('GET', '/funcionario/yo'),

  programas: () => request<ProgramaFuncionario[]>('GET', '/funcionario/programas'),
  solicitudes: (f: Filtros, despues?: string | null, limite?: number) => request<PaginaSolicitudes>('GET', `/funcionario/solicitudes${queryString({ ...filtrosQuery(f), despues, limite })}`),
  solicitud: (id: string) => request<SolicitudFuncionario>('GET', `/funcionario/solicitudes/${enc(id)}`),
  evento: (id: string, body: EventoFuncionario) =>
    request<EstadoTrasEvento>('POST', `/funcionario/solicitudes/${enc(id)}/eventos`, body),
  lote: (ids: string[], evento: string, comentario?: string) =>
    request<ResultadosLote>('POST', '/funcionario/solicitudes/lote', comentario ? { ids, evento, comentario } : { ids, evento }),
  filtros: () => request<FiltroGuardado[]>('GET', '/funcionario/filtros'),
  guardarFiltro: (nombre: string, filtros: Filtros) => request<FiltroGuardado>('POST', '/funcionario/filtros', { nombre, filtros } satisfies NuevoFiltro),
  borrarFiltro: (id: string) => request<void>('DELETE', `/funcionario/filtros/${enc(id)}`),
  tablero: (programa?: string) => request<Tablero>('GET', `/funcionario/tablero${queryString({ programa })}`),

  verificarEntrega: (token: string) => request<Verificacion>('POST', '/funcionario/entregas/verificar', { token }),
  entregar: (token: string, posicion?: { latitud: number; longitud: number; precision?: number } | null) =>
    request<EntregaRegistrada>('POST', '/funcionario/entregas', posicion ? { token, ...posicion } : { token }),

  areas: () => request<Area[]>('GET', '/admin/areas'),
  roles: () => request<RolAsignable[]>('GET', '/admin/roles'),
  funcionarios: (q?: string) => request<FuncionarioAdmin[]>('GET', `/admin/funcionarios${queryString({ q })}`),
  crearFuncionario: (f: NuevoFuncionario) => request<FuncionarioAdmin>('POST', '/admin/funcionarios', f),
  cambiarFuncionario: (id: string, c: CambioFuncionario) => request<FuncionarioAdmin>('PATCH', `/admin/funcionarios/${enc(id)}`, c),

  ciudadano: (curp: string) => request<ConsultaCiudadana>('GET', `/atencion/ciudadanos/${enc(curp)}`),
  cambiarTelefono: (curp: string, telefono: string, motivo: string) => request<CuentaCorregida>('POST', `/atencion/ciudadanos/${enc(curp)}/telefono`, { telefono, motivo }),
  cambiarCorreo: (curp: string, correo: string, motivo: string) => request<CuentaCorregida>('POST', `/atencion/ciudadanos/${enc(curp)}/correo`, { correo, motivo }),
  restablecerContrasena: (curp: string, motivo: string) => request<CuentaCorregida>('POST', `/atencion/ciudadanos/${enc(curp)}/contrasena`, { motivo }),

  borradorVentanilla: (curp: string, programa: string) => request<Borrador>('GET', `/ventanilla/ciudadanos/${enc(curp)}/programas/${enc(programa)}/borrador`),
  elegibilidadVentanilla: (curp: string, programa: string, respuestas: Json) =>
    request<Elegibilidad>('POST', `/ventanilla/ciudadanos/${enc(curp)}/programas/${enc(programa)}/elegibilidad`, { respuestas }),
  registrarEnVentanilla: (datos: RegistroEnVentanilla) => request<RegistradaEnVentanilla>('POST', '/ventanilla/ciudadanos', datos),
  guardarBorradorVentanilla: (curp: string, programa: string, respuestas: Json, paso?: number) =>
    request<BorradorGuardado>('PUT', `/ventanilla/ciudadanos/${enc(curp)}/programas/${enc(programa)}/borrador`, (paso === undefined ? { respuestas } : { respuestas, paso }) satisfies Respuestas),
  subirDocumentoVentanilla: (curp: string, solicitudId: string, tipo: string, archivo: File) => {
    const form = new FormData();
    form.append('archivo', archivo, archivo.name);
    return request<DocumentoSubido>('POST', `/ventanilla/ciudadanos/${enc(curp)}/solicitudes/${enc(solicitudId)}/documentos/${enc(tipo)}`, form);
  },
  enviarVentanilla: (curp: string, solicitudId: string, respuestas: Json, tipoApoyo?: string) =>
    request<SolicitudEnviada>('POST', `/ventanilla/ciudadanos/${enc(curp)}/solicitudes/${enc(solicitudId)}/enviar`, (tipoApoyo ? { respuestas, tipoApoyo } : { respuestas }) satisfies Respuestas),
};

/** Roles and their names for people: SIPROS's own, then the workflows' (engine/vocabulary.ts). */
export const ROLES: Array<{ id: string; nombre: string; descripcion: string }> = [...SYSTEM_ROLES, ...WORKFLOW_ROLES].map((r) => ({ id: r.id, nombre: r.name, descripcion: r.description }));

export function rolNombre(id: string): string {
  return ROLES.find((r) => r.id === id)?.nombre ?? id;
}

/** Whether this official may open a page of the officials' side (the server decides it: `abre`). */
export const puedeAbrir = (funcionario: { abre: readonly string[] }, pagina: OfficialArea): boolean => funcionario.abre.includes(pagina);

/** The statuses an application can have (the "Estado" filter), from the platform vocabulary. */
export const ESTADOS: readonly string[] = APPLICATION_STATUSES;
