/**
 * The program form's checks on the device: the engine's validateAnswers (the same function the server runs
 * when a draft is saved: hidden answers dropped, one step's errors, the same Spanish messages), given the
 * form of the package and esquema.ts's interpreter in place of Ajv's compiled function.
 */
// The engine's own modules, not engine/index.ts: the index also loads the definition loader, whose Ajv
// compiles the meta-schemas (generated code) as soon as it is imported.
import { stepDataPaths, validateAnswers, type FieldError } from '../../engine/forms/validate.ts';
import { compileVisibility } from '../../engine/forms/visibility.ts';
import type { LoadedProgram } from '../../engine/definition/load.ts';
import type { ErrorCampo, Json, ProgramaDetalle } from '../../runtime/web/src/api.ts';
import { validadorDe } from './esquema.ts';

export type Validador = (respuestas: Json, paso?: number) => { valido: boolean; errores: ErrorCampo[]; datos: Json };

/**
 * Only the parts of a loaded program that validateAnswers reads: the form's schema, its compiled check,
 * its visibility rules and the fields of each step.
 */
export function programaParaValidar(p: ProgramaDetalle): LoadedProgram {
  const schema = p.formulario.schema as Record<string, unknown>;
  const uischema = p.formulario.uischema as Record<string, unknown>;
  const form = { validate: validadorDe(schema), visibility: compileVisibility(uischema), steps: stepDataPaths(uischema) };
  return { definition: { form: { schema, uischema } }, ruleSets: [], compiled: { form } } as unknown as LoadedProgram;
}

const aErrorCampo = (e: FieldError): ErrorCampo => ({ path: e.path, code: e.code, message: e.message });

export function validadorDelPrograma(p: ProgramaDetalle): Validador {
  const programa = programaParaValidar(p);
  return (respuestas, paso) => {
    const r = validateAnswers(programa, respuestas, paso === undefined ? {} : { step: paso });
    return { valido: r.valid, errores: r.errors.map(aErrorCampo), datos: r.data as Json };
  };
}
