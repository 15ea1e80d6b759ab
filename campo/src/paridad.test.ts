/**
 * The phone judges as the server does. For every seed program and every case of its test table (plus the
 * empty form and a few wrong answers), the device's validation (the engine's validateAnswers with
 * esquema.ts's interpreter instead of Ajv's compiled code) and eligibility (evaluateEligibility with rules
 * run by json-logic-engine's interpreter instead of compiled code) give exactly what the server's loaded
 * program gives: the same errors with the same Spanish messages, per step too, and the same reasons,
 * score, required documents and derived facts.
 */
import { describe, expect, it } from 'vitest';
import { evaluateEligibility, loadDefinition, loadRuleSet, mergeAnswers, validateAnswers, type LoadedProgram, type RuleSet } from '../../engine/index.ts';
import municipiosCatalog from '../../definitions/catalogs/municipios.json';
import type { ProgramaDetalle } from '../../runtime/web/src/api.ts';
import { programaParaElegibilidad } from './elegibilidad.ts';
import type { ProgramaDeCampo } from './paquete.ts';
import { programaParaValidar } from './validar.ts';

type Json = Record<string, unknown>;
interface Caso {
  name: string;
  applicant: { curp?: string; at?: string; answers?: Json; padron?: never[]; localidad?: never };
}
interface Tabla {
  base?: { curp?: string; at?: string; answers?: Json; padron?: never[]; localidad?: never };
  cases: Caso[];
}

// The seed library as the server loads it (runtime/definitions/library.ts), read here through the bundler's JSON imports.
const porNombre = (files: Record<string, unknown>) => Object.fromEntries(Object.entries(files).map(([path, json]) => [path.split('/').pop()!, json]));
const fragments = porNombre(import.meta.glob('../../definitions/fragments/*.json', { eager: true, import: 'default' }));
const ruleSets: Record<string, RuleSet> = {};
for (const json of Object.values(import.meta.glob('../../definitions/rulesets/*.json', { eager: true, import: 'default' }))) {
  const r = loadRuleSet(json);
  if (r.ok) ruleSets[r.ruleSet.id] = r.ruleSet;
}
const municipios = new Set((municipiosCatalog as Array<{ clave: string }>).map((m) => m.clave));
const programs: LoadedProgram[] = [];
for (const json of Object.values(import.meta.glob('../../definitions/programs/*/program.json', { eager: true, import: 'default' }))) {
  const loaded = loadDefinition(json, { fragments: fragments as never, ruleSets, municipios });
  if (loaded.ok) programs.push(loaded.program);
}

/** The program as the package carries it: the portal's form, and the published definition with its rule sets. */
function enElPaquete(p: LoadedProgram): { detalle: ProgramaDetalle; deCampo: ProgramaDeCampo } {
  const detalle = { id: p.definition.id, formulario: { schema: p.definition.form.schema, uischema: p.definition.form.uischema } } as unknown as ProgramaDetalle;
  const reglas = Object.fromEntries(p.ruleSets.map((r) => [r.id, r]));
  return { detalle, deCampo: { detalle, definicion: p.definition as unknown as Json, reglas } };
}

/** Answers that break the form in several ways: wrong types, out of range, unknown keys, a hidden follow-up. */
function estropeadas(base: Json): Json[] {
  const d = structuredClone(base) as Json & { domicilio?: Json; hogar?: { integrantes?: Json[] } };
  const malas: Json[] = [{}, { domicilio: { codigo_postal: '7680', municipio: 'x' } }, { extra: true }];
  if (d.domicilio) malas.push({ ...d, domicilio: { ...d.domicilio, latitud: 20.5 } });
  if (d.hogar?.integrantes?.[0]) {
    malas.push({ ...d, hogar: { integrantes: [{ ...d.hogar.integrantes[0], edad: 130, sexo: 'Z' }] } });
    malas.push({ ...d, hogar: { integrantes: [{ ...d.hogar.integrantes[0], edad: 'cuarenta', sexo: 5, nombre: '' }] } });
  }
  return malas;
}

const ordenadas = (errors: Array<{ path: string; code: string; message: string }>) => errors.map((e) => `${e.path}|${e.code}|${e.message}`).sort();

describe('the device judges the seed programs as the server does', () => {
  it('loads the seed programs', () => {
    expect(programs.length).toBeGreaterThanOrEqual(8);
  });

  it('the device generates no code: with eval and Function refused (as the CSP refuses them), it still judges every program', () => {
    const real = { eval: globalThis.eval, Function: globalThis.Function };
    const refused: string[] = [];
    const refuse = (what: string) => () => {
      refused.push(what);
      throw new EvalError(`${what} no está permitido`);
    };
    const results: unknown[] = [];
    globalThis.eval = refuse('eval');
    globalThis.Function = new Proxy(real.Function, { construct: refuse('new Function'), apply: refuse('Function()') });
    try {
      for (const server of programs) {
        const tabla = (server.definition as unknown as { tests?: Tabla }).tests;
        const { detalle, deCampo } = enElPaquete(server);
        const answers = (tabla?.base?.answers ?? {}) as Json;
        results.push(validateAnswers(programaParaValidar(detalle), answers).errors.length);
        results.push(evaluateEligibility(programaParaElegibilidad(deCampo), { curp: tabla?.base?.curp ?? '', answers, at: new Date('2026-11-24T10:00:00-06:00') }).reasons.map((r) => r.code));
      }
    } finally {
      globalThis.eval = real.eval;
      globalThis.Function = real.Function;
    }
    expect(refused).toEqual([]);
    expect(results.flat(2)).not.toContain('RULE_ERROR');
    expect(results.length).toBe(programs.length * 2);
  });

  for (const server of programs) {
    const tabla = (server.definition as unknown as { tests?: Tabla }).tests;
    const { detalle, deCampo } = enElPaquete(server);
    const dispositivo = { form: programaParaValidar(detalle), rules: programaParaElegibilidad(deCampo) };

    it(`${server.definition.id}: the same form errors for every test case and for broken answers, whole and step by step`, () => {
      const respuestas = [...(tabla?.cases ?? []).map((c) => mergeAnswers(tabla?.base?.answers ?? {}, c.applicant.answers) as Json), ...estropeadas((tabla?.base?.answers ?? {}) as Json)];
      const pasos = (server.definition.form.uischema as { elements?: unknown[] }).elements?.length ?? 1;
      for (const r of respuestas) {
        expect(ordenadas(validateAnswers(dispositivo.form, r).errors)).toEqual(ordenadas(validateAnswers(server, r).errors));
        for (let step = 0; step < pasos; step++) expect(ordenadas(validateAnswers(dispositivo.form, r, { step }).errors)).toEqual(ordenadas(validateAnswers(server, r, { step }).errors));
      }
    });

    it(`${server.definition.id}: the same eligibility, score, documents and derived facts for every test case`, () => {
      for (const c of tabla?.cases ?? []) {
        const answers = validateAnswers(server, mergeAnswers(tabla?.base?.answers ?? {}, c.applicant.answers)).data;
        const input = { curp: c.applicant.curp ?? tabla?.base?.curp ?? '', answers, at: new Date(c.applicant.at ?? tabla?.base?.at ?? '2026-11-24T10:00:00-06:00'), padron: c.applicant.padron ?? tabla?.base?.padron, localidad: c.applicant.localidad ?? tabla?.base?.localidad };
        const a = evaluateEligibility(dispositivo.rules, input);
        const b = evaluateEligibility(server, input);
        expect({ caso: c.name, eligible: a.eligible, reasons: a.reasons, score: a.score, docs: a.requiredDocuments, derivados: a.facts.derivados }).toEqual({ caso: c.name, eligible: b.eligible, reasons: b.reasons, score: b.score, docs: b.requiredDocuments, derivados: b.facts.derivados });
      }
    });
  }
});
