/**
 * A report downloaded by the page itself instead of by a plain link, so the person sees how far it
 * has gone and may cancel it: the bytes are counted as they arrive, against the size the server
 * estimates (headers of runtime/api/reports.ts), and the file is saved when complete.
 */
import { REPORT_HEADERS } from '../../../../api/reports.ts';
import { ApiError, NETWORK_MESSAGE, SESSION_ENDED_EVENT, toApiError } from '../../api.ts';

export interface AvanceDescarga {
  recibidos: number;
  /** The server's estimate of the file's bytes (null if it sent none). */
  estimados: number | null;
  /** The server's estimate of the report's rows (null if it sent none). */
  filas: number | null;
}

export interface Descargado {
  archivo: Blob;
  nombre: string;
}

/** Received pieces are gathered into Blobs of this size, which the browser may keep off the JavaScript heap (a million rows are ~150 MB). */
const BLOQUE = 8 * 1024 * 1024;
/** The progress is reported at most this often (a large download arrives in thousands of pieces). */
const CADA_MS = 200;

const INTERRUMPIDA = 'La descarga se interrumpió antes de terminar. Intenta de nuevo.';

function numeroDe(header: string | null): number | null {
  const n = header === null ? NaN : Number(header);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** The name the server gives the file (Content-Disposition), else the last part of the address. */
export function nombreDeArchivo(disposition: string | null, url: string): string {
  const nombre = disposition ? /filename="([^"]+)"/.exec(disposition)?.[1] : undefined;
  return nombre ?? url.split('?')[0].split('/').pop() ?? 'reporte';
}

/** Percent of the estimate received, held below 100 until the download ends (the estimate may fall short); null without an estimate. */
export function porcentaje(avance: AvanceDescarga): number | null {
  if (!avance.estimados) return null;
  return Math.min(99, Math.floor((avance.recibidos / avance.estimados) * 100));
}

/** Reads a response's body to the end, reporting the progress, into one Blob. */
export async function leerConAvance(response: Response, onAvance: (avance: AvanceDescarga) => void, now: () => number = Date.now): Promise<Blob> {
  const estimados = numeroDe(response.headers.get(REPORT_HEADERS.bytes));
  const filas = numeroDe(response.headers.get(REPORT_HEADERS.rows));
  const tipo = response.headers.get('content-type') ?? '';
  const bloques: Blob[] = [];
  let piezas: Uint8Array[] = [];
  let enPiezas = 0;
  let recibidos = 0;
  let avisado = -Infinity;
  onAvance({ recibidos, estimados, filas });
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      piezas.push(value);
      enPiezas += value.length;
      recibidos += value.length;
      if (enPiezas >= BLOQUE) {
        bloques.push(new Blob(piezas as BlobPart[]));
        piezas = [];
        enPiezas = 0;
      }
      if (now() - avisado >= CADA_MS) {
        avisado = now();
        onAvance({ recibidos, estimados, filas });
      }
    }
  }
  bloques.push(new Blob(piezas as BlobPart[]));
  onAvance({ recibidos, estimados, filas });
  return new Blob(bloques, { type: tipo });
}

function esCancelacion(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || cancelada(error);
}

const CANCELADA = () => new DOMException('Cancelaste la descarga.', 'AbortError');

/**
 * Downloads `url` (same origin, the session's cookie) with progress. Errors are ApiErrors with a
 * Spanish message: the server's refusal, the network, or a file that broke off. A cancellation
 * (the signal) rejects with an AbortError, which callers tell apart with `cancelada`.
 */
export async function descargar(url: string, signal: AbortSignal, onAvance: (avance: AvanceDescarga) => void): Promise<Descargado> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', signal });
  } catch (error) {
    if (esCancelacion(error, signal)) throw CANCELADA();
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && error.code === 'AUTH_REQUIRED') window.dispatchEvent(new CustomEvent(SESSION_ENDED_EVENT));
    throw error;
  }
  try {
    const archivo = await leerConAvance(response, onAvance);
    return { archivo, nombre: nombreDeArchivo(response.headers.get('content-disposition'), url) };
  } catch (error) {
    if (esCancelacion(error, signal)) throw CANCELADA();
    throw new ApiError(0, 'DOWNLOAD_INTERRUPTED', INTERRUMPIDA);
  }
}

/** Whether a download ended because it was cancelled. */
export function cancelada(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Hands the file to the browser, which saves it as a download under `nombre`. */
export function guardar({ archivo, nombre }: Descargado): void {
  const href = URL.createObjectURL(archivo);
  const enlace = document.createElement('a');
  enlace.href = href;
  enlace.download = nombre;
  enlace.style.display = 'none';
  document.body.appendChild(enlace);
  enlace.click();
  enlace.remove();
  // The browser has taken the file once the click is handled; the address is released a while later.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
