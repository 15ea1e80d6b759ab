import argon2 from 'argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as commonPasswords from '@zxcvbn-ts/language-common';
import * as spanishWords from '@zxcvbn-ts/language-es-es';
import { AppError } from '../../errors.ts';

/**
 * argon2id with OWASP's minimum recommended cost (19 MiB, 2 passes, 1 lane): strong against GPU
 * guessing while keeping a login at a few tens of milliseconds on a modest government server.
 * The parameters travel inside each hash, so raising them later keeps old hashes verifiable.
 */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

/** False for a wrong password and for a malformed stored hash alike: neither may log anyone in. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same work as a real check when the account does not exist, so the response time
 * does not tell whether a CURP or user name has an account.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('sin-cuenta-0000');
  await verifyPassword(await dummyHash, password);
  return false;
}

// ── Policy ───────────────────────────────────────────────────────────────────

/**
 * Whose password it is. Officials open everyone's files, so theirs must be longer and harder to
 * guess. A caller that names no owner gets the officials' rule: the stricter one is the safe default.
 */
export type PasswordOwner =
  | { kind: 'ciudadano'; curp?: string | null; personalData?: readonly string[] }
  | { kind: 'funcionario'; personalData?: readonly string[] };

const OFFICIAL: PasswordOwner = { kind: 'funcionario' };

/**
 * Length and the zxcvbn score (0–4: log10 of the guesses an attacker needs, ≥ 3 means more than
 * 10⁸, 4 more than 10¹⁰). Citizens get 3 ("safe against slow offline guessing"), officials 4.
 */
export const PASSWORD_RULES = {
  ciudadano: { minLength: 10, minScore: 3 },
  funcionario: { minLength: 12, minScore: 4 },
} as const;

export type PasswordProblem = 'LONGITUD' | 'COMUN' | 'CURP';

/** Characters that count: runs of spaces count once, edges not at all, so "        1a" is 2 long. */
export function countedLength(password: string): number {
  return [...password.trim().replace(/\s+/gu, ' ')].length;
}

let estimator: ZxcvbnFactory | null = null;

/**
 * zxcvbn with its lists of leaked passwords (language-common) and Spanish words, names and
 * surnames (es-es), all bundled in the packages: nothing is downloaded at run time. Built on first
 * use (~0.2 s), so processes that never check a new password do not pay for it.
 */
function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...commonPasswords.dictionary, ...spanishWords.dictionary },
    graphs: commonPasswords.adjacencyGraphs,
    // The estimate runs on the event loop: leetspeak substitutions grow combinatorially (hundreds
    // of ms for 32 characters at the default), and beyond 64 characters the score only rises.
    l33tMaxSubstitutions: 8,
    maxLength: 64,
  });
  return estimator;
}

/** 0–4: how hard the password is to guess, also counting the person's own data as known words. */
export function guessScore(password: string, personalData: readonly string[] = []): number {
  // Accents dropped too: people often type «Maria» for «María».
  const words = personalData.flatMap((text) => text.toLowerCase().split(/[\s@._-]+/u)).filter((word) => word.length >= 3);
  const known = [...new Set([...words, ...words.map((word) => word.normalize('NFD').replace(/\p{M}/gu, ''))])];
  return strengthEstimator().check(password, known).score;
}

/** What a password lacks under the owner's policy; empty when it is acceptable. */
export function passwordProblems(password: string, owner: PasswordOwner = OFFICIAL): PasswordProblem[] {
  const rules = PASSWORD_RULES[owner.kind];
  const problems: PasswordProblem[] = [];
  if (countedLength(password) < rules.minLength) problems.push('LONGITUD');
  const curp = owner.kind === 'ciudadano' ? owner.curp : null;
  if (guessScore(password, [...(owner.personalData ?? []), ...(curp ? [curp] : [])]) < rules.minScore) problems.push('COMUN');
  // The CURP is printed on many public documents: a password containing it is no secret.
  if (curp && password.toUpperCase().replace(/[\s-]/g, '').includes(curp)) problems.push('CURP');
  return problems;
}

/** "a", "a y b", "a, b y c". */
export function spanishList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} y ${items[items.length - 1]}`;
}

/** The Spanish sentences telling the person what to do, one per problem. */
export function weakPasswordMessage(problems: readonly PasswordProblem[], owner: PasswordOwner = OFFICIAL): string {
  const sentences: string[] = [];
  if (problems.includes('LONGITUD')) sentences.push(`Usa al menos ${PASSWORD_RULES[owner.kind].minLength} caracteres (los espacios repetidos cuentan como uno).`);
  if (problems.includes('COMUN')) {
    sentences.push('Esa contraseña es común o fácil de adivinar: aparece en listas de contraseñas filtradas o sigue un patrón conocido (como una palabra y un año, o tus datos). Escribe una frase de tres o cuatro palabras que no tengan que ver contigo.');
  }
  if (problems.includes('CURP')) sentences.push('La contraseña no puede ser ni contener tu CURP.');
  return sentences.join(' ');
}

/** Throws WEAK_PASSWORD (with `details.problemas`) when the password breaks the owner's policy. */
export function assertStrongPassword(password: string, owner: PasswordOwner = OFFICIAL): void {
  const problems = passwordProblems(password, owner);
  if (problems.length > 0) throw new AppError('WEAK_PASSWORD', weakPasswordMessage(problems, owner), { problemas: problems });
}
