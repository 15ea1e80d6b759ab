/**
 * What crosses between the process and a matching thread comes back as it went: records (with a value
 * holding the separator, sent as objects instead) and outcomes with every reason, score and reason for
 * review, equal to the engine's own.
 */
import { describe, expect, it } from 'vitest';
import { buildMatchIndex, matchBatch, MATCH_FIELDS, type MatchInput } from '../../../../engine/matching/index.ts';
import { generateLabelledSet } from '../../../../bench/matching/generate.ts';
import { matchingModel } from './identity.ts';
import { decodeInputs, decodeOutcomes, encodeInputs, encodeOutcomes } from './outcome-codec.ts';

describe('records and outcomes between threads', () => {
  it('records come back field by field; one holding the separator is not encoded', () => {
    const set = generateLabelledSet({ seed: 3, registry: 200, incoming: 300 });
    const inputs: MatchInput[] = [...set.incoming, { id: 'solo-nombre', nombre: 'ROSA' }, { id: 'vacio' }];
    const text = encodeInputs(inputs);
    expect(text).not.toBeNull();
    const back = decodeInputs(text!, inputs.length);
    expect(back).toEqual(inputs);
    // Every field the matcher reads crosses, in the order the decoder writes them.
    for (const field of MATCH_FIELDS) expect(back.map((r) => r[field] ?? null)).toEqual(inputs.map((r) => r[field] ?? null));
    expect(encodeInputs([{ id: 'a', nombre: 'ROSA\x1fMARÍA' }])).toBeNull();
    expect(decodeInputs(encodeInputs([])!, 0)).toEqual([]);
  });

  it('outcomes come back equal to the engine’s, reasons and reasons for review included', async () => {
    const { model, tables } = await matchingModel();
    const set = generateLabelledSet({ seed: 4, registry: 3000, incoming: 1500 });
    const outcomes = matchBatch(buildMatchIndex(set.registry, model, tables), set.incoming);
    expect(outcomes.some((o) => o.decision === 'revisar' && o.best?.motivoRevision)).toBe(true);
    expect(outcomes.some((o) => o.rival)).toBe(true);
    expect(outcomes.some((o) => !o.best)).toBe(true);
    const encoded = encodeOutcomes(outcomes);
    // Each distinct reason is sent once.
    expect(encoded.reasons.length).toBeLessThan(encoded.given.length / 10);
    expect(decodeOutcomes(structuredClone(encoded), set.incoming.map((r) => r.id))).toEqual(outcomes);
  });
});
