import { describe, expect, it } from 'vitest';
import { loadDefinition, runDefinitionTests, supportTypeFromAnswers, validateAnswers, type LoadedProgram } from '../engine/index.ts';
import { DEFINITIONS_DIR, findProgramFiles, loadLibrary, loadProgramFile, readJsonFile } from '../runtime/definitions/library.ts';

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

  // Negocios familiares asked «¿Qué apoyo solicitas?» in its own step and again on the review page.
  describe('ask every question once', () => {
    it('refuses a program whose form asks for the support type the review page asks again', async () => {
      const raw = (await readJsonFile(DEFINITIONS_DIR + 'programs/negocios-familiares/program.json')) as Record<string, unknown>;
      delete raw.supportTypeQuestion;
      const result = loadDefinition(raw, library);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.filter((e) => e.code === 'DEF_DUPLICATE_QUESTION').map((e) => e.message)).toEqual([expect.stringContaining('«¿Qué apoyo solicitas?» (negocio.tipo_apoyo)')]);
    });

    it('refuses two form questions with the same words', async () => {
      const raw = (await readJsonFile(DEFINITIONS_DIR + 'programs/negocios-familiares/program.json')) as { form: { schema: { properties: { negocio: { properties: Record<string, { title: string }> } } } } };
      raw.form.schema.properties.negocio.properties.giro.title = 'Nombre del negocio.';
      const result = loadDefinition(raw, library);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => e.code)).toContain('DEF_DUPLICATE_QUESTION');
    });

    it.each(programs)('%s: its form question picks the support type, or the review page asks it', (_id, program) => {
      const question = program.definition.supportTypeQuestion;
      if (!question) return expect(program.definition.supportTypes.length === 1 || !JSON.stringify(program.definition.form.schema).includes('tipo_apoyo')).toBe(true);
      for (const [answer, id] of Object.entries(question.answers)) {
        const answers = {} as Record<string, unknown>;
        const keys = question.field.split('.');
        keys.slice(0, -1).reduce((node, k) => (node[k] = {}) as Record<string, unknown>, answers)[keys.at(-1)!] = answer;
        expect(supportTypeFromAnswers(program.definition, answers)).toBe(id);
      }
    });
  });

  // «¿Qué tanta dificultad tiene?» was demanded before «¿Tiene alguna dificultad permanente para…?» was answered.
  describe('a follow-up question waits for its parent', () => {
    it.each(programs)('%s: the degree of difficulty is not demanded while the difficulty is unanswered', (_id, program) => {
      const answers = structuredClone(program.definition.tests!.base!.answers) as { hogar: { integrantes: Array<Record<string, unknown>> } };
      delete answers.hogar.integrantes[0].discapacidad;
      delete answers.hogar.integrantes[0].grado_discapacidad;
      expect(validateAnswers(program, answers).errors.map((e) => e.path)).toEqual(['hogar.integrantes.0.discapacidad']);
      answers.hogar.integrantes[0].discapacidad = 'caminar';
      expect(validateAnswers(program, answers).errors.map((e) => e.path)).toEqual(['hogar.integrantes.0.grado_discapacidad']);
    });

    it('refuses a rule that shows a follow-up before its parent is answered', async () => {
      const library2 = await loadLibrary();
      const fragments = structuredClone(library2.fragments) as Record<string, unknown>;
      const text = JSON.stringify(fragments['cuis.uischema.json']).replace('"effect":"SHOW","condition":{"scope":"#/properties/discapacidad","schema":{"not":{"const":"ninguna"}},"failWhenUndefined":true}', '"effect":"HIDE","condition":{"scope":"#/properties/discapacidad","schema":{"const":"ninguna"}}');
      expect(text).toContain('"effect":"HIDE"');
      fragments['cuis.uischema.json'] = JSON.parse(text);
      const raw = await readJsonFile(DEFINITIONS_DIR + 'programs/negocios-familiares/program.json');
      const result = loadDefinition(raw, { ...library2, fragments: fragments as never });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors).toEqual([expect.objectContaining({ code: 'DEF_FOLLOW_UP_BEFORE_PARENT', message: expect.stringContaining('«¿Qué tanta dificultad tiene?»') })]);
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

describe('the CUIS address’s optional point', () => {
  const program = programs.find(([id]) => id === 'tarjeta-contigo')![1];
  const withPoint = (point: Record<string, number>) => {
    const answers = structuredClone(program.definition.tests!.base!.answers) as { domicilio: Record<string, unknown> };
    const { latitud: _lat, longitud: _lon, precision: _precision, ...address } = answers.domicilio;
    answers.domicilio = { ...address, ...point };
    return validateAnswers(program, answers);
  };

  it('takes latitud and longitud together, with the phone’s precision in metres or without it (a pin on the map)', () => {
    expect(withPoint({ latitud: 20.58882, longitud: -100.38991, precision: 12 }).errors).toEqual([]);
    expect(withPoint({ latitud: 20.58882, longitud: -100.38991 }).errors).toEqual([]);
  });

  it.each([
    [{ latitud: 20.58882 }, 'domicilio.latitud', 'Latitud: Falta «longitud», que va junto con «latitud».'],
    [{ precision: 12 }, 'domicilio.precision', 'Precisión de la ubicación (metros): Falta «latitud», que va junto con «precision».'],
    [{ latitud: 19.43, longitud: -99.13 }, 'domicilio.latitud', 'Latitud: Debe ser mayor o igual a 20.'],
  ])('refuses %j at the field given, in Spanish', (point, path, message) => {
    expect(withPoint(point).errors).toContainEqual(expect.objectContaining({ path, message }));
  });
});

// Words a planner or programmer knows and a citizen at a phone does not (found in the pilot walk-through).
const JARGON = /WGS84|clave INEGI|AAAA-MM-DD|JSON|esquema|\bregex\b|\bnull\b/i;

describe.each(programs)('%s speaks plainly to citizens', (_id, program) => {
  it('has no technical jargon in its form', () => {
    const texts = citizenFacingTexts([program.definition.form.schema, program.definition.form.uischema]);
    expect(texts.length).toBeGreaterThan(20);
    expect(texts.filter((text) => JARGON.test(text))).toEqual([]);
  });
});
