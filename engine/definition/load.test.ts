import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../index.ts';
import { loadMini, miniLibrary } from '../../test/helpers/fixtures.ts';
import type { DefinitionError } from './errors.ts';

function errorsOf(mutate: (def: any) => void): DefinitionError[] {
  const result = loadMini(mutate);
  if (result.ok) throw new Error('se esperaba que la definición fuera rechazada');
  return result.errors;
}

/** Each typo is refused with the exact pointer of the culprit, a code and a Spanish message. */
function expectRefused(mutate: (def: any) => void, pointer: string, code: string, messagePart: RegExp) {
  const errors = errorsOf(mutate);
  const match = errors.find((e) => e.pointer === pointer && e.code === code);
  expect(match, JSON.stringify(errors, null, 2)).toBeDefined();
  expect(match!.message).toMatch(messagePart);
}

describe('loadDefinition', () => {
  it('loads the valid test program, bundles fragments into $defs and freezes everything', () => {
    const result = loadMini();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { definition } = result.program;
    const schema = definition.form.schema as any;
    expect(schema.properties.domicilio.$ref).toBe('#/$defs/mini.domicilio');
    expect(schema.$defs['mini.integrante']).toBeDefined();
    expect(JSON.stringify(definition.form.uischema)).not.toContain('$ref');
    expect(Object.isFrozen(definition)).toBe(true);
    expect(Object.isFrozen(definition.workflow.states.en_revision)).toBe(true);
    expect(() => ((definition as any).name = 'otro')).toThrow(TypeError);
  });

  it('refuses what is not an object', () => {
    for (const input of [null, 42, 'texto', []]) {
      const result = loadDefinition(input, miniLibrary);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]).toMatchObject({ pointer: '', code: 'DEF_NOT_OBJECT' });
    }
  });

  it('reports schema errors with pointers and Spanish messages, all of them at once', () => {
    const errors = errorsOf((d) => {
      d.folioPrefix = 'prueba';
      d.extra = true;
      delete d.workflow;
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { pointer: '/folioPrefix', code: 'DEF_SCHEMA', message: 'No tiene el formato esperado.' },
        { pointer: '/extra', code: 'DEF_SCHEMA', message: 'La propiedad «extra» no está permitida aquí.' },
        { pointer: '/workflow', code: 'DEF_SCHEMA', message: 'Falta el dato obligatorio «workflow».' },
      ]),
    );
  });

  it('refuses a call window without an explicit offset', () => {
    expectRefused((d) => (d.convocatoria.opensAt = '2026-01-12T09:00:00'), '/convocatoria/opensAt', 'DEF_SCHEMA', /formato/);
  });

  it('refuses a transition to a missing state', () => {
    expectRefused((d) => (d.workflow.states.en_revision.on.VALIDAR.target = 'en_dictamne'), '/workflow/states/en_revision/on/VALIDAR/target', 'DEF_UNKNOWN_TARGET', /«en_dictamne», que no existe/);
  });

  it('refuses an unknown guard', () => {
    expectRefused((d) => (d.workflow.states.en_dictamen.on.APROBAR.guard = 'cupoDisponibel'), '/workflow/states/en_dictamen/on/APROBAR/guard', 'DEF_UNKNOWN_GUARD', /«cupoDisponibel» no está registrada/);
  });

  it('refuses an unknown action, also in {type, params} form', () => {
    expectRefused((d) => d.workflow.states.aprobada.on.ENTREGAR.actions.push({ type: 'pagarDosVeces' }), '/workflow/states/aprobada/on/ENTREGAR/actions/1', 'DEF_UNKNOWN_ACTION', /«pagarDosVeces» no está registrada/);
  });

  it('refuses an event without a label', () => {
    expectRefused((d) => delete d.workflow.events.VALIDAR, '/workflow/states/en_revision/on/VALIDAR', 'DEF_UNKNOWN_EVENT', /no está declarado/);
  });

  it('refuses an unreachable state', () => {
    expectRefused(
      (d) => (d.workflow.states.archivada = { status: 'Baja', label: 'Archivada', type: 'final' }),
      '/workflow/states/archivada',
      'DEF_UNREACHABLE_STATE',
      /Ningún camino desde «en_revision» llega al estado «archivada»/,
    );
  });

  it('refuses a workflow with no final state', () => {
    expectRefused(
      (d) => {
        d.workflow.states.rechazada = { status: 'Rechazada', label: 'Rechazada', on: { REENVIAR: { target: 'en_revision', roles: ['ciudadano'] } } };
        d.workflow.states.baja = { status: 'Baja', label: 'Baja', on: { REENVIAR: { target: 'en_revision', roles: ['ciudadano'] } } };
      },
      '/workflow/states',
      'DEF_NO_FINAL_STATE',
      /al menos un estado final/,
    );
  });

  it('refuses a missing initial state and a dead-end state', () => {
    expectRefused((d) => (d.workflow.initial = 'inicio'), '/workflow/initial', 'DEF_UNKNOWN_STATE', /«inicio» no existe/);
    expectRefused((d) => delete d.workflow.states.entregado.on, '/workflow/states/entregado', 'DEF_DEAD_END_STATE', /no tiene salidas/);
  });

  it('refuses an eligibility rule on a missing field', () => {
    expectRefused(
      (d) => (d.eligibility[1].rule = { '==': [{ var: 'respuestas.situacion.perdio_empleo' }, true] }),
      '/eligibility/1/rule/==/0/var',
      'DEF_UNKNOWN_FIELD',
      /«situacion.perdio_empleo», que no existe en el formulario/,
    );
  });

  it('checks fields read inside iterators against the items of the array', () => {
    expectRefused(
      (d) => (d.priority[0].rule = { some: [{ var: 'respuestas.hogar.integrantes' }, { '!=': [{ var: 'discapacidd' }, 'ninguna'] }] }),
      '/priority/0/rule/some/1/!=/0/var',
      'DEF_UNKNOWN_FIELD',
      /«hogar.integrantes.\[\].discapacidd», que no existe/,
    );
  });

  it('refuses a document condition on a missing field and an unknown applicant fact', () => {
    expectRefused((d) => (d.documents[1].requiredIf = { var: 'respuestas.salud.discapacidad' }), '/documents/1/requiredIf/var', 'DEF_UNKNOWN_FIELD', /no existe en el formulario/);
    expectRefused((d) => (d.eligibility[0].rule = { '>=': [{ var: 'solicitante.anios' }, 18] }), '/eligibility/0/rule/>=/0/var', 'DEF_UNKNOWN_FIELD', /del solicitante se conocen/);
  });

  it('refuses an SMS template with a placeholder that does not exist', () => {
    expectRefused((d) => (d.notifications[0].sms = 'Tu solicitud {{folio}} de {{respuestas.situacion.motivo}}'), '/notifications/0/sms', 'DEF_UNKNOWN_PLACEHOLDER', /\{\{respuestas.situacion.motivo\}\} no existe/);
  });

  it('refuses a UI control or visibility rule pointing at a missing field', () => {
    expectRefused(
      (d) => (d.form.uischema.elements[2].elements[0].scope = '#/properties/situacion/properties/perdio'),
      '/form/uischema/elements/2/elements/0/scope',
      'DEF_UNKNOWN_FIELD',
      /no existe en el formulario/,
    );
    expectRefused(
      (d) => (d.form.uischema.elements[2].elements[1].rule.condition.scope = '#/properties/situacion/properties/perdio'),
      '/form/uischema/elements/2/elements/1/rule/condition/scope',
      'DEF_UNKNOWN_FIELD',
      /no existe en el formulario/,
    );
  });

  it('refuses an unknown JSON Logic operator (fail closed)', () => {
    expectRefused((d) => (d.eligibility[0].rule = { mayor_que: [{ var: 'solicitante.edad' }, 18] }), '/eligibility/0/rule/mayor_que', 'DEF_UNKNOWN_OPERATOR', /«mayor_que» no existe/);
  });

  it('refuses duplicate ids', () => {
    expectRefused((d) => (d.documents[1].id = 'identificacion'), '/documents/1/id', 'DEF_DUPLICATE_ID', /«identificacion» está repetido/);
    expectRefused((d) => (d.eligibility[1].id = 'mayor-de-edad'), '/eligibility/1/id', 'DEF_DUPLICATE_ID', /repetido/);
  });

  it('refuses a call that closes before it opens', () => {
    expectRefused((d) => (d.convocatoria.closesAt = '2026-01-12T08:59:59-06:00'), '/convocatoria/closesAt', 'DEF_CALL_WINDOW', /cerrar después de abrir/);
  });

  it('refuses quota keys that are not INEGI municipio claves', () => {
    expectRefused((d) => (d.convocatoria.quotas.byMunicipio['22099'] = 5), '/convocatoria/quotas/byMunicipio/22099', 'DEF_UNKNOWN_MUNICIPIO', /«22099» no es una clave de municipio/);
  });

  it('refuses a $ref that does not resolve, in the schema and in the UI schema', () => {
    expectRefused((d) => (d.form.schema.properties.domicilio.$ref = 'mini.schema.json#/$defs/domicilo'), '/form/schema/properties/domicilio/$ref', 'DEF_UNRESOLVED_REF', /no encuentra «\/\$defs\/domicilo»/);
    expectRefused((d) => (d.form.schema.properties.hogar.$ref = 'cuis.schema.json#/$defs/hogar'), '/form/schema/properties/hogar/$ref', 'DEF_UNRESOLVED_REF', /«cuis.schema.json», que no existe/);
    expectRefused((d) => (d.form.schema.properties.extra = { $ref: '#/$defs/nada' }), '/form/schema/properties/extra/$ref', 'DEF_UNRESOLVED_REF', /no apunta a nada/);
    expectRefused((d) => (d.form.uischema.elements[0].$ref = 'mini.uischema.json#/vivienda'), '/form/uischema/elements/0/$ref', 'DEF_UNRESOLVED_REF', /«\/vivienda», que no existe/);
  });

  it('refuses a form schema Ajv strict mode rejects', () => {
    expectRefused((d) => (d.form.schema.properties.situacion.properties.perdio_trabajo.etiqueta = 'x'), '/form/schema', 'DEF_FORM_SCHEMA', /unknown keyword: "etiqueta"/);
  });

  it('refuses a form that is not a Categorization of steps', () => {
    expectRefused((d) => (d.form.uischema = { type: 'VerticalLayout', elements: [] }), '/form/uischema', 'DEF_UISCHEMA', /Categorization/);
  });

  it('refuses rule sets the library does not have, once, not again on every rule that reads them', () => {
    const errors = errorsOf((d) => {
      d.ruleSets = ['coneval'];
      d.eligibility[0].rule = { var: 'derivados.coneval.pobreza' };
    });
    expect(errors).toEqual([expect.objectContaining({ pointer: '/ruleSets/0', code: 'DEF_UNKNOWN_RULESET', message: expect.stringMatching(/«coneval» no existe/) })]);
    expectRefused((d) => (d.eligibility[0].rule = { var: 'derivados.coneval.pobreza' }), '/eligibility/0/rule/var', 'DEF_UNKNOWN_RULESET', /no incluye en ruleSets/);
  });

  it('checks every guard of a guard list', () => {
    expectRefused((d) => (d.workflow.states.en_dictamen.on.APROBAR.guard = ['otroFuncionario', 'cupoDisponble']), '/workflow/states/en_dictamen/on/APROBAR/guard/1', 'DEF_UNKNOWN_GUARD', /«cupoDisponble»/);
  });
});

/** The one Control of the test program with a show/hide rule, and the pointer to its rule. */
function ruledControl(def: any): { control: any; at: string } {
  const visit = (node: any, at: string): { control: any; at: string } | null => {
    if (node?.rule) return { control: node, at: `${at}/rule` };
    for (const [i, child] of (node?.elements ?? []).entries()) {
      const found = visit(child, `${at}/elements/${i}`);
      if (found) return found;
    }
    return null;
  };
  return visit(def.form.uischema, '/form/uischema')!;
}

describe('show/hide conditions', () => {
  const corpus: Array<[string, unknown, string, string]> = [
    ['a rule that is not an object', 'SHOW', '', 'DEF_UISCHEMA'],
    ['a rule without a condition', { effect: 'SHOW' }, '/condition', 'DEF_UISCHEMA'],
    ['a condition without schema', { effect: 'SHOW', condition: { scope: '#/properties/situacion/properties/perdio_trabajo' } }, '/condition', 'DEF_UISCHEMA'],
    ['a misspelt keyword', { effect: 'SHOW', condition: { scope: '#/properties/situacion/properties/perdio_trabajo', schema: { cosnt: true } } }, '/condition/schema/cosnt', 'DEF_CONDITION'],
    ['a keyword the evaluator does not judge', { effect: 'SHOW', condition: { scope: '#/properties/situacion/properties/perdio_trabajo', schema: { format: 'date' } } }, '/condition/schema/format', 'DEF_CONDITION'],
    ['a schema that is text', { effect: 'HIDE', condition: { scope: '#/properties/situacion/properties/perdio_trabajo', schema: 'true' } }, '/condition/schema', 'DEF_CONDITION'],
    ['a broken pattern', { effect: 'SHOW', condition: { scope: '#/properties/situacion/properties/perdio_trabajo', schema: { pattern: '([' } } }, '/condition/schema/pattern', 'DEF_CONDITION'],
    ['an effect the engine does not apply', { effect: 'DISABLE', condition: { scope: '#/properties/situacion/properties/perdio_trabajo', schema: { const: true } } }, '/effect', 'DEF_CONDITION'],
    ['OR without conditions', { effect: 'SHOW', condition: { type: 'OR', conditions: [] } }, '/condition', 'DEF_UISCHEMA'],
    ['AND with a condition that is null', { effect: 'SHOW', condition: { type: 'AND', conditions: [null] } }, '/condition/conditions/0', 'DEF_UISCHEMA'],
    ['an unknown condition type', { effect: 'SHOW', condition: { type: 'XOR', scope: '#/properties/situacion/properties/perdio_trabajo', schema: {} } }, '/condition/type', 'DEF_CONDITION'],
    ['LEAF without expectedValue', { effect: 'SHOW', condition: { type: 'LEAF', scope: '#/properties/situacion/properties/perdio_trabajo' } }, '/condition', 'DEF_UISCHEMA'],
    ['a scope that is a number', { effect: 'SHOW', condition: { scope: 7, schema: { const: true } } }, '/condition', 'DEF_UISCHEMA'],
    ['failWhenUndefined as text', { effect: 'SHOW', condition: { scope: '#/properties/situacion/properties/perdio_trabajo', schema: { const: true }, failWhenUndefined: 'sí' } }, '/condition/failWhenUndefined', 'DEF_CONDITION'],
  ];

  it.each(corpus)('refuses %s with a code and its pointer, and never throws', (_name, rule, where, code) => {
    let result: ReturnType<typeof loadMini> | undefined;
    let at = '';
    expect(() => {
      result = loadMini((def) => {
        const ruled = ruledControl(def);
        at = ruled.at;
        ruled.control.rule = rule;
      });
    }).not.toThrow();
    expect(at).toMatch(/^\/form\/uischema\/elements\/\d+\/.*\/rule$/);
    expect(result!.ok).toBe(false);
    if (result!.ok) return;
    expect(result!.errors, JSON.stringify(result!.errors)).toContainEqual(expect.objectContaining({ pointer: at + where, code }));
    for (const error of result!.errors) expect(error.message).toMatch(/^[A-ZÁÉÍÓÚÑ«¿]/);
  });

  it('hides a follow-up by the same evaluator the browser uses, including annotations in the schema', () => {
    const result = loadMini((def) => {
      ruledControl(def).control.rule.condition.schema = { title: 'Perdió su trabajo', const: true };
    });
    expect(result.ok, JSON.stringify(!result.ok && result.errors)).toBe(true);
  });
});
