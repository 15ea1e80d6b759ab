import { describe, expect, it } from 'vitest';
import { runDefinitionTests, type LoadedProgram } from '../engine/index.ts';
import { DEFINITIONS_DIR, findProgramFiles, loadLibrary, loadProgramFile } from '../runtime/definitions/library.ts';

const library = await loadLibrary();
const files = await findProgramFiles([DEFINITIONS_DIR + 'programs']);
const programs: Array<[string, LoadedProgram]> = [];
for (const file of files) {
  const result = await loadProgramFile(file, library);
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.errors, null, 2)}`);
  programs.push([result.program.definition.id, result.program]);
}

const SEED_PROGRAMS = ['apoyo-emergente-mujeres', 'apoyo-tecnologico', 'becas-escolares', 'cuidado-infantil', 'negocios-familiares', 'queretaro-fuerte', 'tarifa-unidos', 'tarjeta-contigo'];
const STATUSES = ['En proceso', 'Corrección', 'Aprobada', 'Rechazada', 'Entregado', 'Baja'];

describe('the seed programs', () => {
  it('are the eight programs Querétaro ran, and the shared rule sets load', () => {
    expect(programs.map(([id]) => id).sort()).toEqual(SEED_PROGRAMS);
    expect(library.ruleSetErrors).toEqual([]);
    expect(Object.keys(library.ruleSets)).toContain('coneval');
  });

  describe.each(programs)('%s', (_id, program) => {
    it('has a workflow with every status officials and citizens know', () => {
      const statuses = new Set(Object.values(program.definition.workflow.states).map((s) => s.status));
      expect([...statuses].sort()).toEqual([...STATUSES].sort());
    });

    it('builds its form from the shared CUIS sections', () => {
      const defs = Object.keys((program.definition.form.schema as { $defs?: object }).$defs ?? {});
      for (const section of ['domicilio', 'hogar', 'vivienda', 'servicios', 'alimentacion', 'ingreso']) expect(defs).toContain(`cuis.${section}`);
    });

    it('passes its test table of at least five cases', () => {
      const results = runDefinitionTests(program);
      expect(results.length).toBeGreaterThanOrEqual(5);
      expect(results.filter((r) => !r.passed)).toEqual([]);
    });
  });
});

/** Every title, description and label a citizen reads in a program's generated form. */
function citizenFacingTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) citizenFacingTexts(item, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && ['title', 'description', 'label', 'text'].includes(key)) out.push(value);
      else citizenFacingTexts(value, out);
    }
  }
  return out;
}

// Words a planner or programmer knows and a citizen at a phone does not (found in the pilot walk-through).
const JARGON = /WGS84|clave INEGI|AAAA-MM-DD|JSON|esquema|\bregex\b|\bnull\b/i;

describe.each(programs)('%s speaks plainly to citizens', (_id, program) => {
  it('has no technical jargon in its form', () => {
    const texts = citizenFacingTexts([program.definition.form.schema, program.definition.form.uischema]);
    expect(texts.length).toBeGreaterThan(20);
    expect(texts.filter((text) => JARGON.test(text))).toEqual([]);
  });
});
