/**
 * What choosing a localidad or a colonia from the catalogs writes in the address, beside the name the
 * person reads: the same fields the postal code's list fills (codigo-postal.tsx), so both ways store the
 * same claves. Pure: the controls in por-municipio.tsx apply the changes with JSON Forms' handleChange.
 */
import { Resolve, type JsonSchema } from '@jsonforms/core';
import type { ColoniaDelMunicipio, LocalidadRef } from '../../../../../api/territorio.ts';

/** Fields of the address (siblings of the control) and what each takes; undefined removes it. */
export type Cambios = Array<[campo: string, valor: string | undefined]>;

/** The path of a sibling field of the address («domicilio.localidad» → «domicilio.cve_localidad»). */
export const hermano = (path: string, campo: string) => path.replace(/[^.]+$/, campo);

/** The answers a sibling question offers (a select's oneOf): a form of another state lists other municipios, or no ámbito. */
export function ofrecidos(rootSchema: JsonSchema, scope: string, campo: string): Set<string> {
  const schema = Resolve.schema(rootSchema, scope.replace(/[^/]+$/, campo), rootSchema) as JsonSchema | undefined;
  return new Set(((schema?.oneOf ?? []) as JsonSchema[]).map((o) => String(o.const)));
}

/** INEGI's ámbito as the CUIS asks it (urbano, rural), when the form offers that answer. */
export function ambitoDe(ambito: LocalidadRef['ambito'], ofrecidos: ReadonlySet<string>): string | undefined {
  const valor = ambito === 'U' ? 'urbano' : ambito === 'R' ? 'rural' : undefined;
  return valor !== undefined && ofrecidos.has(valor) ? valor : undefined;
}

/** The localidad's name and clave, and its ámbito when INEGI gives it (else the person's answer stays). */
export function alElegirLocalidad(localidad: LocalidadRef, ambitos: ReadonlySet<string>): Cambios {
  const cambios: Cambios = [
    ['localidad', localidad.nombre],
    ['cve_localidad', localidad.clave],
  ];
  const ambito = ambitoDe(localidad.ambito, ambitos);
  if (ambito !== undefined) cambios.push(['ambito', ambito]);
  return cambios;
}

/**
 * The colonia's name and clave; its postal code when it has only one (with several, the person's stays);
 * and its localidad when she has not chosen one (the one she chose is hers: a colonia's is only inferred).
 */
export function alElegirColonia(colonia: ColoniaDelMunicipio, localidadElegida: boolean, ambitos: ReadonlySet<string>): Cambios {
  const cambios: Cambios = [
    ['colonia', colonia.nombre],
    ['cve_asentamiento', colonia.clave],
  ];
  if (colonia.codigosPostales.length === 1) cambios.push(['codigo_postal', colonia.codigosPostales[0]]);
  if (!localidadElegida && colonia.localidad) cambios.push(...alElegirLocalidad(colonia.localidad, ambitos));
  return cambios;
}

/** A clave of INEGI or SEPOMEX (nine digits, the first five its municipio's) that is not of the municipio now chosen. */
export const deOtroMunicipio = (clave: unknown, cveMun: string): boolean => typeof clave === 'string' && cveMun !== '' && !clave.startsWith(cveMun);

/** What a colonia's option says under its name: its kind, its postal codes and its localidad. */
export function detalleDeColonia(colonia: ColoniaDelMunicipio): string {
  const codigos = colonia.codigosPostales.length === 0 ? [] : [`C.P. ${colonia.codigosPostales.join(', ')}`];
  return [colonia.tipo, ...codigos, ...(colonia.localidad ? [colonia.localidad.nombre] : [])].join(' · ');
}

/** What a localidad's option says under its name. */
export const detalleDeLocalidad = (localidad: LocalidadRef): string => (localidad.ambito === 'U' ? 'Urbana' : localidad.ambito === 'R' ? 'Rural' : 'Localidad');

export type Buscada = 'localidad' | 'colonia';
const PLURAL: Record<Buscada, string> = { localidad: 'localidades', colonia: 'colonias' };

/**
 * What the list's status line says (role="status": a screen reader hears it as the list changes); found
 * null while the catalog has not answered, or when there is none to ask.
 */
export function avisoDeBusqueda(buscada: Buscada, texto: string, encontradas: number | null, elegida: boolean): string {
  if (elegida) return `Elegiste tu ${buscada} del catálogo.`;
  if (texto.trim() === '' || encontradas === null) return '';
  if (encontradas === 0) return `No encontramos una ${buscada} así en el catálogo: se guardará como la escribiste.`;
  const cuantas = encontradas === 1 ? `Una ${buscada} coincide` : `${encontradas} ${PLURAL[buscada]} coinciden`;
  return `${cuantas}: elige con las flechas y Enter, o tócala.`;
}
