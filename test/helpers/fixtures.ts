import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDefinition, type LoadedProgram, type LoadOptions, type LoadResult } from '../../engine/index.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/definitions/', import.meta.url));

export function readFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(FIXTURES + name, 'utf8')) as T;
}

function readLibraryFragment(name: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/library/fragments/${name}`, import.meta.url)), 'utf8'));
}

/** The small test program with its own fragment library (no dependency on the seed programs). */
export const miniLibrary: LoadOptions = {
  fragments: { 'mini.schema.json': readLibraryFragment('mini.schema.json'), 'mini.uischema.json': readLibraryFragment('mini.uischema.json') },
  municipios: new Set(['22006', '22014']),
};

/** A fresh, mutable copy of the test program's JSON. */
export function miniJson(): any {
  return readFixture('mini.program.json');
}

/** Loads the test program after applying `mutate` to a fresh copy of its JSON. */
export function loadMini(mutate: (def: any) => void = () => {}): LoadResult {
  const def = miniJson();
  mutate(def);
  return loadDefinition(def, miniLibrary);
}

export function miniProgram(mutate?: (def: any) => void): LoadedProgram {
  const result = loadMini(mutate);
  if (!result.ok) throw new Error(`La definición de prueba no carga: ${JSON.stringify(result.errors, null, 2)}`);
  return result.program;
}

/** Valid answers of the test program, freshly copied. */
export function miniAnswers(): any {
  return structuredClone(miniJson().tests.base.answers);
}
