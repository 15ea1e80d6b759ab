import { describe, expect, it } from 'vitest';
import { evaluateEligibility, runDefinitionTests, validateAnswers, type LoadedProgram } from '../index.ts';
import { loadMini, miniAnswers, miniProgram } from '../../test/helpers/fixtures.ts';
import { localidadClaveOf, rulesReadTerritorio, territorioFacts, TERRITORIO_FACT_VARS, type CatalogLocalidad } from './territory-facts.ts';

const at = new Date('2026-01-20T10:00:00-06:00');
const LAURA = 'PEGL890909MJCRMS08';
const MESILLAS: CatalogLocalidad = { clave: '220010025', nombre: 'Mesillas', ambito: 'R', poblacion: 1327 };
const AMEALCO: CatalogLocalidad = { clave: '220010001', nombre: 'Amealco de Bonfil', ambito: 'U', poblacion: 7953 };
const SOLO_RURAL = { id: 'solo-rural', message: 'El apoyo es para personas de localidades rurales.', rule: { '==': [{ var: 'territorio.ambito' }, 'rural'] } };

/** The mini program with the localidad clave in its address (as the CUIS address has it) and `mutate` applied. */
function withLocalidad(mutate: (def: any) => void = () => {}) {
  return (def: any) => {
    def.form.schema.properties.domicilio = {
      type: 'object',
      title: 'Domicilio',
      required: ['municipio', 'calle'],
      properties: {
        municipio: { type: 'string', title: 'Municipio', oneOf: [{ const: '22014', title: 'Querétaro' }, { const: '22006', title: 'Corregidora' }] },
        calle: { type: 'string', title: 'Calle', minLength: 2 },
        cve_localidad: { type: 'string', title: 'Clave de la localidad', pattern: '^[0-9]{9}$' },
      },
    };
    mutate(def);
  };
}

const ruralOnly = miniProgram(withLocalidad((d) => d.eligibility.push(SOLO_RURAL)));

function evaluate(program: LoadedProgram, clave: string | undefined, localidad: CatalogLocalidad | null) {
  const answers = miniAnswers();
  if (clave) answers.domicilio.cve_localidad = clave;
  return evaluateEligibility(program, { curp: LAURA, answers: validateAnswers(program, answers).data, at, localidad });
}

describe('territorio.* in eligibility rules', () => {
  it('a rural localidad meets «solo localidades rurales»; the facts say its clave, ámbito and population', () => {
    const result = evaluate(ruralOnly, MESILLAS.clave, MESILLAS);
    expect(result.eligible).toBe(true);
    expect(result.facts.territorio).toEqual({ localidad: '220010025', ambito: 'rural', poblacion: 1327 });
  });

  it('an urban localidad does not, with the rule’s message', () => {
    const result = evaluate(ruralOnly, AMEALCO.clave, AMEALCO);
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual([{ ruleId: 'solo-rural', code: 'RULE_FAILED', message: 'El apoyo es para personas de localidades rurales.' }]);
  });

  it('no localidad in the address: the rule cannot be decided and says what is missing (never passes)', () => {
    const result = evaluate(ruralOnly, undefined, null);
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual([expect.objectContaining({ ruleId: 'solo-rural', code: 'MISSING_DATA', missing: ['territorio.ambito'] })]);
    expect(result.facts.territorio).toEqual({});
  });

  it('a clave the catalog does not know keeps the clave and leaves ámbito and population unknown', () => {
    const result = evaluate(ruralOnly, '220019999', null);
    expect(result.facts.territorio).toEqual({ localidad: '220019999' });
    expect(result.reasons).toEqual([expect.objectContaining({ code: 'MISSING_DATA', missing: ['territorio.ambito'] })]);
  });

  it('a catalog entry for another localidad than the answers name is not used', () => {
    // The runtime looks up the clave it read; the answers after hidden fields are dropped decide which clave counts.
    const result = evaluate(ruralOnly, AMEALCO.clave, MESILLAS);
    expect(result.facts.territorio).toEqual({ localidad: AMEALCO.clave });
    expect(result.eligible).toBe(false);
  });

  it('priority by population and by a list of localidades, and a localidad clave read from localidadField', () => {
    const program = miniProgram(
      withLocalidad((d) => {
        d.form.schema.properties.domicilio.properties.cve_localidad.title = 'Otra clave';
        d.form.schema.properties.situacion.properties.mi_localidad = { type: 'string', title: 'Clave de tu localidad', pattern: '^[0-9]{9}$' };
        d.convocatoria.localidadField = 'situacion.mi_localidad';
        d.priority.push({ id: 'pequena', label: 'Localidad de menos de 2,000 habitantes', points: 5, rule: { '<': [{ var: 'territorio.poblacion' }, 2000] } });
        d.priority.push({ id: 'prioritaria', label: 'Localidad prioritaria', points: 3, rule: { in: [{ var: 'territorio.localidad' }, ['220010025', '220010029']] } });
      }),
    );
    const answers = miniAnswers();
    answers.situacion.mi_localidad = MESILLAS.clave;
    const score = (localidad: CatalogLocalidad | null) => evaluateEligibility(program, { curp: LAURA, answers, at, localidad }).score;
    expect(score(MESILLAS)).toBe(8);
    expect(score({ ...MESILLAS, poblacion: 2500 })).toBe(3);
    // Population unknown: the priority rule reading it earns nothing, the one reading the clave still counts.
    expect(score(null)).toBe(3);
  });

  it('a definition’s test table states the localidad the runtime would find', () => {
    const program = miniProgram(
      withLocalidad((d) => {
        d.eligibility.push(SOLO_RURAL);
        d.tests.base.answers.domicilio.cve_localidad = MESILLAS.clave;
        d.tests.base.localidad = { clave: MESILLAS.clave, ambito: 'R', poblacion: 1327 };
        d.tests.cases = [
          { name: 'rural', applicant: {}, expect: { eligible: true } },
          { name: 'urbana', applicant: { answers: { domicilio: { cve_localidad: AMEALCO.clave } }, localidad: { clave: AMEALCO.clave, ambito: 'U', poblacion: 7953 } }, expect: { eligible: false, reasons: ['solo-rural'] } },
          { name: 'sin catálogo', applicant: { localidad: { clave: MESILLAS.clave, ambito: null, poblacion: null } }, expect: { eligible: false, reasons: ['solo-rural'] } },
        ];
      }),
    );
    expect(runDefinitionTests(program)).toEqual([
      { name: 'rural', passed: true, failures: [] },
      { name: 'urbana', passed: true, failures: [] },
      { name: 'sin catálogo', passed: true, failures: [] },
    ]);
  });
});

describe('territory facts', () => {
  it('maps INEGI’s U and R to the words rules use, and offers exactly the facts it computes', () => {
    expect(territorioFacts('220010001', AMEALCO)).toEqual({ localidad: '220010001', ambito: 'urbano', poblacion: 7953 });
    expect(TERRITORIO_FACT_VARS.map((v) => v.path.slice('territorio.'.length)).sort()).toEqual(Object.keys(territorioFacts('220010025', MESILLAS)).sort());
    expect(TERRITORIO_FACT_VARS.find((v) => v.path === 'territorio.ambito')?.options?.map((o) => o.const)).toEqual(['rural', 'urbano']);
  });

  it('reads only a nine-digit clave from the answers', () => {
    const definition = { convocatoria: {} } as never;
    expect(localidadClaveOf(definition, { domicilio: { cve_localidad: '220010025' } })).toBe('220010025');
    expect(localidadClaveOf(definition, { domicilio: { cve_localidad: 'Mesillas' } })).toBeNull();
    expect(localidadClaveOf(definition, { domicilio: null })).toBeNull();
  });

  it('knows which programs’ rules read territorio.* (the runtime looks the localidad up only for them)', () => {
    expect(rulesReadTerritorio(ruralOnly)).toBe(true);
    expect(rulesReadTerritorio(miniProgram())).toBe(false);
    const byDefault = miniProgram(withLocalidad((d) => d.documents.push({ id: 'constancia-rural', label: 'Constancia ejidal', accept: ['application/pdf'], maxBytes: 1048576, required: false, requiredIf: { '==': [{ var: ['territorio.ambito', 'urbano'] }, 'rural'] } })));
    expect(rulesReadTerritorio(byDefault)).toBe(true);
  });
});

describe('definition checks of territory', () => {
  const errorsOf = (mutate: (def: any) => void) => {
    const result = loadMini(mutate);
    return result.ok ? [] : result.errors.map((e) => ({ pointer: e.pointer, code: e.code, message: e.message }));
  };

  it('refuses a territorio variable that does not exist', () => {
    expect(errorsOf(withLocalidad((d) => d.eligibility.push({ ...SOLO_RURAL, rule: { '==': [{ var: 'territorio.marginacion' }, 'alta'] } })))).toEqual([
      { pointer: '/eligibility/2/rule/==/0/var', code: 'DEF_UNKNOWN_FIELD', message: expect.stringMatching(/«territorio\.marginacion» no existe; .* ambito, localidad, poblacion/) },
    ]);
  });

  it('refuses rules over territorio.* or quotas per localidad when the form does not ask the localidad clave', () => {
    expect(errorsOf((d) => d.eligibility.push(SOLO_RURAL))).toEqual([
      { pointer: '/convocatoria', code: 'DEF_UNKNOWN_FIELD', message: expect.stringMatching(/^Las reglas leen territorio\.\*, pero el formulario no tiene la clave de localidad del domicilio \(«domicilio\.cve_localidad»\)/) },
    ]);
    expect(errorsOf((d) => (d.convocatoria.quotas.byLocalidad = { '220140001': 5 }))).toEqual([expect.objectContaining({ pointer: '/convocatoria', message: expect.stringMatching(/^Hay cupos por localidad, pero/) })]);
    expect(errorsOf((d) => (d.convocatoria.localidadField = 'domicilio.localidad'))).toEqual([{ pointer: '/convocatoria/localidadField', code: 'DEF_UNKNOWN_FIELD', message: 'El campo «domicilio.localidad» no existe en el formulario.' }]);
  });

  it('refuses a localidad quota outside the municipios of the catalog, and accepts one inside', () => {
    expect(errorsOf(withLocalidad((d) => (d.convocatoria.quotas.byLocalidad = { '220990001': 5 })))).toEqual([
      { pointer: '/convocatoria/quotas/byLocalidad/220990001', code: 'DEF_UNKNOWN_MUNICIPIO', message: '«220990001» no es una localidad de un municipio del catálogo del INEGI (municipio 22099).' },
    ]);
    expect(errorsOf(withLocalidad((d) => (d.convocatoria.quotas.byLocalidad = { '220140001': 5 })))).toEqual([]);
    expect(errorsOf(withLocalidad((d) => (d.convocatoria.quotas.byLocalidad = { '2201400': 5 })))).toContainEqual(expect.objectContaining({ code: 'DEF_SCHEMA', message: 'El nombre «2201400» no es válido.' }));
  });
});
