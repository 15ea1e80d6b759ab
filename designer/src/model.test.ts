import { describe, expect, it } from 'vitest';
import { logicEngine } from '../../engine/rules/logic.ts';
import { answerVars, fromLogic, setIn, toLogic, type Group } from './model.ts';
import cuis from '../../definitions/fragments/cuis.schema.json';

const schema = { type: 'object', properties: { hogar: { $ref: '#/$defs/hogar' } }, $defs: cuis.$defs };

const ruleOf = (variable: string, op: '>=' | '==', value: number): Group => ({ type: 'group', mode: 'all', items: [{ type: 'cond', var: variable, op, value }] });

describe('the rule builder and household rosters', () => {
  it('offers how many members the household has, how many are under 18 and how many are 65 or older', () => {
    const labels = answerVars(schema).filter((v) => v.path.startsWith('respuestas.hogar.integrantes#')).map((v) => [v.path, v.kind]);
    expect(labels).toEqual([
      ['respuestas.hogar.integrantes#', 'numero'],
      ['respuestas.hogar.integrantes#edad<18', 'numero'],
      ['respuestas.hogar.integrantes#edad>=65', 'numero'],
    ]);
  });

  it.each([
    ['respuestas.hogar.integrantes#', 3, true],
    ['respuestas.hogar.integrantes#edad<18', 2, true],
    ['respuestas.hogar.integrantes#edad<18', 3, false],
    ['respuestas.hogar.integrantes#edad>=65', 1, true],
  ] as const)('%s ≥ %i round-trips through JSON Logic and judges a household of an adult, two children and a grandmother: %s', (variable, n, expected) => {
    const logic = toLogic(ruleOf(variable, '>=', n));
    expect(fromLogic(logic)).toEqual(ruleOf(variable, '>=', n));
    const household = { respuestas: { hogar: { integrantes: [{ edad: 34 }, { edad: 9 }, { edad: 4 }, { edad: 70 }] } } };
    expect(logicEngine.run(logic, household)).toBe(expected);
  });
});

describe('setIn', () => {
  it.each([
    [{}, ['convocatoria', 'quotas', 'total'], 500, { convocatoria: { quotas: { total: 500 } } }],
    [{}, ['tests', 'cases', 0, 'name'], 'Caso 1', { tests: { cases: [{ name: 'Caso 1' }] } }],
    // A key repeated along the path: the level after the second «0» is an object, not an array.
    [{}, [0, 'a', 0, 'b'], 1, { 0: { a: [{ b: 1 }] } }],
    [{ description: 'x', name: 'y' }, ['description'], undefined, { name: 'y' }],
  ])('%j with %j = %j', (before, keys, value, after) => {
    const copy = structuredClone(before);
    expect(setIn(before as never, keys as Array<string | number>, value)).toEqual(after);
    expect(before).toEqual(copy); // the original is never changed
  });
});
