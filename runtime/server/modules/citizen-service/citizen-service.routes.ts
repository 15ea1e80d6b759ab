import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { citizenFileResponse, curpParams, deskChangeResponses, emailChangeBody, passwordResetBody, phoneChangeBody, type ConsultaCiudadana } from '../../../api/citizen-service.ts';
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

/**
 * Consulta ciudadana (roles atencion-ciudadana and administrador): one person's account by CURP,
 * their applications and deliveries in the official's area, and the three fixes people ask for
 * most (phone, e-mail, password), each with a reason, audited and told to the person by SMS.
 */
export async function citizenServiceRoutes(untyped: FastifyInstance): Promise<void> {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  // A person's whole account is personal data whatever the program: only the roles that see it everywhere (the one rule).
  const deskOnly = { onRequest: app.requireOfficial(PERSONAL_DATA_ROLES), schemaErrorFormatter };
  const tags = ['atención ciudadana'];
  const person = (request: FastifyRequest, curp: string) => citizenByCurp(request.em, curp);

  app.get('/atencion/ciudadanos/:curp', { ...deskOnly, schema: { tags, summary: 'Consulta una cuenta por CURP: datos, solicitudes y entregas del área', params: curpParams, response: { 200: citizenFileResponse } } }, async (request): Promise<ConsultaCiudadana> => {
    const { curp } = request.params;
    let citizen;
    try {
      citizen = await person(request, curp);
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
      schema: { tags, summary: 'Cambia el teléfono (queda confirmado); avisa por SMS al número anterior y al nuevo', params: curpParams, body: phoneChangeBody, response: deskChangeResponses },
    },
    async (request) => {
      const body = request.body;
      const reason = requireReason(body.motivo);
      return { cuenta: await changePhone(app, request.em, request.official, await person(request, request.params.curp), body.telefono, reason) };
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
        body: emailChangeBody,
        response: deskChangeResponses,
      },
    },
    async (request) => {
      const body = request.body;
      const reason = requireReason(body.motivo);
      return { cuenta: await changeEmail(app, request.em, request.official, await person(request, request.params.curp), body.correo, reason) };
    },
  );

  app.post(
    '/atencion/ciudadanos/:curp/contrasena',
    {
      ...deskOnly,
      schema: { tags, summary: 'Envía por SMS a la persona un código para poner una contraseña nueva', params: curpParams, body: passwordResetBody, response: deskChangeResponses },
    },
    async (request) => {
      const reason = requireReason(request.body?.motivo);
      return { cuenta: await sendPasswordReset(app, request.em, request.official, await person(request, request.params.curp), reason) };
    },
  );
}
