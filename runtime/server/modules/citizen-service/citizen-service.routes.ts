import type { FastifyInstance, FastifyRequest } from 'fastify';
import { normalizeCurp } from '../../../../engine/curp.ts';
import { AppError } from '../../errors.ts';
import { spanishValidation, type FieldTexts } from '../accounts/index.ts';
import { PERSONAL_DATA_ROLES } from '../officials/index.ts';
import { auditLookup, changeEmail, changePhone, citizenByCurp, citizenFile, requireReason, sendPasswordReset } from './citizen-service.service.ts';

const TEXTS: FieldTexts = {
  curp: { label: 'la CURP', invalid: 'Escribe la CURP de la persona (18 letras y números).' },
  telefono: { label: 'el teléfono', invalid: 'El teléfono debe tener 10 dígitos, sin espacios ni guiones.' },
  correo: { label: 'el correo', invalid: 'El correo electrónico no es válido (ejemplo: nombre@correo.mx); déjalo vacío para quitarlo.' },
  motivo: { label: 'el motivo', invalid: 'El motivo debe ser texto de hasta 500 caracteres.' },
};
const schemaErrorFormatter = spanishValidation(TEXTS);

const curpParams = { type: 'object', required: ['curp'], properties: { curp: { type: 'string', minLength: 1, maxLength: 40 } } } as const;
// Optional in the schema so a missing reason gets its own code (REASON_REQUIRED), not a generic VALIDATION_FAILED.
const motivo = { type: 'string', maxLength: 500, description: 'Por qué se hace el cambio; queda en la bitácora. Obligatorio.' } as const;

const codeSchema = {
  type: ['object', 'null'],
  required: ['proposito', 'enviado', 'vence', 'estado'],
  description: 'El último código enviado por SMS (nunca el código): para qué, cuándo, hasta cuándo y si sigue vigente.',
  properties: { proposito: { type: 'string', enum: ['telefono', 'contrasena'] }, enviado: { type: 'string' }, vence: { type: 'string' }, estado: { type: 'string', enum: ['vigente', 'usado', 'vencido', 'agotado'] } },
} as const;

const accountSchema = {
  type: 'object',
  required: ['curp', 'nombres', 'primerApellido', 'segundoApellido', 'telefono', 'correo', 'codigoValidacion', 'validado', 'estatus', 'registradoEnVentanilla'],
  properties: {
    curp: { type: 'string' },
    nombres: { type: 'string' },
    primerApellido: { type: 'string' },
    segundoApellido: { type: ['string', 'null'] },
    telefono: { type: 'string' },
    correo: { type: ['string', 'null'] },
    codigoValidacion: codeSchema,
    validado: { type: 'boolean', description: 'Teléfono confirmado.' },
    estatus: { type: 'string', enum: ['activo', 'bloqueado'] },
    registradoEnVentanilla: { type: 'boolean' },
  },
} as const;

const fileSchema = {
  type: 'object',
  required: ['cuenta', 'solicitudes', 'entregas'],
  properties: {
    cuenta: accountSchema,
    solicitudes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'folio', 'programa', 'programaNombre', 'estado', 'fechaSolicitud'],
        properties: { id: { type: 'string' }, folio: { type: ['string', 'null'] }, programa: { type: 'string' }, programaNombre: { type: 'string' }, estado: { type: 'string' }, fechaSolicitud: { type: ['string', 'null'] } },
      },
    },
    entregas: {
      type: 'array',
      items: { type: 'object', required: ['folio', 'programaNombre', 'fecha', 'funcionario'], properties: { folio: { type: 'string' }, programaNombre: { type: 'string' }, fecha: { type: 'string' }, funcionario: { type: 'string' } } },
    },
  },
} as const;

const changed = { 200: { type: 'object', required: ['cuenta'], properties: { cuenta: accountSchema } } } as const;

/**
 * Consulta ciudadana (roles atencion-ciudadana and administrador): one person's account by CURP,
 * their applications and deliveries in the official's area, and the three fixes people ask for
 * most (phone, e-mail, password), each with a reason, audited and told to the person by SMS.
 */
export async function citizenServiceRoutes(app: FastifyInstance): Promise<void> {
  // A person's whole account is personal data whatever the program: only the roles that see it everywhere (the one rule).
  const deskOnly = { onRequest: app.requireOfficial(PERSONAL_DATA_ROLES), schemaErrorFormatter };
  const tags = ['atención ciudadana'];
  const person = (request: FastifyRequest) => citizenByCurp(request.em, (request.params as { curp: string }).curp);

  app.get('/atencion/ciudadanos/:curp', { ...deskOnly, schema: { tags, summary: 'Consulta una cuenta por CURP: datos, solicitudes y entregas del área', params: curpParams, response: { 200: fileSchema } } }, async (request) => {
    const { curp } = request.params as { curp: string };
    let citizen;
    try {
      citizen = await person(request);
    } catch (error) {
      if (error instanceof AppError && error.code === 'CITIZEN_NOT_FOUND') await auditLookup(request.em, app.clock(), request.official, null, normalizeCurp(curp));
      throw error;
    }
    await auditLookup(request.em, app.clock(), request.official, citizen, citizen.curp);
    return citizenFile(app, request.em, citizen, request.official);
  });

  app.post(
    '/atencion/ciudadanos/:curp/telefono',
    {
      ...deskOnly,
      schema: { tags, summary: 'Cambia el teléfono (queda confirmado); avisa por SMS al número anterior y al nuevo', params: curpParams, body: { type: 'object', additionalProperties: false, required: ['telefono'], properties: { telefono: { type: 'string', pattern: '^[0-9]{10}$' }, motivo } }, response: changed },
    },
    async (request) => {
      const body = request.body as { telefono: string; motivo?: string };
      const reason = requireReason(body.motivo);
      return { cuenta: await changePhone(app, request.em, request.official, await person(request), body.telefono, reason) };
    },
  );

  app.post(
    '/atencion/ciudadanos/:curp/correo',
    {
      ...deskOnly,
      schema: {
        tags,
        summary: 'Cambia o quita (vacío) el correo electrónico; avisa por SMS',
        params: curpParams,
        body: { type: 'object', additionalProperties: false, required: ['correo'], properties: { correo: { type: ['string', 'null'], maxLength: 254, anyOf: [{ maxLength: 0 }, { format: 'email' }] }, motivo } },
        response: changed,
      },
    },
    async (request) => {
      const body = request.body as { correo: string | null; motivo?: string };
      const reason = requireReason(body.motivo);
      return { cuenta: await changeEmail(app, request.em, request.official, await person(request), body.correo, reason) };
    },
  );

  app.post(
    '/atencion/ciudadanos/:curp/contrasena',
    {
      ...deskOnly,
      schema: { tags, summary: 'Envía por SMS a la persona un código para poner una contraseña nueva', params: curpParams, body: { type: 'object', additionalProperties: false, properties: { motivo } }, response: changed },
    },
    async (request) => {
      const reason = requireReason((request.body as { motivo?: string } | undefined)?.motivo);
      return { cuenta: await sendPasswordReset(app, request.em, request.official, await person(request), reason) };
    },
  );
}
