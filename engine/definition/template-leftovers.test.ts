import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { templateLeftovers } from './template-leftovers.ts';

const template = JSON.parse(readFileSync(new URL('../../definitions/templates/programa-nuevo.json', import.meta.url), 'utf8'));
const seed = JSON.parse(readFileSync(new URL('../../definitions/programs/tarifa-unidos/program.json', import.meta.url), 'utf8'));

describe('text left from the new-program template', () => {
  it('finds the example description, name, key, folio prefix and requirement of an untouched template', () => {
    const leftovers = templateLeftovers(structuredClone(template), template);
    expect(leftovers.map((l) => l.pointer)).toEqual(['/id', '/name', '/description', '/folioPrefix', '/eligibility/0']);
    expect(leftovers.find((l) => l.pointer === '/description')!.message).toContain(template.description);
  });

  it('says nothing once the planner made them her own, and nothing about a real program', () => {
    const edited = structuredClone(template);
    Object.assign(edited, { id: 'becas-transporte', name: 'Becas de transporte', description: 'Apoyo mensual para el transporte de estudiantes.', folioPrefix: 'BTRA' });
    edited.eligibility = [{ id: 'estudiante', message: 'Debes estudiar en una escuela pública.', rule: { '==': [{ var: 'respuestas.estudios.publica' }, true] } }];
    expect(templateLeftovers(edited, template)).toEqual([]);
    expect(templateLeftovers(seed, template)).toEqual([]);
  });

  it('catches the example requirement even with a new message, by its rule', () => {
    const edited = structuredClone(template);
    edited.eligibility[0].message = 'Tener la mayoría de edad.';
    expect(templateLeftovers(edited, template).map((l) => l.pointer)).toContain('/eligibility/0');
  });
});
