/**
 * HTTP contract of SIPROS's administration (runtime/server/modules/admin): the area tree, the
 * officials' accounts and the logged-in official's own profile (`GET /funcionario/yo`).
 */
import type { FromSchema } from 'json-schema-to-ts';
import { OFFICIAL_AREAS } from '../../engine/vocabulary.ts';
import { text } from './accounts.ts';

export const AREA_TYPES = ['dependencia', 'subsecretaria', 'direccion'] as const;
export type AreaType = (typeof AREA_TYPES)[number];
export const AREA_ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
export const USUARIO_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{2,59}$';
export const OFFICIAL_STATUSES = ['activo', 'inactivo'] as const;

const areaId = { type: 'string', minLength: 1, maxLength: 80, pattern: AREA_ID_PATTERN } as const;
const rolesField = { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 60 } } as const;
const emailField = { type: 'string', maxLength: 254, format: 'email' } as const;
const passwordField = { type: 'string', minLength: 1, maxLength: 128 } as const;

export const areaResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'nombre', 'tipo', 'padreId'],
  properties: { id: { type: 'string' }, nombre: { type: 'string' }, tipo: { type: 'string', enum: AREA_TYPES }, padreId: { type: ['string', 'null'] } },
} as const;
export type Area = FromSchema<typeof areaResponse>;

export const newAreaBody = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'nombre', 'tipo', 'padreId'],
  properties: { id: areaId, nombre: text(150), tipo: { type: 'string', enum: AREA_TYPES }, padreId: { anyOf: [areaId, { type: 'null' }] } },
} as const;
export type NuevaArea = FromSchema<typeof newAreaBody>;

export const officialResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'usuario', 'nombre', 'correo', 'tipoUsuario', 'roles', 'area', 'areaNombre', 'modulo', 'estatus'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    usuario: { type: 'string' },
    nombre: { type: 'string' },
    correo: { type: 'string' },
    tipoUsuario: { type: 'string', description: '«Tipo Usuario»: Base de Datos (la contraseña vive en SIPROS).' },
    roles: { type: 'array', items: { type: 'string' } },
    area: { type: 'string' },
    areaNombre: { type: ['string', 'null'] },
    modulo: { type: 'string', description: '«Módulo»: Funcionario.' },
    estatus: { type: 'string', enum: OFFICIAL_STATUSES },
  },
} as const;
export type FuncionarioAdmin = FromSchema<typeof officialResponse>;

export const newOfficialBody = {
  type: 'object',
  additionalProperties: false,
  required: ['usuario', 'nombre', 'correo', 'roles', 'area', 'contrasena'],
  properties: { usuario: { type: 'string', maxLength: 80, pattern: `^\\s*${USUARIO_PATTERN.slice(1, -1)}\\s*$` }, nombre: text(150), correo: emailField, roles: rolesField, area: areaId, contrasena: passwordField },
} as const;
export type NuevoFuncionario = FromSchema<typeof newOfficialBody>;

export const officialChangesBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { nombre: text(150), correo: emailField, roles: rolesField, area: areaId, estatus: { type: 'string', enum: OFFICIAL_STATUSES }, contrasena: passwordField },
} as const;
export type CambioFuncionario = FromSchema<typeof officialChangesBody>;

export const officialsQuery = { type: 'object', additionalProperties: false, properties: { q: { type: 'string', maxLength: 100 } } } as const;

export const grantableRolesResponse = {
  type: 'array',
  items: { type: 'object', additionalProperties: false, required: ['id', 'descripcion', 'deFlujo'], properties: { id: { type: 'string' }, descripcion: { type: 'string' }, deFlujo: { type: 'boolean' } } },
} as const;
export type RolAsignable = FromSchema<typeof grantableRolesResponse>[number];

export const ownProfileResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'usuario', 'nombre', 'correo', 'roles', 'area', 'areaNombre', 'abre'],
  properties: {
    id: { type: 'string' },
    usuario: { type: 'string' },
    nombre: { type: 'string' },
    correo: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    area: { type: 'string' },
    areaNombre: { type: ['string', 'null'] },
    abre: { type: 'array', items: { type: 'string', enum: OFFICIAL_AREAS }, description: 'Páginas que puede abrir (solicitudes, tablero, entregar, funcionarios, consulta, ventanilla, disenador)' },
  },
} as const;
/** The logged-in official, with the pages they may open as the server decides them. */
export type Funcionario = FromSchema<typeof ownProfileResponse>;
