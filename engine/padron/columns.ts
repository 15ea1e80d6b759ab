/**
 * The registry fields an agency's roll is mapped to, and the mapping suggested from a file's header
 * row: the federal PUB layout's names (NB_CURP, NB_PRIMER_AP, FH_NACIMIENTO, CVE_MUN, …) and the usual
 * Spanish headers («Apellido paterno», «Fecha de nacimiento», «Municipio (clave)»…).
 *
 * Pure module: no I/O.
 */

export const REGISTRY_FIELDS = [
  { id: 'curp', label: 'CURP', required: true, names: ['curp', 'nb_curp', 'clave unica de registro de poblacion'] },
  { id: 'primerApellido', label: 'Primer apellido', required: true, names: ['primer_apellido', 'primer apellido', 'apellido paterno', 'paterno', 'nb_primer_ap', 'ap_paterno'] },
  { id: 'segundoApellido', label: 'Segundo apellido', required: false, names: ['segundo_apellido', 'segundo apellido', 'apellido materno', 'materno', 'nb_segundo_ap', 'ap_materno'] },
  { id: 'nombres', label: 'Nombre(s)', required: true, names: ['nombre', 'nombres', 'nombre(s)', 'nb_nombre'] },
  { id: 'fechaNacimiento', label: 'Fecha de nacimiento', required: false, names: ['fecha_nacimiento', 'fecha de nacimiento', 'fh_nacimiento', 'f_nacimiento', 'nacimiento'] },
  { id: 'sexo', label: 'Sexo', required: false, names: ['sexo', 'cd_sexo', 'genero'] },
  { id: 'cveEnt', label: 'Clave de entidad (INEGI)', required: false, names: ['cve_ent', 'clave entidad', 'cve_entidad', 'entidad'] },
  { id: 'cveMun', label: 'Clave de municipio (INEGI)', required: false, names: ['cve_mun', 'clave municipio', 'cve_municipio', 'municipio (clave)'] },
  { id: 'cveLoc', label: 'Clave de localidad (INEGI)', required: false, names: ['cve_loc', 'clave localidad', 'cve_localidad'] },
  { id: 'colonia', label: 'Colonia', required: false, names: ['colonia', 'asentamiento', 'nom_asentamiento'] },
  { id: 'codigoPostal', label: 'Código postal', required: false, names: ['codigo_postal', 'codigo postal', 'cp', 'c.p.', 'd_codigo'] },
  { id: 'programa', label: 'Programa (clave)', required: false, names: ['cve_programa', 'clave programa', 'programa (clave)', 'cd_padron'] },
  { id: 'programaNombre', label: 'Programa (nombre)', required: false, names: ['programa', 'nombre del programa', 'nombre programa', 'nb_programa'] },
  { id: 'monto', label: 'Monto (pesos)', required: false, names: ['monto', 'importe', 'nu_imp_monetario', 'monto del apoyo'] },
  { id: 'fechaApoyo', label: 'Fecha del apoyo', required: false, names: ['fecha_pago', 'fecha de pago', 'fecha_apoyo', 'fecha del apoyo', 'fh_alta', 'fecha_entrega'] },
  { id: 'folio', label: 'Folio de la dependencia', required: false, names: ['folio', 'id_beneficiario', 'id', 'id_hogar'] },
] as const;

export type RegistryField = (typeof REGISTRY_FIELDS)[number]['id'];

/** Which column (by index) feeds each registry field. */
export type ColumnMapping = Partial<Record<RegistryField, number>>;

/** A header as people write it: no accents, lower case, spaces for underscores and runs of spaces. */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim();
}

/** The mapping a header row suggests; a column is used for one field at most, the first name that matches wins. */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const keys = headers.map(headerKey);
  const taken = new Set<number>();
  const mapping: ColumnMapping = {};
  for (const field of REGISTRY_FIELDS) {
    const names = field.names.map(headerKey);
    const index = keys.findIndex((key, i) => !taken.has(i) && names.includes(key));
    if (index >= 0) {
      mapping[field.id] = index;
      taken.add(index);
    }
  }
  return mapping;
}

/** The required fields no column feeds yet. */
export function unmappedRequired(mapping: ColumnMapping): RegistryField[] {
  return REGISTRY_FIELDS.filter((f) => f.required && mapping[f.id] === undefined).map((f) => f.id);
}
