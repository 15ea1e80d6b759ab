/**
 * HTTP contract of citizen accounts and logins (runtime/server/modules/accounts). Fastify validates
 * and serialises with these schemas and infers the handlers' types from them; the web client takes
 * its types from the same place (`FromSchema`), so a field renamed here breaks both at compile time.
 */
import type { FromSchema } from 'json-schema-to-ts';

export const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' }) as const;
export const curpField = { type: 'string', minLength: 1, maxLength: 40, description: 'CURP; se ignoran espacios y guiones, y se pasa a mayúsculas.' } as const;
const passwordField = { type: 'string', minLength: 1, maxLength: 128 } as const;
const codeField = { type: 'string', pattern: '^[0-9]{6}$', description: 'Los 6 dígitos recibidos por SMS.' } as const;

/** The personal data of a sign-up, online or at a ventanilla (where the password is optional). */
export const personProperties = {
  curp: curpField,
  nombres: text(100),
  primerApellido: text(100),
  segundoApellido: { type: ['string', 'null'], maxLength: 100 },
  fechaNacimiento: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'AAAA-MM-DD' },
  sexo: { type: 'string', enum: ['H', 'M', 'X'] },
  telefono: { type: 'string', pattern: '^[0-9]{10}$', description: '10 dígitos' },
  // Optional: absent, null or empty all mean none (maxLength and format only judge strings).
  correo: { type: ['string', 'null'], maxLength: 254, anyOf: [{ maxLength: 0 }, { format: 'email' }] },
} as const;

export const registrationBody = {
  type: 'object',
  additionalProperties: false,
  required: ['curp', 'nombres', 'primerApellido', 'fechaNacimiento', 'sexo', 'telefono', 'contrasena'],
  properties: { ...personProperties, contrasena: passwordField },
} as const;
export type Registro = FromSchema<typeof registrationBody>;

export const registeredResponse = { type: 'object', additionalProperties: false, required: ['curp', 'telefonoVerificado'], properties: { curp: { type: 'string' }, telefonoVerificado: { type: 'boolean' } } } as const;
export type CuentaCreada = FromSchema<typeof registeredResponse>;

export const verifyPhoneBody = { type: 'object', additionalProperties: false, required: ['codigo'], properties: { codigo: codeField } } as const;
export const phoneVerifiedResponse = { type: 'object', additionalProperties: false, required: ['telefonoVerificado'], properties: { telefonoVerificado: { type: 'boolean', const: true } } } as const;

export type TelefonoVerificado = FromSchema<typeof phoneVerifiedResponse>;

export const citizenLoginBody = { type: 'object', additionalProperties: false, required: ['curp', 'contrasena'], properties: { curp: curpField, contrasena: passwordField } } as const;
export const citizenSessionResponse = {
  type: 'object', additionalProperties: false,
  required: ['tipo', 'curp', 'nombres', 'telefonoVerificado'],
  properties: { tipo: { type: 'string', const: 'ciudadano' }, curp: { type: 'string' }, nombres: { type: 'string' }, telefonoVerificado: { type: 'boolean' } },
} as const;
export type SesionCiudadana = FromSchema<typeof citizenSessionResponse>;

export const accountResponse = {
  type: 'object', additionalProperties: false,
  required: ['curp', 'nombres', 'primerApellido', 'segundoApellido', 'fechaNacimiento', 'sexo', 'telefono', 'correo', 'telefonoVerificado'],
  properties: {
    curp: { type: 'string' },
    nombres: { type: 'string' },
    primerApellido: { type: 'string' },
    segundoApellido: { type: ['string', 'null'] },
    fechaNacimiento: { type: 'string' },
    sexo: { type: 'string', enum: ['H', 'M', 'X'] },
    telefono: { type: 'string' },
    correo: { type: ['string', 'null'] },
    telefonoVerificado: { type: 'boolean' },
  },
} as const;
export type Cuenta = FromSchema<typeof accountResponse>;

export const forgotPasswordBody = { type: 'object', additionalProperties: false, required: ['curp'], properties: { curp: curpField } } as const;
export const resetPasswordBody = {
  type: 'object',
  additionalProperties: false,
  required: ['curp', 'codigo', 'contrasena'],
  properties: { curp: curpField, codigo: codeField, contrasena: passwordField },
} as const;
export type RestablecerContrasena = FromSchema<typeof resetPasswordBody>;
export const passwordResetResponse = { type: 'object', additionalProperties: false, required: ['restablecida'], properties: { restablecida: { type: 'boolean' } } } as const;

export type ContrasenaRestablecida = FromSchema<typeof passwordResetResponse>;

export const officialLoginBody = { type: 'object', additionalProperties: false, required: ['usuario', 'contrasena'], properties: { usuario: text(100), contrasena: passwordField } } as const;
export const officialSessionResponse = {
  type: 'object', additionalProperties: false,
  required: ['tipo', 'usuario', 'nombre', 'roles', 'area'],
  properties: {
    tipo: { type: 'string', const: 'funcionario' },
    usuario: { type: 'string' },
    nombre: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    area: { type: 'string' },
  },
} as const;
export type SesionFuncionario = FromSchema<typeof officialSessionResponse>;
