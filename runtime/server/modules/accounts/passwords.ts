import argon2 from 'argon2';
import { AppError } from '../../errors.ts';

/**
 * argon2id with OWASP's minimum recommended cost (19 MiB, 2 passes, 1 lane): strong against GPU
 * guessing while keeping a login at a few tens of milliseconds on a modest government server.
 * The parameters travel inside each hash, so raising them later keeps old hashes verifiable.
 */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 8;

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

export type PasswordProblem = 'LONGITUD' | 'LETRA' | 'NUMERO' | 'CURP';

/** What a password lacks under the policy: ≥ 8 characters, a letter and a digit, and not the CURP. */
export function passwordProblems(password: string, curp?: string | null): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.push('LONGITUD');
  if (!/\p{L}/u.test(password)) problems.push('LETRA');
  if (!/\p{Nd}/u.test(password)) problems.push('NUMERO');
  // The CURP is printed on many public documents: a password containing it is no secret.
  if (curp && password.toUpperCase().replace(/[\s-]/g, '').includes(curp)) problems.push('CURP');
  return problems;
}

const MISSING_TEXT: Record<Exclude<PasswordProblem, 'CURP'>, string> = {
  LONGITUD: `al menos ${MIN_PASSWORD_LENGTH} caracteres`,
  LETRA: 'una letra',
  NUMERO: 'un número',
};

/** "a", "a y b", "a, b y c". */
export function spanishList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} y ${items[items.length - 1]}`;
}

/** The Spanish sentence telling the person what to change. */
export function weakPasswordMessage(problems: readonly PasswordProblem[]): string {
  const missing = problems.filter((p): p is Exclude<PasswordProblem, 'CURP'> => p !== 'CURP').map((p) => MISSING_TEXT[p]);
  const sentences: string[] = [];
  if (missing.length > 0) sentences.push(`A tu contraseña le falta: ${spanishList(missing)}.`);
  if (problems.includes('CURP')) sentences.push('La contraseña no puede ser ni contener tu CURP.');
  return sentences.join(' ');
}

/** Throws WEAK_PASSWORD (with `details.problemas`) when the password breaks the policy. */
export function assertStrongPassword(password: string, curp?: string | null): void {
  const problems = passwordProblems(password, curp);
  if (problems.length > 0) throw new AppError('WEAK_PASSWORD', weakPasswordMessage(problems), { problemas: problems });
}
