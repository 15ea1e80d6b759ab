/**
 * What eligibility rules may know about where the applicant lives, from INEGI's catalog of
 * localidades: the clave of the localidad of their address, whether it is urban or rural, and its
 * population («solo localidades rurales»: territorio.ambito = rural). Pure: the runtime looks the
 * clave up in the catalog in force and passes the entry in; a definition's test table can state it.
 * The clave is read from the answers here, so the runtime and the test table agree on which one counts.
 */
import type { ProgramDefinition } from '../generated/program-definition.ts';

/** The answer holding the localidad's clave when the call names none: the CUIS address, filled by the postal-code control. */
export const DEFAULT_LOCALIDAD_FIELD = 'domicilio.cve_localidad';

/** A localidad of INEGI's catalog as the runtime found it (cat_localidad), ámbito as INEGI writes it. */
export interface CatalogLocalidad {
  clave: string;
  nombre?: string;
  ambito: 'U' | 'R' | null;
  poblacion: number | null;
}

/** Urbana: 2,500 inhabitants or more (INEGI); the words the CUIS address uses too. */
export type Ambito = 'urbano' | 'rural';

/** The rule variables territorio.*; a value the catalog does not give is absent, so a rule reading it says what is missing. */
export interface TerritorioFacts {
  localidad?: string;
  ambito?: Ambito;
  poblacion?: number;
}

const CLAVE_LOCALIDAD = /^[0-9]{9}$/;

/** The dotted path of the answer that holds the applicant's localidad clave. */
export function localidadFieldOf(definition: Pick<ProgramDefinition, 'convocatoria'>): string {
  return definition.convocatoria.localidadField ?? DEFAULT_LOCALIDAD_FIELD;
}

/** The applicant's localidad clave (9 digits) in the answers, or null when there is none. */
export function localidadClaveOf(definition: Pick<ProgramDefinition, 'convocatoria'>, answers: unknown): string | null {
  let node = answers;
  for (const key of localidadFieldOf(definition).split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'string' && CLAVE_LOCALIDAD.test(node) ? node : null;
}

/**
 * The facts of rules from the clave in the answers and the catalog's entry for it. A clave the
 * catalog does not know (or an entry for another clave) still gives territorio.localidad; its
 * ámbito and population stay unknown rather than guessed.
 */
export function territorioFacts(clave: string | null, found: CatalogLocalidad | null | undefined): TerritorioFacts {
  if (!clave) return {};
  const facts: TerritorioFacts = { localidad: clave };
  if (!found || found.clave !== clave) return facts;
  if (found.ambito) facts.ambito = found.ambito === 'U' ? 'urbano' : 'rural';
  if (typeof found.poblacion === 'number') facts.poblacion = found.poblacion;
  return facts;
}

/** The two values of territorio.ambito, labelled as the CUIS address labels them. */
export const AMBITO_OPTIONS: ReadonlyArray<{ const: Ambito; title: string }> = Object.freeze([
  { const: 'rural', title: 'Rural (menos de 2,500 habitantes)' },
  { const: 'urbano', title: 'Urbana (2,500 habitantes o más)' },
]);

/**
 * The territory facts as rule variables, for the designer's rule builder. «claves» is a text value
 * or a list of them (one localidad, or any of several).
 */
export const TERRITORIO_FACT_VARS: ReadonlyArray<{ path: `territorio.${keyof TerritorioFacts}`; label: string; kind: 'unica' | 'claves' | 'numero'; options?: ReadonlyArray<{ const: string; title: string }> }> =
  Object.freeze([
    { path: 'territorio.ambito', label: 'Tipo de localidad del domicilio: urbana o rural (catálogo del INEGI)', kind: 'unica', options: AMBITO_OPTIONS },
    { path: 'territorio.localidad', label: 'Localidad del domicilio (clave INEGI de 9 dígitos)', kind: 'claves' },
    { path: 'territorio.poblacion', label: 'Habitantes de la localidad del domicilio (catálogo del INEGI)', kind: 'numero' },
  ]);

const READS_TERRITORIO = /"var":\s*\[?\s*"territorio\./;
const readsTerritorio = new WeakMap<object, boolean>();

/** Whether any rule of a definition (eligibility, priority, documents, its rule sets' facts) reads territorio.*. */
export function definitionReadsTerritorio(definition: Pick<ProgramDefinition, 'eligibility' | 'priority' | 'documents'>, ruleSets: readonly unknown[]): boolean {
  const documents = (definition.documents ?? []).map((d) => d.requiredIf ?? null);
  return READS_TERRITORIO.test(JSON.stringify([definition.eligibility ?? [], definition.priority ?? [], documents, ruleSets]));
}

/** Whether a loaded program's rules read territorio.* (otherwise the runtime need not look the localidad up); remembered per program. */
export function rulesReadTerritorio(program: { definition: Pick<ProgramDefinition, 'eligibility' | 'priority' | 'documents'>; ruleSets: readonly unknown[] }): boolean {
  let known = readsTerritorio.get(program);
  if (known === undefined) {
    known = definitionReadsTerritorio(program.definition, program.ruleSets);
    readsTerritorio.set(program, known);
  }
  return known;
}
