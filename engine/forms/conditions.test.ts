import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFormAjv } from './ajv.ts';
import { conditionSchemaProblems, matchesCondition, type ConditionSchema } from './conditions.ts';

const table = JSON.parse(readFileSync(new URL('./conditions.table.json', import.meta.url), 'utf8')) as {
  rows: Array<{ schema: ConditionSchema; value: unknown; expected: boolean }>;
};

describe('the one show/hide condition evaluator', () => {
  it.each(table.rows.map((row) => [JSON.stringify(row.schema), JSON.stringify(row.value), row] as const))('%s with %s', (_s, _v, row) => {
    expect(matchesCondition(row.schema, row.value)).toBe(row.expected);
  });

  it('agrees with Ajv (draft-07) on every row of the table, so the server and the browser decide alike', () => {
    const ajv = createFormAjv();
    const disagreements = table.rows.filter((row) => ajv.validate(row.schema as object, row.value) !== row.expected);
    expect(disagreements).toEqual([]);
    expect(table.rows.length).toBeGreaterThanOrEqual(50);
  });

  it('accepts every keyword it judges, with annotations, at any depth', () => {
    for (const row of table.rows) expect(conditionSchemaProblems(row.schema)).toEqual([]);
  });

  it('names each keyword it cannot judge, or whose value it could not use, with its path', () => {
    expect(conditionSchemaProblems({ enumm: ['a'] })).toEqual([{ path: ['enumm'], message: expect.stringMatching(/«enumm» no se admite/) }]);
    expect(conditionSchemaProblems({ not: { format: 'email' } })).toEqual([{ path: ['not', 'format'], message: expect.stringMatching(/«format» no se admite/) }]);
    expect(conditionSchemaProblems({ anyOf: [{ const: 1 }, { if: {} }] })[0].path).toEqual(['anyOf', 1, 'if']);
    expect(conditionSchemaProblems({ properties: { a: { $ref: '#/x' } } })[0].path).toEqual(['properties', 'a', '$ref']);
    expect(conditionSchemaProblems({ pattern: '([' })[0].message).toMatch(/no es una expresión regular válida/);
    expect(conditionSchemaProblems({ type: 'texto' })[0].message).toMatch(/«type» debe ser uno de/);
    expect(conditionSchemaProblems({ enum: [] })[0].message).toMatch(/al menos un elemento/);
    expect(conditionSchemaProblems({ minLength: -1 })[0].path).toEqual(['minLength']);
    expect(conditionSchemaProblems({ items: [{ const: 1 }] })[0].message).toMatch(/no se admite/);
    expect(conditionSchemaProblems('const')).toEqual([{ path: [], message: expect.stringMatching(/debe ser un objeto/) }]);
  });
});
