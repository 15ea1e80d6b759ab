import { describe, expect, it } from 'vitest';
import { logicEngine } from '../../engine/rules/logic.ts';
import { APPLICANT_VARS, answerVars, fromLogic, listFromText, setIn, toLogic, type Group } from './model.ts';
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

describe('the rule builder and the territory of the address', () => {
  it('offers the localidad, its ámbito as a choice of rural or urbana, and its population, in Spanish', () => {
    const territorio = APPLICANT_VARS.filter((v) => v.path.startsWith('territorio.'));
    expect(territorio.map((v) => [v.path, v.kind])).toEqual([
      ['territorio.ambito', 'unica'],
      ['territorio.localidad', 'claves'],
      ['territorio.poblacion', 'numero'],
    ]);
    expect(territorio[0].label).toMatch(/^Tipo de localidad del domicilio: urbana o rural/);
    expect(territorio[0].options).toEqual([
      { const: 'rural', title: 'Rural (menos de 2,500 habitantes)' },
      { const: 'urbano', title: 'Urbana (2,500 habitantes o más)' },
    ]);
  });

  it('«solo localidades rurales» round-trips through JSON Logic and judges the facts the engine computes', () => {
    const rural: Group = { type: 'group', mode: 'all', items: [{ type: 'cond', var: 'territorio.ambito', op: '==', value: 'rural' }] };
    const logic = toLogic(rural);
    expect(logic).toEqual({ '==': [{ var: 'territorio.ambito' }, 'rural'] });
    expect(fromLogic(logic)).toEqual(rural);
    expect(logicEngine.run(logic, { territorio: { localidad: '220010025', ambito: 'rural' } })).toBe(true);
    expect(logicEngine.run(logic, { territorio: { localidad: '220010001', ambito: 'urbano' } })).toBe(false);
  });

  it('«es alguno de» over localidades takes claves typed with commas, spaces or lines, each once', () => {
    const claves = listFromText('220010025, 220010029\n220010025;220140001 ');
    expect(claves).toEqual(['220010025', '220010029', '220140001']);
    const rule: Group = { type: 'group', mode: 'all', items: [{ type: 'cond', var: 'territorio.localidad', op: 'in', value: claves }] };
    const logic = toLogic(rule);
    expect(fromLogic(logic)).toEqual(rule);
    expect(logicEngine.run(logic, { territorio: { localidad: '220140001' } })).toBe(true);
    expect(logicEngine.run(logic, { territorio: { localidad: '220010001' } })).toBe(false);
  });
});
