import { describe, expect, it } from 'vitest';
import { evaluateGeo } from './geo-eval.ts';

// The cleaning held to what it gives now on a small labelled set (npm run eval:geo runs the big ones and prints them).
describe('«limpieza de ubicaciones» on a labelled set of dirty addresses (5,000)', () => {
  it('proposes a wrong clave for ≤ 1 % and the right one for ≥ 90 %; every kind of error but a wrong municipio ≥ 97 %', () => {
    const f = evaluateGeo(3, 5_000);
    expect(f.wrong / f.total).toBeLessThanOrEqual(0.01);
    expect(f.right / f.total).toBeGreaterThanOrEqual(0.9);
    for (const [kind, k] of f.byKind) if (kind !== 'otro_municipio') expect(k.right / k.n, kind).toBeGreaterThanOrEqual(0.97);
  });
});
