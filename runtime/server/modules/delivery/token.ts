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
