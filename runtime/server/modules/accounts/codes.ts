import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { VerificationCode } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';

/** What a code proves: the phone belongs to the citizen, or the right to set a new password. */
export type CodePurpose = 'telefono' | 'contrasena';

export const CODE_TTL_MINUTES = 10;
export const MAX_CODE_ATTEMPTS = 5;
/** Resending: at least this long between two codes, and at most MAX_CODES_PER_HOUR per purpose. */
export const RESEND_INTERVAL_SECONDS = 60;
export const MAX_CODES_PER_HOUR = 5;

/** Six digits from the CSPRNG; leading zeros kept, so every one of the 10⁶ codes is possible. */
export function generateCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * HMAC-SHA256 keyed with the server secret over the row id and the code: a leaked table alone
 * does not let anyone test the 10⁶ candidates, and equal codes of two rows hash differently.
 */
export function hashCode(secret: string, codeId: string, code: string): string {
  return createHmac('sha256', secret).update(`${codeId}:${code}`).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface IssuedCode {
  id: string;
  code: string;
}

/**
 * Creates a new code in the caller's unit of work; older unused codes of the same purpose are
 * closed (marked used) so only the newest one SMS'd to the person works.
 */
export async function issueCode(em: EntityManager, input: { citizenId: string; purpose: CodePurpose; now: Date; secret: string }): Promise<IssuedCode> {
  const { citizenId, purpose, now, secret } = input;
  await em.nativeUpdate(VerificationCode, { citizen: citizenId, purpose, usedAt: null }, { usedAt: now });
  const id = randomUUID();
  const code = generateCode();
  em.create(VerificationCode, {
    id,
    citizen: citizenId,
    purpose,
    codeHash: hashCode(secret, id, code),
    attempts: 0,
    expiresAt: new Date(now.getTime() + CODE_TTL_MINUTES * 60_000),
    usedAt: null,
    createdAt: now,
  });
  return { id, code };
}

function attemptsLeftMessage(left: number): string {
  return `El código no es correcto. Te ${left === 1 ? 'queda 1 intento' : `quedan ${left} intentos`}.`;
}

/**
 * Adds one attempt unless the code is used or out of attempts; returns the count after it (the
 * real one, also when other guesses run at the same time), or null when no attempt was left.
 */
async function countAttempt(em: EntityManager, codeId: string): Promise<number | null> {
  const rows: Array<{ attempts: number }> = await em
    .getConnection()
    .execute('update verification_code set attempts = attempts + 1 where id = ? and used_at is null and attempts < ? returning attempts', [codeId, MAX_CODE_ATTEMPTS], 'all', em.getTransactionContext());
  return rows.length > 0 ? rows[0].attempts : null;
}

/**
 * Checks a code typed by the citizen and, when right, consumes it. Each guess is counted with
 * an atomic, immediately committed update (never rolled back with the request), so neither
 * parallel guesses nor a failing request can go past MAX_CODE_ATTEMPTS.
 * Throws CODE_INVALID, CODE_EXPIRED or TOO_MANY_ATTEMPTS.
 */
export async function consumeCode(em: EntityManager, input: { citizenId: string; purpose: CodePurpose; code: string; now: Date; secret: string }): Promise<void> {
  const { citizenId, purpose, code, now, secret } = input;
  const row = await em.findOne(VerificationCode, { citizen: citizenId, purpose, usedAt: null }, { orderBy: { createdAt: 'desc' } });
  if (!row) throw new AppError('CODE_INVALID', 'No tienes un código vigente; pide uno nuevo.');
  if (row.attempts >= MAX_CODE_ATTEMPTS) throw new AppError('TOO_MANY_ATTEMPTS');
  if (row.expiresAt.getTime() <= now.getTime()) throw new AppError('CODE_EXPIRED');

  const attempts = await countAttempt(em, row.id);
  if (attempts === null) throw new AppError('TOO_MANY_ATTEMPTS');

  if (!sameHash(row.codeHash, hashCode(secret, row.id, code))) {
    if (attempts >= MAX_CODE_ATTEMPTS) throw new AppError('TOO_MANY_ATTEMPTS');
    throw new AppError('CODE_INVALID', attemptsLeftMessage(MAX_CODE_ATTEMPTS - attempts));
  }
  // Conditional on usedAt: of two requests with the right code (a double click), only one wins.
  const used = await em.nativeUpdate(VerificationCode, { id: row.id, usedAt: null }, { usedAt: now });
  if (used === 0) throw new AppError('CODE_INVALID', 'Este código ya se usó; pide uno nuevo.');
}

/**
 * Throws RATE_LIMITED (with the wait in Spanish) when a new code of this purpose would come too
 * soon after the last one or exceed the hourly allowance; SMS cost money and annoy people.
 */
export async function assertMayIssueCode(em: EntityManager, input: { citizenId: string; purpose: CodePurpose; now: Date }): Promise<void> {
  const wait = await secondsUntilNextCode(em, input);
  if (wait > 0) {
    const text = wait >= 120 ? `${Math.ceil(wait / 60)} minutos` : `${wait} segundos`;
    throw new AppError('RATE_LIMITED', `Ya te enviamos un código hace poco; espera ${text} para pedir otro.`);
  }
}

/** 0 when a new code may be sent now, else how many seconds to wait. */
export async function secondsUntilNextCode(em: EntityManager, input: { citizenId: string; purpose: CodePurpose; now: Date }): Promise<number> {
  const { citizenId, purpose, now } = input;
  const hourAgo = new Date(now.getTime() - 3600_000);
  const recent = await em.find(VerificationCode, { citizen: citizenId, purpose, createdAt: { $gt: hourAgo } }, { orderBy: { createdAt: 'desc' }, fields: ['createdAt'], limit: MAX_CODES_PER_HOUR });
  if (recent.length === 0) return 0;
  const sinceLast = (now.getTime() - recent[0].createdAt.getTime()) / 1000;
  let wait = Math.max(0, RESEND_INTERVAL_SECONDS - sinceLast);
  if (recent.length >= MAX_CODES_PER_HOUR) {
    // The oldest of the last MAX_CODES_PER_HOUR leaves the one-hour window first.
    const oldest = recent[recent.length - 1].createdAt.getTime();
    wait = Math.max(wait, (oldest + 3600_000 - now.getTime()) / 1000);
  }
  return Math.ceil(wait);
}
