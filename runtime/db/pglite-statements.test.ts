import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Application, Citizen, Program, ProgramVersion } from './entities.ts';
import { openDatabase } from './orm.ts';
import { countStatements } from './pglite-statements.ts';

describe('countStatements', () => {
  it.each([
    ['select 1', 1],
    ['select 1;', 1],
    ["update t set a = 'Nogal; esquina Pino' where id = 1", 1],
    ["update t set a = 'it''s; fine'", 1],
    ["select E'a\\'; b'", 1],
    ['select "odd;name" from t', 1],
    ['select 1 -- a; comment\n', 1],
    ['select /* ; */ 1', 1],
    ['create function f() returns int language sql as $$ select 1; select 2; $$', 1],
    ['create function f() returns int language plpgsql as $body$ begin; end $body$', 1],
    ['select 1; select 2', 2],
    ["insert into t values ('x'); update t set a = 'y;z'", 2],
    ['  ;  ', 0],
  ])('%s → %i', (sql, n) => {
    expect(countStatements(sql)).toBe(n);
  });
});

describe('PGlite saves text with semicolons', () => {
  it('a versioned update whose text contains ";" succeeds (it used to fail as an optimistic-lock conflict)', async () => {
    const db = await openDatabase({ databaseUrl: null, pgliteDir: 'memory://' });
    try {
      const em = db.orm.em.fork();
      const now = new Date();
      const program = em.create(Program, { id: 'p', name: 'P', dependencia: 'S', area: 'a', currentVersion: 1, createdAt: now, updatedAt: now });
      em.create(ProgramVersion, { id: randomUUID(), program, version: 1, hash: 'h', definition: {}, ruleSets: {}, publishedAt: now, publishedBy: 's' });
      await em.flush();
      const citizen = em.create(Citizen, { id: randomUUID(), curp: 'PEGL890909MJCRMS08', nombres: 'L', primerApellido: 'P', fechaNacimiento: '1989-09-09', sexo: 'M', telefono: '4420000000', telefonoVerificado: true, passwordHash: 'x', estado: 'activo', registroCivil: 'sin_verificar', expediente: {}, createdAt: now, updatedAt: now });
      const application = em.create(Application, { id: randomUUID(), citizen, programId: 'p', programVersion: 1, status: 'Borrador', answers: {}, createdAt: now, updatedAt: now });
      await em.flush();
      application.answers = { domicilio: { calle: 'Nogal; esquina Pino' } };
      await em.flush();
      const reread = await db.orm.em.fork().findOneOrFail(Application, application.id);
      expect(reread.answers).toEqual({ domicilio: { calle: 'Nogal; esquina Pino' } });
      expect(reread.rowVersion).toBe(2);
    } finally {
      await db.close();
    }
  });
});
