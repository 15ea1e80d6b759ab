import { describe, expect, it } from 'vitest';
import { miniProgram } from '../../test/helpers/fixtures.ts';
import type { ProgramDefinition } from '../generated/program-definition.ts';
import { diffDefinitions, formFields } from './diff.ts';

const base = miniProgram().definition as ProgramDefinition;
const copy = (): ProgramDefinition => structuredClone(base);

describe('diffDefinitions', () => {
  it('finds nothing between a definition and itself', () => {
    expect(diffDefinitions(base, copy())).toEqual([]);
  });

  it('reports a removed field as breaking and a new optional field as not', () => {
    const after = copy();
    const props = (after.form.schema as { properties: Record<string, unknown> }).properties;
    const [first] = Object.keys(props);
    delete props[first];
    props.comentarios_extra = { type: 'string', title: 'Comentarios adicionales' };
    const changes = diffDefinitions(base, after).filter((c) => c.area === 'formulario');
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'agregado', element: 'comentarios_extra', breaking: false, text: 'Nuevo campo «Comentarios adicionales».' }));
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'eliminado', element: first, breaking: true }));
  });

  it('describes rules, documents and workflow changes in Spanish', () => {
    const after = copy();
    after.eligibility = [...after.eligibility, { id: 'mayor-65', message: 'Tener 65 años o más.', rule: { '>=': [{ var: 'edad' }, 65] } }];
    after.documents = after.documents.slice(1);
    const [state] = Object.keys(after.workflow.states);
    after.workflow.states[state] = { ...after.workflow.states[state], label: 'Revisión del expediente' };
    const changes = diffDefinitions(base, after);
    expect(changes).toContainEqual(expect.objectContaining({ area: 'elegibilidad', kind: 'agregado', text: 'Nuevo requisito: «Tener 65 años o más.».', breaking: true }));
    expect(changes).toContainEqual(expect.objectContaining({ area: 'documentos', kind: 'eliminado', text: `Se quitó el documento «${base.documents[0].label}».` }));
    expect(changes).toContainEqual(expect.objectContaining({ area: 'flujo', kind: 'modificado', element: state, text: expect.stringContaining('→ «Revisión del expediente»') }));
  });

  it('lists the fields of repeating groups and follows local $refs', () => {
    const fields = formFields({
      $defs: { persona: { type: 'object', properties: { nombre: { type: 'string', title: 'Nombre' } }, required: ['nombre'] } },
      type: 'object',
      properties: { integrantes: { type: 'array', title: 'Integrantes', items: { $ref: '#/$defs/persona' } } },
    });
    expect([...fields.keys()]).toEqual(['integrantes', 'integrantes[]', 'integrantes[].nombre']);
    // A field reached through a $ref says which block it belongs to, and where in it.
    expect(fields.get('integrantes[].nombre')).toEqual({ title: 'Nombre', type: 'string', required: true, block: '#/$defs/persona:nombre' });
  });
});
