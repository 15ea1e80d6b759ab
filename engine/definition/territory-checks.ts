import { defError, pointer, type DefinitionError } from './errors.ts';
import { schemaAtDataPath } from '../forms/schema-paths.ts';
import { definitionReadsTerritorio, localidadFieldOf } from '../rules/territory-facts.ts';
import type { CheckInput } from './semantic-checks.ts';

/**
 * Rules over territorio.* and quotas per localidad need the applicant's localidad clave: the form
 * must ask it where localidadField (or, without it, domicilio.cve_localidad) says, or every such rule
 * would fail for lack of data and every such quota would count nobody. A localidad quota's clave must
 * belong to a municipio of INEGI's catalog (its first five digits); the localidad itself is checked
 * by the runtime's catalog, which the engine does not hold.
 */
export function checkTerritory({ definition: def, formSchema, ruleSets, municipios }: CheckInput, errors: DefinitionError[]): void {
  const call = def.convocatoria;
  const byLocalidad = call.quotas?.byLocalidad ?? {};
  for (const clave of Object.keys(byLocalidad)) {
    if (municipios && !municipios.has(clave.slice(0, 5))) {
      errors.push(defError(pointer('/convocatoria/quotas/byLocalidad', clave), 'DEF_UNKNOWN_MUNICIPIO', `«${clave}» no es una localidad de un municipio del catálogo del INEGI (municipio ${clave.slice(0, 5)}).`));
    }
  }
  const field = localidadFieldOf(def);
  if (call.localidadField !== undefined) {
    if (!schemaAtDataPath(formSchema, field)) errors.push(defError('/convocatoria/localidadField', 'DEF_UNKNOWN_FIELD', `El campo «${field}» no existe en el formulario.`));
    return;
  }
  const used = (def.ruleSets ?? []).map((id) => ruleSets[id]).filter(Boolean);
  const needs = [Object.keys(byLocalidad).length > 0 ? 'hay cupos por localidad' : null, definitionReadsTerritorio(def, used) ? 'las reglas leen territorio.*' : null].filter(Boolean);
  if (needs.length > 0 && !schemaAtDataPath(formSchema, field)) {
    errors.push(
      defError(
        '/convocatoria',
        'DEF_UNKNOWN_FIELD',
        `${capitalized(needs.join(' y '))}, pero el formulario no tiene la clave de localidad del domicilio («${field}»): agrega la sección Domicilio del CUIS o indica en localidadField qué respuesta la guarda.`,
      ),
    );
  }
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
