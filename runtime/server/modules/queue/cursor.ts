import { AppError } from '../../errors.ts';
import { isUuid } from '../applications/views.ts';

export const ORDERS = ['fecha_desc', 'fecha_asc', 'folio', 'nombre'] as const;
export type Order = (typeof ORDERS)[number];

/**
 * Where a page ended, in the sort order's own keys: the submission instant (microseconds, as
 * text, so no two rows of the same millisecond are confused), the normalised name, or the
 * program and folio number; always the application id last, which makes the position unique.
 */
export type Position =
  | { orden: 'fecha_desc' | 'fecha_asc'; fecha: string; id: string }
  | { orden: 'nombre'; nombre: string; id: string }
  | { orden: 'folio'; programa: string; numero: string; id: string };

const INVALID = 'La referencia de página («despues») no es válida; vuelve a la primera página.';
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Opaque to clients: base64url of a small JSON array. */
export function encodeCursor(position: Position): string {
  const values =
    position.orden === 'nombre' ? [position.nombre] : position.orden === 'folio' ? [position.programa, position.numero] : [position.fecha];
  return Buffer.from(JSON.stringify([position.orden, ...values, position.id])).toString('base64url');
}

function parse(text: string): unknown[] {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length <= 300)) return value;
  } catch {
    // falls through to the refusal
  }
  throw new AppError('BAD_REQUEST', INVALID);
}

/** Reads a cursor back; it must have been made for the same sort order. */
export function decodeCursor(text: string, orden: Order): Position {
  const [kind, ...rest] = parse(text) as string[];
  const id = rest[rest.length - 1];
  if (kind !== orden || !id || !isUuid(id)) throw new AppError('BAD_REQUEST', INVALID);
  if ((orden === 'fecha_desc' || orden === 'fecha_asc') && rest.length === 2 && TIMESTAMP.test(rest[0])) return { orden, fecha: rest[0], id };
  if (orden === 'nombre' && rest.length === 2) return { orden, nombre: rest[0], id };
  if (orden === 'folio' && rest.length === 3 && /^\d{1,18}$/.test(rest[1])) return { orden, programa: rest[0], numero: rest[1], id };
  throw new AppError('BAD_REQUEST', INVALID);
}
