/**
 * A JSON Schema interpreter giving Ajv-shaped errors ({keyword, instancePath, schemaPath, params}), so the
 * engine's validateAnswers (engine/forms/validate.ts: hidden answers dropped, errors of one step, Spanish
 * messages) runs on the device exactly as on the server, with this in place of Ajv's compiled function.
 *
 * Why not Ajv itself: Ajv compiles each schema into JavaScript with `new Function`, which the app's
 * Content-Security-Policy forbids (no 'unsafe-eval', as in the portal), and forms arrive as data in the
 * package. The keywords are those program forms use (definitions/); one it does not know is let through:
 * the server checks every record again and has the last word.
 */
import type { ErrorObject } from 'ajv';
import { validateCurp } from '../../engine/curp.ts';

type Schema = Record<string, unknown>;
type Errores = ErrorObject[];

const escapar = (t: string | number) => String(t).replace(/~/g, '~0').replace(/\//g, '~1');

function tipoDe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const esTipo = (v: unknown, t: string) => (t === 'number' ? typeof v === 'number' : tipoDe(v) === t);

function fechaReal(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

const FORMATOS: Record<string, (s: string) => boolean> = {
  date: fechaReal,
  'date-time': (s) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})$/.test(s) && fechaReal(s.slice(0, 10)),
  time: (s) => /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/.test(s),
  // ajv-formats' «full» email, the one the server's Ajv uses.
  email: (s) => /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(s),
  uri: (s) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(s),
  curp: (s) => validateCurp(s).valid,
};

class Interprete {
  constructor(private readonly raiz: Schema) {}

  private resolver(ref: string): Schema {
    const partes = ref.replace(/^#\/?/, '').split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    return partes.reduce<unknown>((n, p) => (n as Schema)?.[p], this.raiz) as Schema;
  }

  valida(s: unknown, v: unknown): boolean {
    const e: Errores = [];
    this.revisar(s, v, '', '#', e);
    return e.length === 0;
  }

  revisar(s: unknown, v: unknown, ruta: string, sp: string, e: Errores): void {
    if (s === false) e.push({ keyword: 'false schema', instancePath: ruta, schemaPath: sp, params: {} });
    if (!s || typeof s !== 'object') return;
    const esq = s as Schema;
    const err = (keyword: string, params: Record<string, unknown>) => e.push({ keyword, instancePath: ruta, schemaPath: `${sp}/${keyword}`, params });
    if (typeof esq.$ref === 'string') this.revisar(this.resolver(esq.$ref), v, ruta, `${sp}/$ref`, e);
    if (esq.type !== undefined) {
      const tipos = ([] as string[]).concat(esq.type as string | string[]);
      // As Ajv: the wrong type is reported and the keywords of every type (const, enum, combinators) still run.
      if (!tipos.some((t) => esTipo(v, t))) err('type', { type: tipos.join(',') });
    }
    if (esq.const !== undefined && JSON.stringify(esq.const) !== JSON.stringify(v)) err('const', { allowedValue: esq.const });
    if (Array.isArray(esq.enum) && !esq.enum.some((x) => JSON.stringify(x) === JSON.stringify(v))) err('enum', { allowedValues: esq.enum });
    this.combinadores(esq, v, ruta, sp, e, err);
    if (typeof v === 'string') this.texto(esq, v, err);
    if (typeof v === 'number') this.numero(esq, v, err);
    if (Array.isArray(v)) this.lista(esq, v, ruta, sp, e, err);
    else if (v && typeof v === 'object') this.objeto(esq, v as Schema, ruta, sp, e, err);
  }

  private combinadores(esq: Schema, v: unknown, ruta: string, sp: string, e: Errores, err: (k: string, p: Record<string, unknown>) => void): void {
    if (Array.isArray(esq.allOf)) esq.allOf.forEach((x, i) => this.revisar(x, v, ruta, `${sp}/allOf/${i}`, e));
    if (Array.isArray(esq.oneOf) && esq.oneOf.filter((x) => this.valida(x, v)).length !== 1) err('oneOf', { passingSchemas: null });
    if (Array.isArray(esq.anyOf) && !esq.anyOf.some((x) => this.valida(x, v))) err('anyOf', {});
    if (esq.not !== undefined && this.valida(esq.not, v)) err('not', {});
    if (esq.if !== undefined) {
      const rama = this.valida(esq.if, v) ? 'then' : 'else';
      if (esq[rama] !== undefined) this.revisar(esq[rama], v, ruta, `${sp}/${rama}`, e);
    }
  }

  private texto(esq: Schema, v: string, err: (k: string, p: Record<string, unknown>) => void): void {
    const largo = [...v].length;
    if (typeof esq.minLength === 'number' && largo < esq.minLength) err('minLength', { limit: esq.minLength });
    if (typeof esq.maxLength === 'number' && largo > esq.maxLength) err('maxLength', { limit: esq.maxLength });
    if (typeof esq.pattern === 'string' && !new RegExp(esq.pattern, 'u').test(v)) err('pattern', { pattern: esq.pattern });
    if (typeof esq.format === 'string' && FORMATOS[esq.format] && !FORMATOS[esq.format](v)) err('format', { format: esq.format });
  }

  private numero(esq: Schema, v: number, err: (k: string, p: Record<string, unknown>) => void): void {
    if (typeof esq.minimum === 'number' && v < esq.minimum) err('minimum', { comparison: '>=', limit: esq.minimum });
    if (typeof esq.maximum === 'number' && v > esq.maximum) err('maximum', { comparison: '<=', limit: esq.maximum });
    if (typeof esq.exclusiveMinimum === 'number' && v <= esq.exclusiveMinimum) err('exclusiveMinimum', { comparison: '>', limit: esq.exclusiveMinimum });
    if (typeof esq.exclusiveMaximum === 'number' && v >= esq.exclusiveMaximum) err('exclusiveMaximum', { comparison: '<', limit: esq.exclusiveMaximum });
    if (typeof esq.multipleOf === 'number' && Math.abs(v / esq.multipleOf - Math.round(v / esq.multipleOf)) > 1e-9) err('multipleOf', { multipleOf: esq.multipleOf });
  }

  private lista(esq: Schema, v: unknown[], ruta: string, sp: string, e: Errores, err: (k: string, p: Record<string, unknown>) => void): void {
    if (typeof esq.minItems === 'number' && v.length < esq.minItems) err('minItems', { limit: esq.minItems });
    if (typeof esq.maxItems === 'number' && v.length > esq.maxItems) err('maxItems', { limit: esq.maxItems });
    if (esq.items && typeof esq.items === 'object' && !Array.isArray(esq.items)) v.forEach((x, i) => this.revisar(esq.items, x, `${ruta}/${i}`, `${sp}/items`, e));
  }

  private objeto(esq: Schema, v: Schema, ruta: string, sp: string, e: Errores, err: (k: string, p: Record<string, unknown>) => void): void {
    for (const r of Array.isArray(esq.required) ? (esq.required as string[]) : []) if (v[r] === undefined) err('required', { missingProperty: r });
    const props = (esq.properties ?? {}) as Schema;
    for (const [k, sub] of Object.entries(props)) if (v[k] !== undefined) this.revisar(sub, v[k], `${ruta}/${escapar(k)}`, `${sp}/properties/${escapar(k)}`, e);
    if (esq.additionalProperties === false) for (const k of Object.keys(v)) if (!(k in props)) err('additionalProperties', { additionalProperty: k });
    const deps = (esq.dependencies ?? {}) as Record<string, unknown>;
    for (const [k, d] of Object.entries(deps)) {
      if (v[k] === undefined || !Array.isArray(d)) continue;
      for (const falta of d as string[]) if (v[falta] === undefined) err('dependencies', { property: k, missingProperty: falta, deps: d.join(', '), depsCount: d.length });
    }
  }
}

/** An Ajv-like validate function for a form schema: `validate(data)`, then `validate.errors`. */
export function validadorDe(schema: Schema): ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } {
  const interprete = new Interprete(schema);
  const validate = (data: unknown) => {
    const e: Errores = [];
    interprete.revisar(schema, data, '', '#', e);
    validate.errors = e.length ? e : null;
    return e.length === 0;
  };
  validate.errors = null as ErrorObject[] | null;
  return validate;
}
