/** HTTP contract of the officials' dashboard (runtime/server/modules/dashboard). */

export const dashboardQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { programa: { type: 'string', pattern: '^$|^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 } },
} as const;

/** Applications of the official's scope by program, status and municipio (beneficiaries: delivered). */
export interface Tablero {
  porPrograma: Array<{ programa: string; nombre: string; total: number }>;
  porEstado: Array<{ estado: string; total: number }>;
  porMunicipio: Array<{ municipio: string; nombre: string; solicitudes: number; beneficiarios: number }>;
  /** The Padrón Estatal for these programs: people (each counted once) and the supports they received. */
  padron: { personas: number; apoyos: number };
}
