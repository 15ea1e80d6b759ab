import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from '../../errors.ts';
import { isUuid } from '../applications/index.ts';

import { ORDERS, type Orden } from '../../../api/queue.ts';

export { ORDERS };
export type Order = Orden;

/**
 * Where a page ended, in the sort order's own keys: the submission instant (microseconds, as
 * text, so no two rows of the same millisecond are confused), the normalised name, or the
 * program and folio number; always the application id last, which makes the position unique.
 */
export type Position =
  | { orden: 'fecha_desc' | 'fecha_asc'; fecha: string; id: string }
  | { orden: 'nombre'; nombre: string; id: string }
  | { orden: 'folio'; programa: string; numero: string; id: string };

/** Who a cursor is for: the server's secret and the official it was given to. */
export interface CursorOwner {
  secret: string;
  officialId: string;
}

const INVALID = 'La referencia de página («despues») no es válida; vuelve a la primera página.';
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{6})Z$/;
const MAX_VALUE_LENGTH = 300;

/**
 * Cursors are sealed with AES-256-GCM: a position in name order holds the last row's name, which
 * roles without personal data must not read (paging one row at a time would otherwise unmask
 * every applicant), and a client must not be able to forge a position either. The key is derived
 * from the server's secret with HKDF (its own label, so it is no other key SIPROS derives); the
 * official's id is authenticated with it, so a cursor works only for the official it was given
 * to. The secret is shared by every process of an installation, so any of them reads the cursor.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const keys = new Map<string, Buffer>();

function cursorKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'sipros', 'sipros/cola/cursor/v1', 32));
    keys.set(secret, key);
  }
  return key;
}

function associatedData(owner: CursorOwner): Buffer {
  return Buffer.from(`cursor:${VERSION}:${owner.officialId}`);
}

function seal(plaintext: string, owner: CursorOwner): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', cursorKey(owner.secret), iv);
  cipher.setAAD(associatedData(owner));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The plaintext of a cursor sealed for this owner, or null (tampered, foreign, truncated, another key). */
function open(text: string, owner: CursorOwner): string | null {
  const raw = Buffer.from(text, 'base64url');
  if (raw.length <= 1 + IV_BYTES + TAG_BYTES || raw[0] !== VERSION) return null;
  const iv = raw.subarray(1, 1 + IV_BYTES);
  const tag = raw.subarray(raw.length - TAG_BYTES);
  const body = raw.subarray(1 + IV_BYTES, raw.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', cursorKey(owner.secret), iv);
    decipher.setAAD(associatedData(owner));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** Opaque to clients: the sort order's keys, sealed for the official who asked. */
export function encodeCursor(position: Position, owner: CursorOwner): string {
  const values =
    position.orden === 'nombre' ? [position.nombre] : position.orden === 'folio' ? [position.programa, position.numero] : [position.fecha];
  return seal(JSON.stringify([position.orden, ...values, position.id]), owner);
}

function refused(): AppError {
  return new AppError('BAD_REQUEST', INVALID);
}

function parse(text: string, owner: CursorOwner): string[] {
  const plaintext = open(text, owner);
  if (plaintext === null) throw refused();
  try {
    const value = JSON.parse(plaintext) as unknown;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length <= MAX_VALUE_LENGTH)) return value;
  } catch {
    // falls through to the refusal
  }
  throw refused();
}

/**
 * Whether a cursor's instant is a real one that PostgreSQL reads back as the same instant: the
 * shape alone lets month 13 or 9999-99-99 through, which the database would refuse with an error.
 */
export function isRealInstant(text: string): boolean {
  const parts = TIMESTAMP.exec(text);
  if (!parts) return false;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

/** Reads a cursor back; it must have been sealed for this official and made for the same sort order. */
export function decodeCursor(text: string, orden: Order, owner: CursorOwner): Position {
  const [kind, ...rest] = parse(text, owner);
  const id = rest[rest.length - 1];
  if (kind !== orden || !id || !isUuid(id)) throw refused();
  if ((orden === 'fecha_desc' || orden === 'fecha_asc') && rest.length === 2 && isRealInstant(rest[0])) return { orden, fecha: rest[0], id };
  if (orden === 'nombre' && rest.length === 2) return { orden, nombre: rest[0], id };
  if (orden === 'folio' && rest.length === 3 && /^\d{1,18}$/.test(rest[1])) return { orden, programa: rest[0], numero: rest[1], id };
  throw refused();
}
