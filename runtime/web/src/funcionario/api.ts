import { APPLICATION_STATUSES, SYSTEM_ROLES, WORKFLOW_ROLES, type OfficialArea } from '../../../../engine/vocabulary.ts';
/**
 * Client of the officials' side of the API (runtime/API-funcionarios.md). Errors are
 * ApiErrors with the server's Spanish message, as in the citizens' client.
 */
import { request, type Borrador, type BorradorGuardado, type DocumentoSubido, type Elegibilidad, type Formulario, type Json, type Registro, type SolicitudEnviada } from '../api.ts';
import type { Funcionario } from '../session.tsx';

export type { Funcionario };

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
}

/** The queue's filters; also what a saved filter stores and what the report links carry. */
export interface Filtros {
  programa?: string;
  proceso?: string;
  estado?: string;
  q?: string;
  orden?: Orden;
}

export type Orden = 'fecha_desc' | 'fecha_asc' | 'folio' | 'nombre';

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
  proceso: string;
  procesoEtiqueta: string;
  tipoApoyo: string | null;
  padron: boolean;
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
  proceso: string;
  procesoEtiqueta: string;
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

export interface Tablero {
  porPrograma: Array<{ programa: string; nombre: string; total: number }>;
  porEstado: Array<{ estado: string; total: number }>;
  porMunicipio: Array<{ municipio: string; nombre: string; solicitudes: number; beneficiarios: number }>;
}

export interface Verificacion {
  id: string;
  folio: string;
  programaNombre: string;
  /** What to hand over: the support type and what it is («$3,000.00, pago único»). */
  apoyo: ApoyoAEntregar;
  nombre: string;
  estado: string;
  entregada: { fecha: string; funcionario: string } | null;
}

export interface ApoyoAEntregar {
  tipo: string;
  detalle: string;
}

export interface EntregaRegistrada {
  id: string;
  folio: string;
  estado: string;
  apoyo: ApoyoAEntregar;
  entregada: { fecha: string; funcionario: string };
}

export interface Area {
  id: string;
  nombre: string;
  tipo: 'dependencia' | 'subsecretaria' | 'direccion' | string;
  padreId: string | null;
}

export interface FuncionarioAdmin {
  id: string;
  usuario: string;
  nombre: string;
  correo: string | null;
  tipoUsuario: string;
  roles: string[];
  area: string;
  areaNombre: string | null;
  modulo: string;
  estatus: string;
}

export interface NuevoFuncionario {
  usuario: string;
  nombre: string;
  correo: string;
  roles: string[];
  area: string;
  contrasena: string;
}

export interface CambioFuncionario {
  nombre?: string;
  correo?: string;
  roles?: string[];
  area?: string;
  estatus?: 'activo' | 'inactivo';
  contrasena?: string;
}

export interface ConsultaCiudadana {
  cuenta: {
    curp: string;
    nombres: string;
    primerApellido: string;
    segundoApellido: string | null;
    telefono: string | null;
    correo: string | null;
    /** The last code sent by SMS (never the code itself). */
    codigoValidacion: { proposito: 'telefono' | 'contrasena'; enviado: string; vence: string; estado: 'vigente' | 'usado' | 'vencido' | 'agotado' } | null;
    validado: boolean;
    estatus: 'activo' | 'bloqueado' | string;
    registradoEnVentanilla: boolean;
  };
  solicitudes: Array<{ id: string; folio: string | null; programa: string; programaNombre: string; estado: string; fechaSolicitud: string | null }>;
  entregas: Array<{ folio: string; programaNombre: string; fecha: string; funcionario: string }>;
}

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
    request<{ tipo: 'funcionario'; usuario: string; nombre: string; roles: string[]; area: string }>('POST', '/funcionarios/sesion', { usuario, contrasena }),
  yo: () => request<Funcionario>('GET', '/funcionario/yo'),

  programas: () => request<ProgramaFuncionario[]>('GET', '/funcionario/programas'),
  solicitudes: (f: Filtros, despues?: string | null, limite?: number) => request<PaginaSolicitudes>('GET', `/funcionario/solicitudes${queryString({ ...filtrosQuery(f), despues, limite })}`),
  solicitud: (id: string) => request<SolicitudFuncionario>('GET', `/funcionario/solicitudes/${enc(id)}`),
  evento: (id: string, body: { evento: string; comentario?: string; campos?: string[]; documentos?: string[] }) =>
    request<{ estado: string; etapa: string | null }>('POST', `/funcionario/solicitudes/${enc(id)}/eventos`, body),
  lote: (ids: string[], evento: string, comentario?: string) =>
    request<{ resultados: ResultadoLote[] }>('POST', '/funcionario/solicitudes/lote', comentario ? { ids, evento, comentario } : { ids, evento }),
  filtros: () => request<FiltroGuardado[]>('GET', '/funcionario/filtros'),
  guardarFiltro: (nombre: string, filtros: Filtros) => request<FiltroGuardado>('POST', '/funcionario/filtros', { nombre, filtros }),
  borrarFiltro: (id: string) => request<void>('DELETE', `/funcionario/filtros/${enc(id)}`),
  tablero: (programa?: string) => request<Tablero>('GET', `/funcionario/tablero${queryString({ programa })}`),

  verificarEntrega: (token: string) => request<Verificacion>('POST', '/funcionario/entregas/verificar', { token }),
  entregar: (token: string, posicion?: { latitud: number; longitud: number; precision?: number } | null) =>
    request<EntregaRegistrada>('POST', '/funcionario/entregas', posicion ? { token, ...posicion } : { token }),

  areas: () => request<Area[]>('GET', '/admin/areas'),
  roles: () => request<Array<{ id: string; descripcion: string; deFlujo: boolean }>>('GET', '/admin/roles'),
  funcionarios: (q?: string) => request<FuncionarioAdmin[]>('GET', `/admin/funcionarios${queryString({ q })}`),
  crearFuncionario: (f: NuevoFuncionario) => request<FuncionarioAdmin>('POST', '/admin/funcionarios', f),
  cambiarFuncionario: (id: string, c: CambioFuncionario) => request<FuncionarioAdmin>('PATCH', `/admin/funcionarios/${enc(id)}`, c),

  ciudadano: (curp: string) => request<ConsultaCiudadana>('GET', `/atencion/ciudadanos/${enc(curp)}`),
  cambiarTelefono: (curp: string, telefono: string, motivo: string) => request<unknown>('POST', `/atencion/ciudadanos/${enc(curp)}/telefono`, { telefono, motivo }),
  cambiarCorreo: (curp: string, correo: string, motivo: string) => request<unknown>('POST', `/atencion/ciudadanos/${enc(curp)}/correo`, { correo, motivo }),
  restablecerContrasena: (curp: string, motivo: string) => request<unknown>('POST', `/atencion/ciudadanos/${enc(curp)}/contrasena`, { motivo }),

  borradorVentanilla: (curp: string, programa: string) => request<Borrador>('GET', `/ventanilla/ciudadanos/${enc(curp)}/programas/${enc(programa)}/borrador`),
  elegibilidadVentanilla: (curp: string, programa: string, respuestas: Json) =>
    request<Elegibilidad>('POST', `/ventanilla/ciudadanos/${enc(curp)}/programas/${enc(programa)}/elegibilidad`, { respuestas }),
  registrarEnVentanilla: (datos: Omit<Registro, 'contrasena'> & { contrasena?: string }) => request<{ id: string; curp: string }>('POST', '/ventanilla/ciudadanos', datos),
  guardarBorradorVentanilla: (curp: string, programa: string, respuestas: Json, paso?: number) =>
    request<BorradorGuardado>('PUT', `/ventanilla/ciudadanos/${enc(curp)}/programas/${enc(programa)}/borrador`, paso === undefined ? { respuestas } : { respuestas, paso }),
  subirDocumentoVentanilla: (curp: string, solicitudId: string, tipo: string, archivo: File) => {
    const form = new FormData();
    form.append('archivo', archivo, archivo.name);
    return request<DocumentoSubido>('POST', `/ventanilla/ciudadanos/${enc(curp)}/solicitudes/${enc(solicitudId)}/documentos/${enc(tipo)}`, form);
  },
  enviarVentanilla: (curp: string, solicitudId: string, respuestas: Json, tipoApoyo?: string) =>
    request<SolicitudEnviada>('POST', `/ventanilla/ciudadanos/${enc(curp)}/solicitudes/${enc(solicitudId)}/enviar`, tipoApoyo ? { respuestas, tipoApoyo } : { respuestas }),
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
