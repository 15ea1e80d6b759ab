import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The delivery QR's content: `SIPROS1.<tokenId>.<hmac>`. The token id is 128 random bits stored
 * on the application (unguessable, so a folio or a CURP can never be turned into a valid QR);
 * the HMAC-SHA256 with the server secret lets an official's scan be refused before touching the
 * database when the text was typed wrong or made up. The version prefix leaves room to change
 * the format without misreading old QR codes.
 */
export const TOKEN_PREFIX = 'SIPROS1';
const TOKEN_ID = /^[A-Za-z0-9_-]{22}$/; // 16 bytes in base64url
const MAC = /^[A-Za-z0-9_-]{43}$/; // 32 bytes in base64url

/** A fresh random token id (128 bits, base64url). */
export function newDeliveryTokenId(): string {
  return randomBytes(16).toString('base64url');
}

function mac(secret: string, tokenId: string): Buffer {
  return createHmac('sha256', secret).update(tokenId).digest();
}

/** The text the citizen's QR carries. */
export function signDeliveryToken(secret: string, tokenId: string): string {
  return `${TOKEN_PREFIX}.${tokenId}.${mac(secret, tokenId).toString('base64url')}`;
}

/** The token id of a well-formed token with a valid signature; null for anything else. */
export function verifyDeliveryToken(secret: string, token: string): string | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  const [prefix, tokenId, signature] = parts;
  if (prefix !== TOKEN_PREFIX || !TOKEN_ID.test(tokenId) || !MAC.test(signature)) return null;
  // Compare the text, not the decoded bytes: the last base64url character carries spare bits, so
  // several texts decode to the same bytes and a changed character could otherwise still verify.
  const given = Buffer.from(signature, 'ascii');
  const expected = Buffer.from(mac(secret, tokenId).toString('base64url'), 'ascii');
  // Constant-time comparison: the time taken must not tell how much of a forged signature was right.
  return given.length === expected.length && timingSafeEqual(given, expected) ? tokenId : null;
}

/**
 * The short delivery code, for when no camera can read the QR: ten characters a person can dictate
 * at a counter («K7QMX-4Z9AB»), from an alphabet without the look-alikes 0/O, 1/I/L. Nine are random
 * (31^9 ≈ 2.6·10^13, guessed only by brute force, which the route's limits stop) and the tenth is a
 * check character: a weighted sum modulo 31, a prime, so any one wrong character and any two
 * swapped neighbours are caught on the official's side before the database is asked.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_RANDOM_LENGTH = 9;
export const CODE_LENGTH = CODE_RANDOM_LENGTH + 1;

function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 2) * CODE_ALPHABET.indexOf(body[i]);
  // The check character has weight 1, so the whole code's weighted sum is 0 modulo 31.
  return CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/** A fresh short code (stored on the application, unique). */
export function newDeliveryCode(): string {
  // Rejection sampling: bytes 248–255 would make the first seven symbols likelier.
  let body = '';
  while (body.length < CODE_RANDOM_LENGTH) {
    for (const byte of randomBytes(16)) if (byte < 248 && body.length < CODE_RANDOM_LENGTH) body += CODE_ALPHABET[byte % 31];
  }
  return body + checkCharacter(body);
}

/** «K7QMX4Z9AB» → «K7QMX-4Z9AB», the way the citizen sees it and dictates it. */
export function formatDeliveryCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export type CodeReading = { kind: 'qr'; token: string } | { kind: 'code'; code: string } | { kind: 'malformed' } | { kind: 'mistyped' };

/**
 * What an official typed or scanned: the QR's text, a short code (case, spaces and dashes
 * ignored), a text that is neither, or a short code whose check character does not match.
 */
export function readDeliveryInput(text: string): CodeReading {
  const trimmed = text.trim();
  if (trimmed.startsWith(`${TOKEN_PREFIX}.`)) return { kind: 'qr', token: trimmed };
  const code = trimmed.toUpperCase().replace(/[\s-]+/g, '');
  if (code.length !== CODE_LENGTH || [...code].some((c) => !CODE_ALPHABET.includes(c))) return { kind: 'malformed' };
  return checkCharacter(code.slice(0, CODE_RANDOM_LENGTH)) === code[CODE_RANDOM_LENGTH] ? { kind: 'code', code } : { kind: 'mistyped' };
}
