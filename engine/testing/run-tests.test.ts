import { describe, expect, it } from 'vitest';
import { runDefinitionTests } from './run-tests.ts';
import { miniProgram } from '../../test/helpers/fixtures.ts';

/** The mini program with its test table changed: each failure is read by a planner, not a programmer. */
function failuresOf(mutate: (def: any) => void): string[] {
  return runDefinitionTests(miniProgram(mutate)).flatMap((r) => r.failures);
}

describe('test table failures, as a planner reads them', () => {
  it('name requirements by their message, never by their id', () => {
    const failures = failuresOf((def) => {
      def.tests.cases[1].expect = { eligible: true };
    });
    expect(failures).toEqual([expect.stringMatching(/^Se esperaba que cumpliera los requisitos y no cumple: «El apoyo es para personas que perdieron su trabajo\.»\.$/)]);
    expect(failures.join(' ')).not.toMatch(/\btrabajo\b \(|ruleId|\[/);
  });

  it('name fields by their question, with the number said right', () => {
    const one = failuresOf((def) => {
      def.tests.cases[5].expect = { valid: true };
    });
    expect(one[0]).toMatch(/^Se esperaba el formulario completo y tiene 1 dato con error: «[^»]+»/);
    expect(one[0]).not.toMatch(/hogar\.integrantes/);
    const expected = failuresOf((def) => {
      def.tests.cases[5].expect = { valid: false, invalidFields: ['hogar.integrantes.0.edad'] };
    });
    expect(expected[0]).toMatch(/^Se esperaban con error: «Edad»; tienen error: «[^»]+»\.$/);
  });

  it('list expected and actual reasons by their messages', () => {
    const failures = failuresOf((def) => {
      def.tests.cases[1].expect = { eligible: false, reasons: ['mayor-de-edad'] };
    });
    expect(failures).toEqual(['Se esperaba que no cumpliera: «Debes tener 18 años o más al 12 de enero de 2026.»; no cumple: «El apoyo es para personas que perdieron su trabajo.».']);
  });
});
