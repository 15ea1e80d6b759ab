import { describe, expect, it } from 'vitest';
import modelFile from '../../definitions/matching/modelo.json' with { type: 'json' };
import nameTables from '../../definitions/matching/nombres.json' with { type: 'json' };
import { buildMatchIndex, indexWithChanges, loadMatchingModel, matchRecord, type MatchInput, type MatchingModel } from './index.ts';

const loaded = loadMatchingModel(modelFile);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
const model: MatchingModel = loaded.model;

const GIVEN = ['ANA', 'ROSA', 'LUZ', 'JUAN', 'PEDRO', 'JOSÉ LUIS', 'MARÍA GUADALUPE', 'CARMEN', 'RAÚL', 'SOFÍA'];
const SURNAMES = ['HERNÁNDEZ', 'GARCÍA', 'UGALDE', 'OLVERA', 'MARTÍNEZ', 'RESÉNDIZ', 'LÓPEZ', 'PÉREZ', 'SÁNCHEZ', 'MORALES', 'TREJO', 'FEREGRINO'];

/** Invented people: names, surnames and dates spread so that each person is told apart by them. */
function person(i: number): MatchInput {
  const day = String(1 + (i % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
  return {
    id: `P${i}`,
    nombre: GIVEN[i % GIVEN.length],
    primer_apellido: SURNAMES[Math.floor(i / 7) % SURNAMES.length],
    segundo_apellido: SURNAMES[Math.floor(i / 3) % SURNAMES.length],
    fecha_nacimiento: `${1940 + (Math.floor(i / 336) % 60)}-${month}-${day}`,
    sexo: i % 2 === 0 ? 'M' : 'H',
    cve_mun: String(1 + (i % 18)).padStart(3, '0'),
  };
}

describe('an index with the registry’s changes laid over it', () => {
  const before = Array.from({ length: 1_100 }, (_, i) => person(i));
  const corrected = { ...before[5], nombre: 'ROSALINDA' };
  const added = Array.from({ length: 100 }, (_, i) => person(1_100 + i));
  // Now: P5's name corrected, P10 taken out (a roll undone, a person merged away), 100 people new.
  const now = [...before.filter((p) => p.id !== 'P5' && p.id !== 'P10'), corrected, ...added];
  const base = buildMatchIndex(before, model, nameTables);
  const changed = indexWithChanges(base, { removed: [5, 10], added: { length: 1 + added.length, input: (i) => (i === 0 ? corrected : added[i - 1]) } });
  const rebuilt = buildMatchIndex(now, model, nameTables);
  const seen = (o: ReturnType<typeof matchRecord>) => ({ decision: o.decision, best: o.best?.id ?? null, score: o.best?.score ?? null, reasons: o.best?.reasons ?? null, candidates: o.candidates });

  it('matches every person of the registry as it is now exactly as an index built again from it', () => {
    const probes = [...now, before[5], before[10]].map((p) => ({ ...p, id: `E-${p.id}` }));
    const differing = probes.filter((p) => JSON.stringify(seen(matchRecord(changed, p))) !== JSON.stringify(seen(matchRecord(rebuilt, p))));
    expect(differing.map((p) => p.id)).toEqual([]);
  });

  it('finds the new people and the corrected name, and no longer the people taken out', () => {
    expect(matchRecord(changed, { ...added[40], id: 'E' }).best?.id).toBe('P1140');
    expect(matchRecord(changed, { ...corrected, id: 'E' })).toMatchObject({ decision: 'misma', best: { id: 'P5' } });
    expect(matchRecord(changed, { ...before[10], id: 'E' }).best?.id).not.toBe('P10');
    expect(matchRecord(base, { ...before[10], id: 'E' }).best?.id).toBe('P10');
  });

  it('counts how common a name is among the people there now', () => {
    expect(changed.frequencies.givenName('ROSALINDA')).toBeCloseTo(rebuilt.frequencies.givenName('ROSALINDA'), 12);
    expect(changed.frequencies.surname('UGALDE')).toBeCloseTo(rebuilt.frequencies.surname('UGALDE'), 12);
    expect(changed.frequencies.givenName('ROSALINDA')).toBeGreaterThan(0);
    expect(changed.changes).toEqual({ removed: 2, added: 101 });
  });

  it('is laid over an index built in one go only', () => {
    expect(() => indexWithChanges(changed, { removed: [], added: { length: 0, input: () => ({ id: '' }) } })).toThrow(/built in one go/);
  });
});
