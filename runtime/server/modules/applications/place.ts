import { localidadClaveOf, type LoadedProgram } from '../../../../engine/index.ts';
import type { QuotaPlace } from '../programs/index.ts';

/**
 * The municipio and localidad claves an application row keeps beside its answers, read from the
 * answers the call names (municipioField; localidadField or domicilio.cve_localidad): the quotas per
 * municipio and per localidad count them. Written on submission and again when a correction changes
 * the address, so a place is never counted where the applicant no longer says they live.
 */
export function placeOf(program: LoadedProgram, answers: Record<string, unknown>): QuotaPlace {
  return { municipio: municipioOf(program, answers), localidad: localidadClaveOf(program.definition, answers) };
}

function municipioOf(program: LoadedProgram, answers: Record<string, unknown>): string | null {
  const path = program.definition.convocatoria.municipioField;
  if (!path) return null;
  let node: unknown = answers;
  for (const key of path.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'string' ? node : null;
}
