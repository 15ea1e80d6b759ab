import { describe, expect, it } from 'vitest';
import { debeBloquearse, MINUTOS_SIN_USO } from './bloqueo.ts';

describe('the app locks itself when left alone', () => {
  const ahora = Date.parse('2026-12-06T10:00:00-06:00');
  const minutos = (n: number) => ahora - n * 60_000;

  it(`locks after ${MINUTOS_SIN_USO} minutes without a touch, not before`, () => {
    expect(debeBloquearse(minutos(MINUTOS_SIN_USO - 1), ahora, false)).toBe(false);
    expect(debeBloquearse(minutos(MINUTOS_SIN_USO), ahora, false)).toBe(true);
    expect(debeBloquearse(minutos(60), ahora, false)).toBe(true);
  });

  it('waits while records are being sent, which needs the key', () => {
    expect(debeBloquearse(minutos(60), ahora, true)).toBe(false);
  });
});
