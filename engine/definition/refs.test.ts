import { describe, expect, it } from 'vitest';
import { validateAnswers } from '../index.ts';
import { loadMini, miniAnswers } from '../../test/helpers/fixtures.ts';

/** The test program with its address block mounted again inside the «Situación laboral» step, as the designer's «Domicilio» question does. */
function withWorkAddress(def: any, reference: Record<string, unknown> = {}): void {
  def.form.schema.properties.situacion.properties.domicilio_trabajo = { $ref: 'mini.schema.json#/$defs/domicilio', title: 'Domicilio del trabajo' };
  def.form.uischema.elements[2].elements.push({ $ref: 'mini.uischema.json#/domicilio', scope: '#/properties/situacion/properties/domicilio_trabajo', label: 'Domicilio del trabajo', ...reference });
}

describe('a section fragment mounted as a question of another step', () => {
  it('becomes a labelled group whose controls point under the question, and the data is the same block', () => {
    const result = loadMini((def) => withWorkAddress(def));
    expect(result.ok, JSON.stringify(!result.ok && result.errors)).toBe(true);
    if (!result.ok) return;
    const step = (result.program.definition.form.uischema as any).elements[2];
    expect(step.elements.at(-1)).toEqual({
      type: 'Group',
      label: 'Domicilio del trabajo',
      options: { bloque: '#/properties/situacion/properties/domicilio_trabajo' },
      elements: [
        { type: 'Control', scope: '#/properties/situacion/properties/domicilio_trabajo/properties/municipio' },
        { type: 'Control', scope: '#/properties/situacion/properties/domicilio_trabajo/properties/calle' },
      ],
    });
    // The home address keeps its own place.
    expect((result.program.definition.form.uischema as any).elements[0].elements[0].scope).toBe('#/properties/domicilio/properties/municipio');

    const answers = miniAnswers();
    answers.situacion.domicilio_trabajo = { municipio: '22006' };
    const checked = validateAnswers(result.program, answers, { step: 2 });
    expect(checked.errors.map((e) => e.path)).toEqual(['situacion.domicilio_trabajo.calle']);
    answers.situacion.domicilio_trabajo.calle = 'Av. Constituyentes 20';
    expect(validateAnswers(result.program, answers).valid).toBe(true);
  });

  it('asks the block’s questions again without calling them repeats, but a question of the planner’s own still is one', () => {
    expect(loadMini((def) => withWorkAddress(def)).ok).toBe(true);
    const repeated = loadMini((def) => {
      withWorkAddress(def);
      def.form.schema.properties.situacion.properties.calle_del_trabajo = { type: 'string', title: 'Calle' };
      def.form.uischema.elements[2].elements.push({ type: 'Control', scope: '#/properties/situacion/properties/calle_del_trabajo' });
    });
    expect(repeated.ok).toBe(false);
    if (repeated.ok) return;
    expect(repeated.errors).toEqual([expect.objectContaining({ code: 'DEF_DUPLICATE_QUESTION', message: expect.stringMatching(/«Calle» \(situacion\.calle_del_trabajo\)/) })]);
  });

  it('carries a show/hide rule of the question to the whole group, whose answers are then dropped', () => {
    const rule = { effect: 'SHOW', condition: { scope: '#/properties/situacion/properties/perdio_trabajo', schema: { const: false }, failWhenUndefined: true } };
    const result = loadMini((def) => withWorkAddress(def, { rule }));
    expect(result.ok, JSON.stringify(!result.ok && result.errors)).toBe(true);
    if (!result.ok) return;
    expect((result.program.definition.form.uischema as any).elements[2].elements.at(-1).rule).toEqual(rule);
    const answers = miniAnswers();
    answers.situacion.domicilio_trabajo = { municipio: '22006' };
    const checked = validateAnswers(result.program, answers);
    expect(checked.valid).toBe(true);
    // Every field of the group is dropped (what is left is the empty object that held them).
    expect((checked.data as any).situacion.domicilio_trabajo).toEqual({});
  });

  it('refuses to mount a piece of a fragment whose controls are not under the place its pointer names', () => {
    const result = loadMini((def) => {
      def.form.schema.properties.situacion.properties.hogar_dos = { $ref: 'mini.schema.json#/$defs/hogar' };
      def.form.uischema.elements[2].elements.push({ $ref: 'mini.uischema.json#/hogar/elements/0', scope: '#/properties/situacion/properties/hogar_dos' });
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual(expect.objectContaining({ pointer: '/form/uischema/elements/2/elements/2/$ref', code: 'DEF_UISCHEMA', message: expect.stringMatching(/no se puede montar en «#\/properties\/situacion\/properties\/hogar_dos»/) }));
  });
});
