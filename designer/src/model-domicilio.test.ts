/** The designer's «Domicilio» question: the CUIS address block mounted at a question's place (model/campos.ts, model/pasos.ts). */
import { describe, expect, it } from 'vitest';
import { loadDefinition, validateAnswers } from '../../engine/index.ts';
import type { Json } from '../../runtime/web/src/api.ts';
import { addStep, emptyDraft, kindName, municipiosDe, saveField, schemaToDraft, stepsOfDef } from './model.ts';
import cuis from '../../definitions/fragments/cuis.schema.json';
import cuisUi from '../../definitions/fragments/cuis.uischema.json';
import template from '../../definitions/templates/programa-nuevo.json';

describe('a «Domicilio» question', () => {
  const fragments = { 'cuis.schema.json': cuis, 'cuis.uischema.json': cuisUi } as unknown as Record<string, Json>;
  const municipios = municipiosDe(fragments);
  /** The template (with the CUIS address step) plus a step «Negocio» whose one question is the business's address. */
  function withBusinessAddress(required = true) {
    const def = addStep(structuredClone(template) as unknown as Json, 'Negocio');
    const step = stepsOfDef(def, fragments).at(-1)!;
    return saveField(def, step, { ...emptyDraft('domicilio'), title: 'Domicilio del negocio', required }, municipios);
  }

  it('is the CUIS address block by reference, in the schema and in the steps, listed as one question', () => {
    const def = withBusinessAddress();
    const form = def.form as { schema: Json; uischema: { elements: Json[] } };
    expect((form.schema.properties as Record<string, Json>).negocio).toEqual({
      type: 'object',
      title: 'Negocio',
      additionalProperties: false,
      properties: { domicilio_del_negocio: { $ref: 'cuis.schema.json#/$defs/domicilio', title: 'Domicilio del negocio' } },
      required: ['domicilio_del_negocio'],
    });
    expect(form.uischema.elements.at(-1)!.elements).toEqual([{ $ref: 'cuis.uischema.json#/domicilio', scope: '#/properties/negocio/properties/domicilio_del_negocio', label: 'Domicilio del negocio' }]);
    const [field] = stepsOfDef(def, fragments).at(-1)!.fields;
    expect(field).toMatchObject({ path: 'negocio.domicilio_del_negocio', kind: 'domicilio', required: true });
    expect(schemaToDraft(field.schema, field.required, field.key)).toMatchObject({ kind: 'domicilio', title: 'Domicilio del negocio', required: true });
  });

  it('is shown as the CUIS block under the question (postal code first, the point last) and stores the claves', () => {
    const def = withBusinessAddress();
    const loaded = loadDefinition(def, { fragments, municipios: new Set(municipios.map((m) => m.const)) });
    expect(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors)).toBe(true);
    if (!loaded.ok) return;
    const group = ((loaded.program.definition.form.uischema as { elements: Json[] }).elements.at(-1)!.elements as Json[])[0];
    expect(group).toMatchObject({ type: 'Group', label: 'Domicilio del negocio' });
    const controls = JSON.stringify(group);
    expect((group.elements as Json[])[0]).toEqual({ type: 'Control', scope: '#/properties/negocio/properties/domicilio_del_negocio/properties/codigo_postal', options: { buscarColonias: true } });
    expect(controls).toContain('"scope":"#/properties/negocio/properties/domicilio_del_negocio/properties/latitud","options":{"ubicacion":true}');
    expect(controls).not.toContain('#/properties/domicilio/');

    const address = { codigo_postal: '76230', colonia: 'Juriquilla', cve_asentamiento: '220140006', municipio: '22014', localidad: 'Juriquilla', cve_localidad: '220140058', ambito: 'urbano', calle: 'Camino a la Presa', numero_exterior: '12' };
    const answers = { negocio: { domicilio_del_negocio: { ...address, cve_localidad: '2201' } } };
    // The rest of the form (the applicant's own address, the household) is not the question's.
    const errorsOfTheQuestion = (a: Json) => validateAnswers(loaded.program, a).errors.filter((e) => e.path.startsWith('negocio.')).map((e) => e.path);
    expect(errorsOfTheQuestion(answers)).toEqual(['negocio.domicilio_del_negocio.cve_localidad']);
    expect(errorsOfTheQuestion({ negocio: { domicilio_del_negocio: address } })).toEqual([]);
    expect(errorsOfTheQuestion({ negocio: { domicilio_del_negocio: { codigo_postal: '76230' } } })).toContain('negocio.domicilio_del_negocio.calle');
  });

  it('keeps a condition and its own required mark when edited, and is not offered inside a repeatable group', () => {
    const def = withBusinessAddress(false);
    const step = stepsOfDef(def, fragments).at(-1)!;
    const edited = saveField(def, step, { ...schemaToDraft(step.fields[0].schema, false, 'domicilio_del_negocio'), visibleIf: { path: 'domicilio.municipio', value: '22014' } }, municipios, 'negocio.domicilio_del_negocio');
    const [field] = stepsOfDef(edited, fragments).at(-1)!.fields;
    expect(field.required).toBe(false);
    expect(field.control).toMatchObject({ $ref: 'cuis.uischema.json#/domicilio', rule: { effect: 'SHOW', condition: { scope: '#/properties/domicilio/properties/municipio', schema: { const: '22014' } } } });
    expect(kindName('domicilio')).toBe('Domicilio');
  });
});
