import { ORDERS } from './cursor.ts';

/**
 * JSON schemas of the queue's inputs. Empty query-string values ("?programa=") are accepted and
 * mean "no filter", as a form with blank fields sends them.
 */
export const filterProperties = {
  programa: { type: 'string', pattern: '^$|^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 },
  proceso: { type: 'string', pattern: '^$|^[a-z][a-z0-9_]*$', maxLength: 64 },
  estado: { type: 'string', maxLength: 40 },
  q: { type: 'string', maxLength: 120 },
  orden: { type: 'string', enum: ['', ...ORDERS] },
} as const;

export const filtersQuery = { type: 'object', additionalProperties: false, properties: filterProperties } as const;

export const queueQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...filterProperties,
    despues: { type: 'string', maxLength: 800, pattern: '^[A-Za-z0-9_-]*$' },
    limite: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
  },
} as const;

export const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } as const;

export const bulkBody = {
  type: 'object',
  required: ['ids', 'evento'],
  additionalProperties: false,
  properties: {
    ids: { type: 'array', minItems: 1, maxItems: 100, uniqueItems: true, items: { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' } },
    evento: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$', maxLength: 40 },
    comentario: { type: 'string', maxLength: 2000 },
  },
} as const;

export const savedFilterBody = {
  type: 'object',
  required: ['nombre', 'filtros'],
  additionalProperties: false,
  properties: {
    nombre: { type: 'string', minLength: 1, maxLength: 80 },
    filtros: filtersQuery,
  },
} as const;
