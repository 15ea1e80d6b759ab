/**
 * The report's download with progress: the bytes counted as they arrive against the server's
 * estimate, the file whole at the end, the server's refusals as its Spanish message, and a
 * cancellation told apart from a failure.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cancelada, descargar, leerConAvance, nombreDeArchivo, porcentaje, type AvanceDescarga } from './descarga.ts';

function streamOf(pieces: string[], fail = false): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      if (fail) controller.error(new TypeError('network error'));
      else controller.close();
    },
  });
}

const HEADERS = { 'content-type': 'text/csv; charset=utf-8', 'x-bytes-estimados': '30', 'x-filas-estimadas': '3', 'content-disposition': 'attachment; filename="reporte-solicitudes-2026-11-24.csv"' };

afterEach(() => vi.unstubAllGlobals());

describe('reading a report with progress', () => {
  it('counts the bytes against the estimate and keeps the whole file', async () => {
    const pieces = ['Id,CURP\n', '1,AAAA\n', '2,BBBB\n', '3,CCCC\n'];
    const seen: AvanceDescarga[] = [];
    let clock = 0;
    const blob = await leerConAvance(new Response(streamOf(pieces), { headers: HEADERS }), (a) => seen.push(a), () => (clock += 100));
    expect(await blob.text()).toBe(pieces.join(''));
    expect(blob.type).toBe('text/csv; charset=utf-8');
    expect(seen[0]).toEqual({ recibidos: 0, estimados: 30, filas: 3 });
    expect(seen.at(-1)).toEqual({ recibidos: 29, estimados: 30, filas: 3 });
    // Reported at most every 200 ms of the clock: not at every piece.
    expect(seen.length).toBeLessThan(pieces.length + 2);
    expect(seen.map((a) => a.recibidos)).toEqual([...seen.map((a) => a.recibidos)].sort((x, y) => x - y));
  });

  it('the percent stays under 100 until the end, and is unknown without an estimate', () => {
    expect(porcentaje({ recibidos: 15, estimados: 30, filas: 3 })).toBe(50);
    expect(porcentaje({ recibidos: 45, estimados: 30, filas: 3 })).toBe(99);
    expect(porcentaje({ recibidos: 45, estimados: null, filas: null })).toBeNull();
    expect(porcentaje({ recibidos: 0, estimados: 0, filas: 0 })).toBeNull();
  });

  it('saves the file under the name the server gives', () => {
    expect(nombreDeArchivo(HEADERS['content-disposition'], '/api/x.csv?programa=a')).toBe('reporte-solicitudes-2026-11-24.csv');
    expect(nombreDeArchivo(null, '/api/funcionario/reportes/solicitudes.xlsx?estado=Aprobada')).toBe('solicitudes.xlsx');
  });
});

describe('downloading a report', () => {
  it('a refusal is the server’s message', async () => {
    const refusal = { error: { code: 'VALIDATION_FAILED', message: 'Los filtros no pueden llevar caracteres de control.' } };
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(refusal), { status: 400, headers: { 'content-type': 'application/json' } }));
    await expect(descargar('/api/x.csv', new AbortController().signal, () => undefined)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: refusal.error.message });
  });

  it('a file that breaks off is a failure with its own message', async () => {
    vi.stubGlobal('fetch', async () => new Response(streamOf(['Id\n', '1\n'], true), { headers: HEADERS }));
    const error = await descargar('/api/x.csv', new AbortController().signal, () => undefined).catch((e: unknown) => e);
    expect(cancelada(error)).toBe(false);
    expect(error).toMatchObject({ code: 'DOWNLOAD_INTERRUPTED', message: expect.stringMatching(/se interrumpió/) });
  });

  it('a cancellation is told apart from a failure', async () => {
    const controller = new AbortController();
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode('Id\n'));
          init.signal?.addEventListener('abort', () => c.error(new DOMException('The operation was aborted.', 'AbortError')));
        },
      });
      return new Response(body, { headers: HEADERS });
    });
    const download = descargar('/api/x.csv', controller.signal, (a) => a.recibidos > 0 && controller.abort());
    const error = await download.catch((e: unknown) => e);
    expect(cancelada(error)).toBe(true);
  });

  it('a good download gives the file and its name', async () => {
    vi.stubGlobal('fetch', async () => new Response(streamOf(['Id\n', '1\n']), { headers: HEADERS }));
    const { archivo, nombre } = await descargar('/api/x.csv', new AbortController().signal, () => undefined);
    expect([await archivo.text(), nombre]).toEqual(['Id\n1\n', 'reporte-solicitudes-2026-11-24.csv']);
  });
});
