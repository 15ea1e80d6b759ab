/**
 * JSON Forms asks an Ajv-like object to decide rule conditions (show/hide). Ajv compiles schemas
 * with `new Function`, which the portal's Content-Security-Policy forbids (no 'unsafe-eval'), so
 * JSON Forms gets the engine's own evaluator instead: the same one the server applies when it
 * drops hidden answers, and the loader refuses any condition it cannot judge.
 */
import { matchesCondition, type ConditionSchema } from '../../../../engine/forms/conditions.ts';

type Schema = ConditionSchema;

/** Whether `value` satisfies a condition schema (the engine's evaluator). */
export const matches = matchesCondition;

interface ValidateFn {
  (data: unknown): boolean;
  errors?: null | Array<Record<string, unknown>>;
}

/** The two methods of Ajv that JSON Forms calls. */
export const conditionValidator = {
  validate(schema: Schema, data: unknown): boolean {
    return matches(schema, data);
  },
  compile(schema: Schema): ValidateFn {
    const fn: ValidateFn = (data: unknown) => {
      const ok = matches(schema, data);
      fn.errors = ok ? null : [{ keyword: 'sipros', instancePath: '', schemaPath: '#', params: {}, message: 'No válido.' }];
      return ok;
    };
    return fn;
  },
};
