/**
 * Sending the queue: one record per request (POST /api/campo/registros, multipart: the field «registro»
 * and its photos as «documento:<tipo>»), oldest first. The server's answer for a record is final
 * (aceptado, rechazado or conflicto) and is kept at once, so a record with an answer is never sent again.
 *
 * A cut (no network, a connection dropped while sending or while the answer arrived) stops the run and the
 * record stays in the queue marked «sin respuesta»: the next run first asks GET /api/campo/registros/:id
 * whether the server got it (then its answer is kept without sending it again), and sends it only on a 404.
 * Sending the same idCliente twice is safe anyway (the server answers the first answer again); asking first
 * saves uploading the photos twice on a poor connection.
 *
 * No React, no IndexedDB: the queue and fetch are given (campo/src/sync.test.ts uses a fake server).
 */
import type { RegistroDeCampo, ResultadoDeCampo } from './registro.ts';

export interface FotoAEnviar {
  tipo: string;
  nombre: string;
  archivo: Blob;
}

export interface ParaEnviar {
  registro: RegistroDeCampo;
  fotos: FotoAEnviar[];
  sinRespuesta: boolean;
}

/** What the sync needs from the device's store. */
export interface Cola {
  /** The ids still waiting for an answer, in the order to send them. */
  pendientes(): Promise<string[]>;
  cargar(idCliente: string): Promise<ParaEnviar>;
  /** Kept before each send: if no answer comes, the next run asks before sending again. */
  marcarSinRespuesta(idCliente: string): Promise<void>;
  guardarResultado(idCliente: string, resultado: ResultadoDeCampo): Promise<void>;
}

export type Detenida = 'sin-red' | 'sin-sesion' | 'servidor';

export interface Resumen {
  /** Answers kept in this run, by kind. */
  aceptados: number;
  rechazados: number;
  conflictos: number;
  /** Records still waiting when the run ended. */
  quedan: number;
  /** Why the run stopped before the end (null: the queue is empty). */
  detenida: Detenida | null;
  mensaje: string | null;
}

export type Progreso = { enviados: number; total: number; idCliente: string };

type Http = (input: string, init?: RequestInit) => Promise<Response>;

export const MENSAJES: Record<Detenida, string> = {
  'sin-red': 'No hay conexión con el servidor. Los registros siguen guardados en este dispositivo; se enviarán cuando vuelva la señal.',
  'sin-sesion': 'Tu sesión terminó. Inicia sesión de nuevo para enviar los registros; siguen guardados en este dispositivo.',
  servidor: 'El servidor no pudo recibir los registros en este momento. Siguen guardados; intenta de nuevo en unos minutos.',
};

class Parada extends Error {
  constructor(readonly motivo: Detenida) {
    super(MENSAJES[motivo]);
  }
}

function esResultado(v: unknown): v is ResultadoDeCampo {
  const r = v as ResultadoDeCampo | null;
  return !!r && typeof r.idCliente === 'string' && ['aceptado', 'rechazado', 'conflicto'].includes(r.resultado) && Array.isArray(r.motivos);
}

/** A request whose failure (no network, a dropped connection) stops the run. */
async function llamar(http: Http, url: string, init: RequestInit): Promise<Response> {
  try {
    return await http(url, { credentials: 'same-origin', ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch {
    throw new Parada('sin-red');
  }
}

/** The body of an answer; a connection cut while it arrived is a cut like any other. */
async function cuerpo(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    throw new Parada(res.ok ? 'sin-red' : 'servidor');
  }
}

/**
 * A refusal of the request itself (the body did not pass the contract's schema: 400/413/415/422): sending
 * the same record again would get the same answer, so it is kept as refused, with the server's words,
 * for the brigadista to fix.
 */
async function rechazoDeLaPeticion(res: Response, idCliente: string, ahora: () => Date): Promise<ResultadoDeCampo> {
  const body = (await cuerpo(res)) as { error?: { code?: string; message?: string } } | null;
  const mensaje = body?.error?.message ?? `El servidor no aceptó el registro (HTTP ${res.status}).`;
  return { idCliente, resultado: 'rechazado', folio: null, solicitud: null, motivos: [{ codigo: body?.error?.code ?? `HTTP_${res.status}`, mensaje, campo: null }], recibidoEn: ahora().toISOString() };
}

async function respuesta(res: Response, idCliente: string, ahora: () => Date): Promise<ResultadoDeCampo> {
  if (res.status === 401 || res.status === 403) throw new Parada('sin-sesion');
  if (res.ok) {
    const r = await cuerpo(res);
    if (!esResultado(r)) throw new Parada('servidor');
    return r;
  }
  if ([400, 413, 415, 422].includes(res.status)) return rechazoDeLaPeticion(res, idCliente, ahora);
  throw new Parada('servidor');
}

/** What the server answered for a record sent before without an answer; null when it never got it. */
async function preguntar(http: Http, idCliente: string, ahora: () => Date): Promise<ResultadoDeCampo | null> {
  const res = await llamar(http, `/api/campo/registros/${encodeURIComponent(idCliente)}`, { method: 'GET' });
  if (res.status === 404) return null;
  return respuesta(res, idCliente, ahora);
}

function formulario(p: ParaEnviar): FormData {
  const form = new FormData();
  // The record first: the server reads it before the files.
  form.append('registro', JSON.stringify(p.registro));
  for (const foto of p.fotos) form.append(`documento:${foto.tipo}`, foto.archivo, foto.nombre);
  return form;
}

async function enviarUno(cola: Cola, http: Http, idCliente: string, ahora: () => Date): Promise<ResultadoDeCampo> {
  const p = await cola.cargar(idCliente);
  if (p.sinRespuesta) {
    const previo = await preguntar(http, idCliente, ahora);
    if (previo) return previo;
  } else await cola.marcarSinRespuesta(idCliente);
  const res = await llamar(http, '/api/campo/registros', { method: 'POST', body: formulario(p) });
  return respuesta(res, idCliente, ahora);
}

/** Sends the queue until it is empty or a cut stops it; each answer is kept as soon as it arrives. */
export async function sincronizar(cola: Cola, http: Http, opciones: { ahora?: () => Date; progreso?: (p: Progreso) => void } = {}): Promise<Resumen> {
  const ahora = opciones.ahora ?? (() => new Date());
  const ids = await cola.pendientes();
  const resumen: Resumen = { aceptados: 0, rechazados: 0, conflictos: 0, quedan: ids.length, detenida: null, mensaje: null };
  for (const [i, idCliente] of ids.entries()) {
    opciones.progreso?.({ enviados: i, total: ids.length, idCliente });
    try {
      const r = await enviarUno(cola, http, idCliente, ahora);
      await cola.guardarResultado(idCliente, r);
      resumen.quedan -= 1;
      if (r.resultado === 'aceptado') resumen.aceptados += 1;
      else if (r.resultado === 'rechazado') resumen.rechazados += 1;
      else resumen.conflictos += 1;
    } catch (error) {
      if (!(error instanceof Parada)) throw error;
      return { ...resumen, detenida: error.motivo, mensaje: error.message };
    }
  }
  opciones.progreso?.({ enviados: ids.length, total: ids.length, idCliente: '' });
  return resumen;
}
