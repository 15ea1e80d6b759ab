/** The build plugins both browser apps use (the portal, runtime/web, and the designer, designer/). */
import type { Plugin } from 'vite';

export { precompressPlugin } from './precompress.ts';

const NO_AJV = '\0sipros:jsonforms-sin-ajv';

/**
 * @jsonforms/core imports Ajv (and ajv-formats) only to build a validator when the form is given none.
 * SiprosForm always gives its own rule interpreter (src/forms/conditions.ts): Ajv compiles schemas with
 * `new Function`, which the portal's Content-Security-Policy forbids, so it could never run here. For
 * @jsonforms/core's imports alone they are replaced by a stub (a fifth of a form page's code), which
 * says what happened if it is ever called.
 */
export function jsonFormsWithoutAjv(): Plugin {
  return {
    name: 'sipros-jsonforms-without-ajv',
    enforce: 'pre',
    resolveId(source, importer) {
      if ((source === 'ajv' || source === 'ajv-formats') && importer && /[\\/]@jsonforms[\\/]core[\\/]/.test(importer)) return NO_AJV;
      return null;
    },
    load(id) {
      if (id !== NO_AJV) return null;
      return `export default function ajvNoIncluido() {
  throw new Error('Ajv no está incluido en el portal: pasa a JSON Forms el validador de src/forms/conditions.ts (prop ajv).');
}`;
    },
  };
}
