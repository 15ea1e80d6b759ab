/**
 * Where a loaded roll («lote») stands, in the words the officials' side shows: the server moves a
 * batch through these and the browser only reads them (browser-safe, no I/O).
 */
export const BATCH_STATES = {
  recibido: { label: 'Archivo recibido: falta asignar columnas', working: false },
  revisando: { label: 'Revisando filas', working: true },
  revisado: { label: 'Revisado: listo para cargar', working: false },
  cargando: { label: 'Cargando al padrón', working: true },
  cargado: { label: 'Cargado', working: false },
  cancelando: { label: 'Cancelando', working: true },
  cancelado: { label: 'Cancelado', working: false },
  deshaciendo: { label: 'Deshaciendo la carga', working: true },
  deshecho: { label: 'Carga deshecha', working: false },
  fallido: { label: 'Falló', working: false },
} as const;

export type BatchState = keyof typeof BATCH_STATES;

export function batchStateLabel(state: string): string {
  return (BATCH_STATES as Record<string, { label: string }>)[state]?.label ?? state;
}

/** Whether a batch in this state is at work (a job moves it on): the screen polls and shows progress. */
export function batchIsWorking(state: string): boolean {
  return (BATCH_STATES as Record<string, { working: boolean }>)[state]?.working ?? false;
}
