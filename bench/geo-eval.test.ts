import { describe, expect, it } from 'vitest';
import { evaluateGeo } from './geo-eval.ts';

// The cleaning held to what it gives now on a small labelled set (npm run eval:geo runs the big ones and prints them).
describe('«limpieza de ubicaciones» on a labelled set of dirty addresses (5,000)', () => {
  it('a wrong municipio next to the right one: the right clave for ≥ 95 %, a wrong one for ≤ 1 %; every other kind of error ≥ 97 %', () => {
    const f = evaluateGeo(3, 5_000, 'vecino');
    expect(f.wrong / f.total).toBeLessThanOrEqual(0.01);
    expect(f.right / f.total).toBeGreaterThanOrEqual(0.95);
    for (const [kind, k] of f.byKind) if (kind !== 'otro_municipio') expect(k.right / k.n, kind).toBeGreaterThanOrEqual(0.97);
  });

  it('the neighbours are what tells a wrong municipio apart: without them the same set falls short', () => {
    const withNeighbours = evaluateGeo(3, 5_000, 'vecino').byKind.get('otro_municipio')!;
    const without = evaluateGeo(3, 5_000, 'vecino', { resolverNeighbours: false }).byKind.get('otro_municipio')!;
    expect(withNeighbours.right - without.right).toBeGreaterThan(0.08 * without.n);
  });

  it('any municipio written by a slip: still a wrong clave for ≤ 1 % and the right one for ≥ 90 %', () => {
    const f = evaluateGeo(3, 5_000, 'cualquiera');
    expect(f.wrong / f.total).toBeLessThanOrEqual(0.01);
    expect(f.right / f.total).toBeGreaterThanOrEqual(0.9);
  });
});
