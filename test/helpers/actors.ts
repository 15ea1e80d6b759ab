import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { curpCheckDigit, validateCurp } from '../../engine/curp.ts';
import { Citizen, Official, Session } from '../../runtime/db/entities.ts';
import { SESSION_COOKIE } from '../../runtime/server/plugins/auth.ts';

/** A valid CURP for an invented person (check digit computed), e.g. curpFor('PEGL', '890909', 'M', 'QT'). */
export function curpFor(letters: string, yymmdd: string, sex: 'H' | 'M', state = 'QT', consonants = 'RMS'): string {
  const century = Number(yymmdd.slice(0, 2)) < 30 ? 'A' : '0';
  const first17 = `${letters}${yymmdd}${sex}${state}${consonants}${century}`;
  return first17 + curpCheckDigit(first17);
}

let sequence = 0;

/** A fresh valid CURP of an adult woman born 1989-09-09 in Querétaro, different on every call. */
export function nextAdultCurp(): string {
  const consonants = 'BCDFGHJKLMNPRSTVZ';
  for (;;) {
    const n = sequence++;
    const letters = `Z${'AEIOU'[n % 5]}${consonants[Math.floor(n / 5) % 17]}${consonants[Math.floor(n / 85) % 17]}`;
    const curp = curpFor(letters, '890909', 'M', 'QT', `${consonants[Math.floor(n / 1445) % 17]}MS`);
    if (validateCurp(curp).valid) return curp;
  }
}

export async function sessionCookie(app: FastifyInstance, type: 'ciudadano' | 'funcionario', id: string): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  const em = app.db.orm.em.fork();
  const now = app.clock();
  em.create(Session, { tokenHash: createHash('sha256').update(token).digest('hex'), subjectType: type, subjectId: id, createdAt: now, expiresAt: new Date(now.getTime() + 400 * 24 * 3600_000) }); // outlives clock jumps in tests
  await em.flush();
  return `${SESSION_COOKIE}=${token}`;
}

/** A citizen inserted directly (the sign-up route has its own tests), with a logged-in cookie. */
export async function citizenWithSession(app: FastifyInstance, options: { curp?: string; verified?: boolean; nombres?: string; primerApellido?: string; segundoApellido?: string } = {}) {
  const curp = options.curp ?? nextAdultCurp();
  const em = app.db.orm.em.fork();
  const now = app.clock();
  const citizen = em.create(Citizen, {
    id: randomUUID(),
    curp,
    nombres: options.nombres ?? 'LAURA',
    primerApellido: options.primerApellido ?? 'PEREZ',
    segundoApellido: options.segundoApellido ?? 'GOMEZ',
    fechaNacimiento: `19${curp.slice(4, 6)}-${curp.slice(6, 8)}-${curp.slice(8, 10)}`,
    sexo: curp[10] as 'H' | 'M',
    telefono: '4421234567',
    telefonoVerificado: options.verified ?? true,
    passwordHash: 'no-se-usa-en-estas-pruebas',
    estado: 'activo',
    registroCivil: 'sin_verificar',
    expediente: {},
    createdAt: now,
    updatedAt: now,
  });
  await em.flush();
  return { citizen, cookie: await sessionCookie(app, 'ciudadano', citizen.id) };
}

export async function officialWithSession(app: FastifyInstance, roles: string[], area = 'subsecretaria-desarrollo-social') {
  const em = app.db.orm.em.fork();
  const now = app.clock();
  const official = em.create(Official, { id: randomUUID(), usuario: `f${randomBytes(4).toString('hex')}`, nombre: 'Funcionaria de prueba', correo: 'f@example.org', passwordHash: 'x', roles, area, estado: 'activo', createdAt: now, updatedAt: now });
  await em.flush();
  return { official, cookie: await sessionCookie(app, 'funcionario', official.id) };
}
