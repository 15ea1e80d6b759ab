/**
 * The queue's sending against a fake server that keeps one answer per idCliente (as the contract says):
 * a cut in the middle of 200 records with photos and the resumption, no record sent again once answered,
 * an answer lost on the way resolved by asking GET /api/campo/registros/:id, and the stops for a session
 * that ended or a refused request.
 */
import { describe, expect, it } from 'vitest';
import { sincronizar, type Cola, type ParaEnviar } from './sync.ts';
import type { RegistroDeCampo, ResultadoDeCampo } from './registro.ts';

const AHORA = () => new Date('2026-12-06T10:00:00Z');

function registro(i: number): RegistroDeCampo {
  const idCliente = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return {
    idCliente,
    programa: 'tarjeta-contigo',
    version: 1,
    persona: { curp: 'HELG850304MQTRPD09', nombres: `Persona ${i}`, primerApellido: 'López', fechaNacimiento: '1985-03-04', sexo: 'M', telefono: '4421234567' },
    respuestas: { i },
    consentimiento: { aceptado: true, texto: 'Autorizo.', capturadoEn: '2026-12-06T09:00:00Z' },
    capturadoEn: '2026-12-06T09:00:00Z',
  };
}

/** The device's queue in memory: records with their photos, answers kept as they come. */
function colaEnMemoria(n: number) {
  const registros = Array.from({ length: n }, (_, i) => registro(i + 1));
  const sinRespuesta = new Set<string>();
  const resultados = new Map<string, ResultadoDeCampo>();
  const cola: Cola = {
    pendientes: async () => registros.map((r) => r.idCliente).filter((id) => !resultados.has(id)),
    cargar: async (id): Promise<ParaEnviar> => ({
      registro: registros.find((r) => r.idCliente === id)!,
      fotos: [{ tipo: 'identificacion', nombre: 'ine.jpg', archivo: new Blob([new Uint8Array(2048)], { type: 'image/jpeg' }) }],
      sinRespuesta: sinRespuesta.has(id),
    }),
    marcarSinRespuesta: async (id) => void sinRespuesta.add(id),
    guardarResultado: async (id, r) => {
      sinRespuesta.delete(id);
      resultados.set(id, r);
    },
  };
  return { cola, resultados, sinRespuesta, ids: registros.map((r) => r.idCliente) };
}

type Corte = 'antes' | 'sin-respuesta' | null;

/**
 * The server: one application per idCliente, the same answer to the same id. `corte(n)` decides the n-th
 * POST's fate: lost before arriving, or processed with its answer lost on the way back.
 */
function servidorFalso(opciones: { corte?: (n: number) => Corte; rechazar?: (r: RegistroDeCampo) => string | null } = {}) {
  const answers = new Map<string, ResultadoDeCampo>();
  const posts: string[] = [];
  const gets: string[] = [];
  const fotos: string[] = [];
  let creadas = 0;
  const procesar = (r: RegistroDeCampo): ResultadoDeCampo => {
    const previa = answers.get(r.idCliente);
    if (previa) return previa;
    const motivo = opciones.rechazar?.(r) ?? null;
    const result: ResultadoDeCampo = motivo
      ? { idCliente: r.idCliente, resultado: 'rechazado', folio: null, solicitud: null, motivos: [{ codigo: 'NOT_ELIGIBLE', mensaje: motivo, campo: null }], recibidoEn: AHORA().toISOString() }
      : { idCliente: r.idCliente, resultado: 'aceptado', folio: `QRO-2026-${String(++creadas).padStart(6, '0')}`, solicitud: `s${creadas}`, motivos: [], recibidoEn: AHORA().toISOString() };
    answers.set(r.idCliente, result);
    return result;
  };
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    if (init?.method === 'GET') {
      const id = decodeURIComponent(url.split('/').pop()!);
      gets.push(id);
      const a = answers.get(id);
      return a ? json(a) : json({ error: { code: 'NOT_FOUND', message: 'No existe.' } }, 404);
    }
    const form = init!.body as FormData;
    const r = JSON.parse(String(form.get('registro'))) as RegistroDeCampo;
    posts.push(r.idCliente);
    const corte = opciones.corte?.(posts.length) ?? null;
    if (corte === 'antes') throw new TypeError('Failed to fetch');
    for (const [name, value] of form.entries()) if (name.startsWith('documento:') && value instanceof Blob) fotos.push(`${r.idCliente}:${name}`);
    const result = procesar(r);
    if (corte === 'sin-respuesta') throw new TypeError('network error: connection reset');
    return json(result);
  };
  return { fetch, answers, posts, gets, fotos, creadas: () => creadas };
}

const veces = (list: string[], id: string) => list.filter((x) => x === id).length;

describe('sincronizar', () => {
  it('200 records with photos: a cut in the middle stops the run, the next run resumes from the cut record, and every record gives one application', async () => {
    const { cola, resultados, ids } = colaEnMemoria(200);
    const server = servidorFalso({ corte: (n) => (n === 120 ? 'antes' : null) });

    const primera = await sincronizar(cola, server.fetch, { ahora: AHORA });
    expect(primera).toMatchObject({ aceptados: 119, quedan: 81, detenida: 'sin-red' });
    expect(primera.mensaje).toMatch(/No hay conexión con el servidor/);
    expect(resultados.size).toBe(119);

    const segunda = await sincronizar(cola, server.fetch, { ahora: AHORA });
    expect(segunda).toMatchObject({ aceptados: 81, quedan: 0, detenida: null });
    expect(server.creadas()).toBe(200);
    expect(new Set([...resultados.values()].map((r) => r.folio)).size).toBe(200);
    // The cut record: asked about first (the server never got it), then sent once more; no other record twice.
    expect(server.gets).toEqual([ids[119]]);
    expect(veces(server.posts, ids[119])).toBe(2);
    expect(server.posts.length).toBe(201);
    // Every photo reached the server with its record.
    expect(new Set(server.fotos).size).toBe(200);
  });

  it('sends nothing again once every record has its answer', async () => {
    const { cola } = colaEnMemoria(5);
    const server = servidorFalso();
    expect(await sincronizar(cola, server.fetch, { ahora: AHORA })).toMatchObject({ aceptados: 5, quedan: 0 });
    const before = server.posts.length;
    expect(await sincronizar(cola, server.fetch, { ahora: AHORA })).toMatchObject({ aceptados: 0, quedan: 0, detenida: null });
    expect(server.posts.length).toBe(before);
    expect(server.gets).toEqual([]);
  });

  it('an answer lost on the way back is asked for with GET and kept; the record is not sent again', async () => {
    const { cola, resultados, sinRespuesta, ids } = colaEnMemoria(200);
    const server = servidorFalso({ corte: (n) => (n === 50 ? 'sin-respuesta' : null) });
    expect(await sincronizar(cola, server.fetch, { ahora: AHORA })).toMatchObject({ aceptados: 49, detenida: 'sin-red' });
    expect(sinRespuesta.has(ids[49])).toBe(true);
    expect(await sincronizar(cola, server.fetch, { ahora: AHORA })).toMatchObject({ aceptados: 151, quedan: 0, detenida: null });
    expect(server.gets).toEqual([ids[49]]);
    expect(veces(server.posts, ids[49])).toBe(1);
    expect(server.creadas()).toBe(200);
    expect(resultados.get(ids[49])?.folio).toBe(server.answers.get(ids[49])?.folio);
  });

  it('keeps the server\'s refusal with its Spanish reason and goes on with the next record', async () => {
    const { cola, resultados, ids } = colaEnMemoria(3);
    const server = servidorFalso({ rechazar: (r) => (r.idCliente === ids[1] ? 'La persona ya recibe un apoyo de otro programa.' : null) });
    expect(await sincronizar(cola, server.fetch, { ahora: AHORA })).toMatchObject({ aceptados: 2, rechazados: 1, quedan: 0 });
    expect(resultados.get(ids[1])).toMatchObject({ resultado: 'rechazado', motivos: [{ mensaje: 'La persona ya recibe un apoyo de otro programa.' }] });
  });

  it('stops when the session ended, keeping the record in the queue', async () => {
    const { cola, resultados } = colaEnMemoria(2);
    const fetch = async () => new Response(JSON.stringify({ error: { code: 'AUTH_REQUIRED', message: 'Inicia sesión.' } }), { status: 401 });
    expect(await sincronizar(cola, fetch, { ahora: AHORA })).toMatchObject({ detenida: 'sin-sesion', quedan: 2 });
    expect(resultados.size).toBe(0);
  });

  it('a request the server refuses as malformed (400) is kept as refused with the server\'s message', async () => {
    const { cola, resultados, ids } = colaEnMemoria(1);
    const fetch = async () => new Response(JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: 'El registro no tiene la forma esperada.' } }), { status: 400 });
    expect(await sincronizar(cola, fetch, { ahora: AHORA })).toMatchObject({ rechazados: 1, quedan: 0 });
    expect(resultados.get(ids[0])?.motivos).toEqual([{ codigo: 'VALIDATION_FAILED', mensaje: 'El registro no tiene la forma esperada.', campo: null }]);
  });

  it('a server error (500) stops the run and keeps the record waiting', async () => {
    const { cola, sinRespuesta, ids } = colaEnMemoria(2);
    const fetch = async () => new Response('oops', { status: 500 });
    expect(await sincronizar(cola, fetch, { ahora: AHORA })).toMatchObject({ detenida: 'servidor', quedan: 2 });
    expect(sinRespuesta.has(ids[0])).toBe(true);
  });
});
