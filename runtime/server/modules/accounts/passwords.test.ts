import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCustomApp } from '../../../../test/helpers/custom-app.ts';
import type { TestApp } from '../../../../test/helpers/server.ts';
import { DEMO_PASSWORD } from '../../demo.ts';
import { AppError } from '../../errors.ts';
import { createOfficial } from './accounts.service.ts';
import { countedLength, passwordProblems, weakPasswordMessage } from './passwords.ts';

const CITIZEN = { kind: 'ciudadano', curp: 'RIAA900115MQTBCD03' } as const;
const OFFICIAL = { kind: 'funcionario' } as const;

describe('password policy', () => {
  it('refuses the passwords seen accepted in production, for citizens and officials alike', () => {
    for (const password of ['password1', 'Qwerty123', '        1a', 'Contraseña2026', '12345678901234', 'qwertyuiopasdf']) {
      expect(passwordProblems(password, CITIZEN), password).toContain('COMUN');
      expect(passwordProblems(password, OFFICIAL), password).toContain('COMUN');
    }
  });

  it('counts runs of spaces once and ignores the edges', () => {
    expect(countedLength('        1a')).toBe(2);
    expect(countedLength('  tunas   rojas  ')).toBe(11);
    expect(passwordProblems(' a  b  c  d  e ', CITIZEN)).toContain('LONGITUD');
  });

  it('is stricter for officials: longer and harder to guess', () => {
    // Acceptable for a citizen, not for someone who opens everyone's files.
    expect(passwordProblems('tuna roja 7', CITIZEN)).toEqual([]);
    expect(passwordProblems('tuna roja 7', OFFICIAL)).toEqual(['LONGITUD']);
    expect(passwordProblems('Kiosko-Verde', CITIZEN)).toEqual([]);
    expect(passwordProblems('Kiosko-Verde', OFFICIAL)).toEqual(['COMUN']);
    expect(weakPasswordMessage(['LONGITUD'], OFFICIAL)).toBe('Usa al menos 12 caracteres (los espacios repetidos cuentan como uno).');
    expect(weakPasswordMessage(['LONGITUD'], CITIZEN)).toBe('Usa al menos 10 caracteres (los espacios repetidos cuentan como uno).');
  });

  it('applies the officials’ rule when the caller names no owner (create-admin, administration screens)', () => {
    expect(passwordProblems('Nogal2026sjr')).toEqual(passwordProblems('Nogal2026sjr', OFFICIAL));
    expect(passwordProblems('Nogal2026sjr')).not.toEqual([]);
  });

  it('accepts phrases of a few words, and the demo password everywhere it is used', () => {
    for (const password of ['tunas rojas en la azotea', 'Huizache dorado junto al arroyo 61', DEMO_PASSWORD]) {
      expect(passwordProblems(password, CITIZEN), password).toEqual([]);
      expect(passwordProblems(password, OFFICIAL), password).toEqual([]);
    }
  });

  it('answers within a few tens of milliseconds even for long, pattern-heavy input (it runs on the event loop)', () => {
    passwordProblems('warm-up 1', OFFICIAL);
    for (const password of ['a1b2'.repeat(32), '4$'.repeat(64), '1q2w3e4r5t6y7u8i9o0p'.repeat(6)]) {
      const started = performance.now();
      passwordProblems(password, OFFICIAL);
      expect(performance.now() - started, password).toBeLessThan(400);
    }
  });
});

describe('official accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startCustomApp();
  }, 60_000);
  afterAll(() => t?.close());

  it('are created only with an official-grade password', async () => {
    const input = { usuario: 'nueva.revisora', nombre: 'Nueva Revisora', correo: 'nueva@example.mx', roles: ['revisor'], area: 'subsecretaria-desarrollo-social' };
    const refused = await createOfficial(t.app.db.orm.em.fork(), { ...input, contrasena: 'Nogal2026sjr' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'WEAK_PASSWORD', details: { problemas: ['COMUN'] } });
    await expect(createOfficial(t.app.db.orm.em.fork(), { ...input, contrasena: 'cántaro de barro junto al pozo' })).resolves.toMatchObject({ usuario: 'nueva.revisora' });
  });
});
