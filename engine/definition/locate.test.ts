import { describe, expect, it } from 'vitest';
import { loadDefinition } from './load.ts';
import { miniJson, miniLibrary } from '../../test/helpers/fixtures.ts';
import { locateElement } from './locate.ts';

describe('locateElement', () => {
  const definition = miniJson();

  it('names form fields by their titles, through nested objects and repeating groups', () => {
    definition.form.schema.properties.hogar = { type: 'object', title: 'Hogar', properties: { integrantes: { type: 'array', title: 'Integrantes', items: { type: 'object', properties: { edad: { type: 'integer', title: 'Edad' } } } } } };
    expect(locateElement(definition, '/form/schema/properties/hogar/properties/integrantes/items/properties/edad/minimum')).toEqual({ area: 'formulario', element: 'hogar.integrantes[].edad', label: 'Formulario › Hogar › Integrantes › Edad' });
    expect(locateElement(definition, '/form/uischema/elements/0').label).toBe('Formulario › Pasos y presentación');
  });

  it('names rules by their message, documents by label and workflow elements by their labels', () => {
    expect(locateElement(definition, '/eligibility/0/rule')).toEqual({ area: 'elegibilidad', element: definition.eligibility[0].id, label: `Requisitos › «${definition.eligibility[0].message}»` });
    expect(locateElement(definition, '/documents/0/maxBytes').label).toBe(`Documentos › «${definition.documents[0].label}»`);
    const [state, spec] = Object.entries(definition.workflow.states as Record<string, { label: string; on?: Record<string, unknown> }>).find(([, s]) => s.on)!;
    const event = Object.keys(spec.on!)[0];
    expect(locateElement(definition, `/workflow/states/${state}/on/${event}/target`).label).toBe(`Flujo de aprobación › Etapa «${spec.label}» › acción «${definition.workflow.events[event].label}»`);
  });

  it('gives every error of a broken definition a Spanish place that is not a pointer', () => {
    const broken = miniJson();
    broken.eligibility[0].rule = { nadaQueVer: [1] };
    broken.documents[0].maxBytes = -1;
    broken.convocatoria.closesAt = broken.convocatoria.opensAt;
    const result = loadDefinition(broken, miniLibrary);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const error of result.errors) {
      const place = locateElement(broken, error.pointer);
      expect(place.label).not.toMatch(/\//);
      expect(place.area).not.toBe('otro');
    }
  });
});
