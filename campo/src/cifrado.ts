/**
 * Encryption at rest of what the brigadista captures (people's data, answers, photos) and of the package
 * (the work list names people). AES-GCM with a key derived from the brigadista's PIN by PBKDF2-SHA-256;
 * the key lives only in memory while the app is open and is not extractable. AES-GCM authenticates: a
 * wrong PIN gives a key that opens nothing (the check value fails), so a wrong PIN decrypts nothing.
 */

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about a third of a second on a mid-range phone. */
export const ITERACIONES = 310_000;
const TEXTO_DE_PRUEBA = 'sipros-campo';

/** A value sealed with the key: its nonce and the ciphertext (with the GCM tag). */
export interface Sellado {
  iv: Uint8Array<ArrayBuffer>;
  datos: ArrayBuffer;
}

export class PinIncorrecto extends Error {
  constructor() {
    super('El PIN no es correcto. Revisa que sea el que elegiste para este dispositivo.');
    this.name = 'PinIncorrecto';
  }
}

export function salNueva(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(16));
}

export async function derivarClave(pin: string, sal: Uint8Array<ArrayBuffer>, iteraciones = ITERACIONES): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', salt: sal, iterations: iteraciones, hash: 'SHA-256' }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export async function sellarBytes(clave: CryptoKey, bytes: BufferSource): Promise<Sellado> {
  // A fresh 96-bit nonce per value: never reused with the same key.
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { iv, datos: await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, clave, bytes) };
}

export async function abrirBytes(clave: CryptoKey, sellado: Sellado): Promise<ArrayBuffer> {
  try {
    return await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sellado.iv }, clave, sellado.datos);
  } catch {
    throw new PinIncorrecto();
  }
}

export async function sellar(clave: CryptoKey, valor: unknown): Promise<Sellado> {
  return sellarBytes(clave, new TextEncoder().encode(JSON.stringify(valor)));
}

export async function abrir<T>(clave: CryptoKey, sellado: Sellado): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await abrirBytes(clave, sellado))) as T;
}

/** The check value kept beside the salt: opening it tells whether a PIN is the right one. */
export function sellarPrueba(clave: CryptoKey): Promise<Sellado> {
  return sellar(clave, TEXTO_DE_PRUEBA);
}

/** The key of `pin` when it opens the check value; PinIncorrecto otherwise. */
export async function claveSiEsCorrecto(pin: string, sal: Uint8Array<ArrayBuffer>, iteraciones: number, prueba: Sellado): Promise<CryptoKey> {
  const clave = await derivarClave(pin, sal, iteraciones);
  if ((await abrir<string>(clave, prueba)) !== TEXTO_DE_PRUEBA) throw new PinIncorrecto();
  return clave;
}
