import { describe, expect, it } from 'vitest';
import { bind, named } from './sql.ts';

describe('named parameters', () => {
  it.each([
    ['select :a, :b', 'select $1, $2', ['a', 'b']],
    ['a repeated name is one parameter: :id = :id', 'a repeated name is one parameter: $1 = $1', ['id']],
    ['casts stay casts: :answers::jsonb, now()::date', 'casts stay casts: $1::jsonb, now()::date', ['answers']],
    ["colons in strings stay text: ':nope' || ' (estado: ' || :status", "colons in strings stay text: ':nope' || ' (estado: ' || $1", ['status']],
    ["quotes doubled inside a string: 'it''s :not' and :yes", "quotes doubled inside a string: 'it''s :not' and $1", ['yes']],
    ['names with digits and underscores: :row_version2', 'names with digits and underscores: $1', ['row_version2']],
  ])('%s', (text, compiled, params) => {
    const statement = named('prueba', text);
    expect(statement.text).toBe(compiled);
    expect(statement.params).toEqual(params);
  });

  it('binds values in the order of the compiled parameters, whatever the order of the object', () => {
    const statement = named<{ b: number; a: string }>('orden', 'update t set b = :b where a = :a and b <> :b');
    expect(bind(statement, { a: 'x', b: 2 })).toEqual([2, 'x']);
  });
});

describe('hand-written SQL in the runtime', () => {
  it('names its parameters once a statement takes more than three values ($4 and up are not written by hand)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('../', import.meta.url).pathname;
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'migrations' || e.name === 'web' ? [] : files(join(dir, e.name))) : /\.ts$/.test(e.name) && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
    const offenders = files(root).filter((file) => /[`'"][^`'"]*\$(?:[4-9]|[1-9]\d)\b[^`'"]*[`'"]/.test(readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')));
    expect(offenders.map((f) => f.slice(root.length))).toEqual([]);
  });
});
