/** The queue's filters as the address carries them, and its orders. */
import type { Filtros, Orden } from '../api.ts';

export const ORDENES: Array<{ value: Orden; label: string }> = [
  { value: 'fecha_desc', label: 'Más recientes primero' },
  { value: 'fecha_asc', label: 'Más antiguas primero' },
  { value: 'folio', label: 'Folio' },
  { value: 'nombre', label: 'Nombre' },
];

export const FILTER_KEYS = ['programa', 'proceso', 'estado', 'q', 'orden'] as const;

/** The filters in an address's query string (empty values are no filter). */
export function filtrosDe(params: URLSearchParams): Filtros {
  const f: Filtros = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) (f as Record<string, string>)[k] = v;
  }
  return f;
}

/** The query string of a set of filters, keeping the page size of the current address. */
export function direccionDe(f: Filtros, limite: string | null): URLSearchParams {
  const next = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) next.set(k, f[k]!);
  if (limite) next.set('limite', limite);
  return next;
}
