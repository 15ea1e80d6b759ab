/** What the loading screens read: a batch with its progress, sample rows, and the refused rows to download. */
import { batchIsWorking, batchStateLabel, type RowProblem } from '../../../../engine/padron/index.ts';
import type { FilaDeMuestra, Lote } from '../../../api/padron.ts';
import type { SqlClient } from '../../../db/sql.ts';
import type { BatchRow } from './batches.ts';

/** Rows of the current step done (read while reviewing; loaded from then on), the rate and the time left. */
function progressOf(batch: BatchRow, now: Date): Lote['progreso'] {
  const reviewing = batch.estado === 'revisando';
  const loadingSteps = ['cargando', 'cargado', 'cancelando', 'deshaciendo'].includes(batch.estado);
  const hechas = reviewing ? batch.revisadas : loadingSteps ? batch.cargadas : batch.filas;
  const total = reviewing ? null : loadingSteps ? batch.aceptadas : batch.filas;
  const working = batchIsWorking(batch.estado);
  const seconds = batch.iniciado_at ? (now.getTime() - new Date(batch.iniciado_at).getTime()) / 1000 : 0;
  const rate = working && seconds > 1 && hechas > 0 ? Math.round(hechas / seconds) : null;
  return { hechas, total, filasPorSegundo: rate, segundosRestantes: rate && total !== null ? Math.max(0, Math.ceil((total - hechas) / rate)) : null };
}

export function batchView(batch: BatchRow, programaNombre: string, now: Date, mapping: Pick<Lote, 'muestra' | 'mapeoRecordado'> = { muestra: null, mapeoRecordado: null }): Lote {
  return {
    id: batch.id,
    dependencia: batch.dependencia,
    programa: batch.programa,
    programaNombre,
    archivo: batch.archivo,
    tamano: batch.tamano,
    formato: batch.formato,
    codificacion: batch.codificacion,
    separador: batch.separador,
    encabezados: batch.encabezados,
    mapeo: batch.mapeo as Record<string, number>,
    estado: batch.estado,
    estadoNombre: batchStateLabel(batch.estado),
    trabajando: batchIsWorking(batch.estado),
    acciones: {
      mapear: batch.estado === 'recibido' || batch.estado === 'revisado',
      cargar: batch.estado === 'revisado',
      cancelar: ['recibido', 'revisando', 'revisado', 'cargando'].includes(batch.estado),
      deshacer: batch.estado === 'cargado',
    },
    filas: batch.filas,
    aceptadas: batch.aceptadas,
    rechazadas: batch.rechazadas,
    porCodigo: batch.por_codigo,
    yaEnPadron: batch.ya_en_padron,
    porRevisar: batch.por_revisar,
    progreso: progressOf(batch, now),
    error: batch.error,
    creadoAt: new Date(batch.created_at).toISOString(),
    terminadoAt: batch.terminado_at ? new Date(batch.terminado_at).toISOString() : null,
    ...mapping,
  };
}

/** A few staged rows of each outcome, with their problems (the preview before committing). */
export async function sampleOutcomes(sql: SqlClient, loteId: string, limit = 20): Promise<{ rechazadas: FilaDeMuestra[]; aceptadas: FilaDeMuestra[] }> {
  const pick = async (accepted: boolean) =>
    (await sql.query<{ fila: number; valores: string[]; problemas: RowProblem[] }>('select fila, valores, problemas from padron_fila where lote_id = $1 and aceptada = $2 order by fila limit $3', [loteId, accepted, limit])).rows.map(
      (r): FilaDeMuestra => ({ fila: r.fila, valores: r.valores, problemas: r.problemas.map((p) => ({ code: p.code, message: p.message, ...(p.warning ? { warning: true } : {}) })) }),
    );
  return { rechazadas: await pick(false), aceptadas: await pick(true) };
}

/** The refused rows, in file order, a page at a time (any number of them in constant memory). */
export async function* refusedRows(sql: SqlClient, loteId: string): AsyncIterable<{ fila: number; values: string[]; codigos: string[]; motivo: string }> {
  for (let after = 0; ; ) {
    const { rows } = await sql.query<{ fila: number; valores: string[]; problemas: RowProblem[] }>(
      'select fila, valores, problemas from padron_fila where lote_id = $1 and not aceptada and fila > $2 order by fila limit 5000',
      [loteId, after],
    );
    if (rows.length === 0) return;
    for (const r of rows) {
      const refusals = r.problemas.filter((p) => !p.warning);
      yield { fila: r.fila, values: r.valores, codigos: refusals.map((p) => p.code), motivo: refusals.map((p) => p.message).join(' ') };
    }
    after = rows[rows.length - 1].fila;
  }
}
