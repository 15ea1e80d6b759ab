import { describe, expect, it } from 'vitest';
import { callWindowStatus, evaluateEligibility, loadDefinition, loadRuleSet, validateAnswers } from '../index.ts';
import { miniAnswers, miniJson, miniLibrary, miniProgram } from '../../test/helpers/fixtures.ts';

const program = miniProgram();
const at = new Date('2026-01-20T10:00:00-06:00');
const LAURA = 'PEGL890909MJCRMS08';

function evaluate(answers = miniAnswers(), curp = LAURA, when = at) {
  return evaluateEligibility(program, { curp, answers: validateAnswers(program, answers).data, at: when });
}

describe('evaluateEligibility', () => {
  it('derives the applicant facts from the CURP, with the age at the call reference date', () => {
    const { facts, eligible } = evaluate();
    expect(eligible).toBe(true);
    expect(facts.solicitante).toEqual({ curp: LAURA, edad: 36, sexo: 'M', entidadNacimiento: 'JC', fechaNacimiento: '1989-09-09' });
    expect(facts.hoy).toBe('2026-01-20');
  });

  it('uses the application date for the age when the call has no reference date', () => {
    const noCut = miniProgram((d) => delete d.convocatoria.referenceDate);
    const turns18 = 'AAAA080113HQTCCCA9'; // born 2008-01-13
    const day = (iso: string) => evaluateEligibility(noCut, { curp: turns18, answers: miniAnswers(), at: new Date(iso) });
    expect(day('2026-01-12T23:59:59-06:00').eligible).toBe(false);
    expect(day('2026-01-13T00:00:00-06:00').eligible).toBe(true);
  });

  it('lists every unmet rule with its Spanish message', () => {
    const answers = miniAnswers();
    answers.situacion.perdio_trabajo = false;
    const result = evaluate(answers, 'AAAA080113HQTCCCA9');
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual([
      { ruleId: 'mayor-de-edad', code: 'RULE_FAILED', message: 'Debes tener 18 años o más al 12 de enero de 2026.' },
      { ruleId: 'trabajo', code: 'RULE_FAILED', message: 'El apoyo es para personas que perdieron su trabajo.' },
    ]);
  });

  it('fails closed on missing data, saying which data is missing', () => {
    const answers = miniAnswers();
    delete answers.situacion;
    const result = evaluate(answers);
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual([expect.objectContaining({ ruleId: 'trabajo', code: 'MISSING_DATA', missing: ['respuestas.situacion.perdio_trabajo'] })]);
  });

  it('a negated rule does not pass when its data is missing', () => {
    const negated = miniProgram((d) => (d.eligibility[1].rule = { '!': { var: 'respuestas.situacion.perdio_trabajo' } }));
    const answers = miniAnswers();
    delete answers.situacion;
    expect(evaluateEligibility(negated, { curp: LAURA, answers, at }).eligible).toBe(false);
  });

  it('lets a rule accept missing data explicitly with a default value', () => {
    const lenient = miniProgram((d) => (d.eligibility[1].rule = { '!=': [{ var: ['respuestas.situacion.perdio_trabajo', true] }, false] }));
    const answers = miniAnswers();
    delete answers.situacion;
    expect(evaluateEligibility(lenient, { curp: LAURA, answers, at }).eligible).toBe(true);
  });

  it('an invalid CURP makes the applicant not eligible, with the reason', () => {
    const result = evaluate(miniAnswers(), 'PEGL890909MJCRMS09');
    expect(result.eligible).toBe(false);
    expect(result.reasons.map((r) => r.code)).toEqual(['CURP_INVALID', 'MISSING_DATA']);
  });

  it('scores priority rules and computes required documents, including rules over the household roster', () => {
    const answers = miniAnswers();
    expect(evaluate(answers)).toMatchObject({ score: 0, requiredDocuments: ['identificacion'] });
    answers.hogar.integrantes.push({ nombre: 'Pedro', edad: 70, discapacidad: 'caminar', grado: 'severa' });
    expect(evaluate(answers)).toMatchObject({ score: 10, requiredDocuments: ['identificacion', 'constancia-discapacidad'] });
  });

  it('computes rule-set facts in order, later facts reading earlier ones', () => {
    const set = loadRuleSet({
      id: 'hogar',
      name: 'Datos del hogar',
      facts: [
        { id: 'integrantes', label: 'Número de integrantes', rule: { reduce: [{ var: 'respuestas.hogar.integrantes' }, { '+': [{ var: 'accumulator' }, 1] }, 0] } },
        { id: 'numeroso', label: 'Hogar numeroso', rule: { '>=': [{ var: 'derivados.hogar.integrantes' }, 3] } },
      ],
    });
    if (!set.ok) throw new Error(JSON.stringify(set.errors));
    const def = miniJson();
    def.ruleSets = ['hogar'];
    def.priority.push({ id: 'numeroso', label: 'Hogar numeroso', points: 5, rule: { var: 'derivados.hogar.numeroso' } });
    const loaded = loadDefinition(def, { ...miniLibrary, ruleSets: { hogar: set.ruleSet } });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const answers = miniAnswers();
    answers.hogar.integrantes.push({ nombre: 'A', edad: 3, discapacidad: 'ninguna' }, { nombre: 'B', edad: 5, discapacidad: 'ninguna' });
    const result = evaluateEligibility(loaded.program, { curp: LAURA, answers, at });
    expect(result.facts.derivados.hogar).toEqual({ integrantes: 3, numeroso: true });
    expect(result.score).toBe(5);
  });

  it('refuses a rule-set fact that reads a later fact', () => {
    const set = loadRuleSet({ id: 'malo', name: 'Orden incorrecto', facts: [{ id: 'a', label: 'Primero', rule: { var: 'derivados.malo.b' } }, { id: 'b', label: 'Segundo', rule: true }] });
    if (!set.ok) throw new Error('el conjunto por sí solo es válido');
    const def = miniJson();
    def.ruleSets = ['malo'];
    const loaded = loadDefinition(def, { ...miniLibrary, ruleSets: { malo: set.ruleSet } });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.errors).toEqual([expect.objectContaining({ pointer: '/ruleSets/0', code: 'DEF_UNKNOWN_FIELD', message: expect.stringMatching(/hecho «a».*«b»/) })]);
  });
});

describe('callWindowStatus', () => {
  it('is inclusive at both ends and uses the offsets of the call', () => {
    expect(callWindowStatus(program, new Date('2026-01-12T08:59:59-06:00'))).toBe('proxima');
    expect(callWindowStatus(program, new Date('2026-01-12T15:00:00Z'))).toBe('abierta');
    expect(callWindowStatus(program, new Date('2026-02-13T23:59:59-06:00'))).toBe('abierta');
    expect(callWindowStatus(program, new Date('2026-02-14T00:00:00-06:00'))).toBe('cerrada');
  });
});
