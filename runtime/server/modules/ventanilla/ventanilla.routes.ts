import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Document } from '../../../db/entities.ts';
import { audit } from '../accounts/index.ts';
import { spanishValidation, type FieldTexts } from '../accounts/index.ts';
import { ROLE_ATENCION } from '../admin/index.ts';
import { uploadDocument } from '../applications/index.ts';
import { getDraft, saveDraft } from '../applications/index.ts';
import { eligibilityPreview } from '../applications/index.ts';
import { submitDraft } from '../applications/index.ts';
import { documentView } from '../applications/index.ts';
import { assertActive, citizenByCurp, officialActor } from '../citizen-service/index.ts';
import { assertProgramInScope, counterApplication, registerAtCounter, type CounterRegistration } from './ventanilla.service.ts';

const TEXTS: FieldTexts = {
  curp: { label: 'la CURP', invalid: 'Escribe la CURP de la persona (18 letras y números).' },
  nombres: { label: 'el nombre', invalid: 'Escribe el nombre o nombres, como aparecen en el acta de nacimiento.' },
  primerApellido: { label: 'el primer apellido', invalid: 'Escribe el primer apellido.' },
  segundoApellido: { label: 'el segundo apellido', invalid: 'El segundo apellido debe ser texto; déjalo vacío si no tiene.' },
  fechaNacimiento: { label: 'la fecha de nacimiento', invalid: 'Escribe la fecha de nacimiento completa: día, mes y año.' },
  sexo: { label: 'el sexo', invalid: 'El sexo debe ser H (hombre), M (mujer) o X (no binario).' },
  telefono: { label: 'el teléfono', invalid: 'El teléfono debe tener 10 dígitos, sin espacios ni guiones.' },
  correo: { label: 'el correo', invalid: 'El correo electrónico no es válido (ejemplo: nombre@correo.mx); déjalo vacío si no tiene.' },
  contrasena: { label: 'la contraseña', invalid: 'La contraseña puede tener hasta 128 caracteres; déjala vacía si la persona no quiere elegir una ahora.' },
  respuestas: { label: 'las respuestas', invalid: 'Las respuestas deben ser un objeto JSON.' },
  paso: { label: 'el paso', invalid: 'El paso debe ser un número entero de 0 a 50.' },
  tipoApoyo: { label: 'el tipo de apoyo', invalid: 'El tipo de apoyo debe ser el identificador de uno de los apoyos del programa.' },
};
const schemaErrorFormatter = spanishValidation(TEXTS);

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' }) as const;

/** The online sign-up's fields (POST /cuenta/registro); the password is optional here. */
const registrationBody = {
  type: 'object',
  additionalProperties: false,
  required: ['curp', 'nombres', 'primerApellido', 'fechaNacimiento', 'sexo', 'telefono'],
  properties: {
    curp: { type: 'string', minLength: 1, maxLength: 40 },
    nombres: text(100),
    primerApellido: text(100),
    segundoApellido: { type: ['string', 'null'], maxLength: 100 },
    fechaNacimiento: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
    sexo: { type: 'string', enum: ['H', 'M', 'X'] },
    telefono: { type: 'string', pattern: '^[0-9]{10}$' },
    correo: { type: ['string', 'null'], maxLength: 254, anyOf: [{ maxLength: 0 }, { format: 'email' }] },
    contrasena: { type: ['string', 'null'], maxLength: 128, description: 'Opcional: sin ella, la persona pone la suya después con «Olvidé mi contraseña».' },
  },
} as const;

const answersBody = {
  type: 'object',
  required: ['respuestas'],
  additionalProperties: false,
  properties: { respuestas: { type: 'object' }, paso: { type: 'integer', minimum: 0, maximum: 50 }, tipoApoyo: { type: 'string', maxLength: 64 } },
} as const;

const curpParam = { type: 'string', minLength: 1, maxLength: 40 } as const;
const programParams = { type: 'object', required: ['curp', 'programa'], properties: { curp: curpParam, programa: { type: 'string', maxLength: 64 } } } as const;
const applicationParams = { type: 'object', required: ['curp', 'id'], properties: { curp: curpParam, id: { type: 'string', maxLength: 64 }, tipo: { type: 'string', maxLength: 64 } } } as const;

/**
 * Ventanilla (role atencion-ciudadana): an official signs up a person who has no internet and
 * fills in, uploads and submits their applications for them, reusing the citizen's own
 * functions; the history says the application was taken at the counter, and every step is in
 * the audit log under the official's name.
 */
export async function ventanillaRoutes(app: FastifyInstance): Promise<void> {
  // Multipart is registered per module (encapsulated); the same limits as the citizen's uploads.
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 5, parts: 6 } });
  const counterOnly = { onRequest: app.requireOfficial([ROLE_ATENCION]), schemaErrorFormatter };
  const tags = ['ventanilla'];

  /** The person named in the URL, who must have an active account. */
  const person = async (request: FastifyRequest) => {
    const citizen = await citizenByCurp(request.em, (request.params as { curp: string }).curp);
    assertActive(citizen);
    return citizen;
  };

  app.post(
    '/ventanilla/ciudadanos',
    {
      ...counterOnly,
      schema: {
        tags,
        summary: 'Registra a una persona en ventanilla (teléfono confirmado por el funcionario); no abre sesión',
        body: registrationBody,
        response: { 201: { type: 'object', required: ['id', 'curp'], properties: { id: { type: 'string' }, curp: { type: 'string' } } } },
      },
    },
    async (request, reply) => {
      const citizen = await registerAtCounter(app, request.em, request.official, request.body as CounterRegistration);
      return reply.status(201).send({ id: citizen.id, curp: citizen.curp });
    },
  );

  app.get(
    '/ventanilla/ciudadanos/:curp/programas/:programa/borrador',
    { ...counterOnly, schema: { tags, summary: 'Borrador de la persona en el programa, o respuestas prellenadas de su expediente', params: programParams } },
    async (request) => {
      const { programa } = request.params as { programa: string };
      await assertProgramInScope(app, request.official, programa);
      const citizen = await person(request);
      const draft = await getDraft(app, request.em, citizen, programa);
      const docs = draft.id ? await request.em.find(Document, { application: draft.id, replacedAt: null }) : [];
      return { ...draft, documentos: docs.map(documentView) };
    },
  );

  app.put(
    '/ventanilla/ciudadanos/:curp/programas/:programa/borrador',
    { ...counterOnly, schema: { tags, summary: 'Guarda el borrador de la persona; devuelve los errores del paso indicado', params: programParams, body: answersBody } },
    async (request) => {
      const { programa } = request.params as { programa: string };
      const { respuestas, paso } = request.body as { respuestas: Record<string, unknown>; paso?: number };
      await assertProgramInScope(app, request.official, programa);
      const citizen = await person(request);
      const saved = await saveDraft(app, request.em, citizen, programa, respuestas, paso);
      audit(request.em, app.clock(), { actor: officialActor(request.official), action: 'ventanilla.borrador', entity: 'application', entityId: saved.id, data: { programa, ciudadano: citizen.id } });
      await request.em.flush();
      return saved;
    },
  );

  app.post(
    '/ventanilla/ciudadanos/:curp/programas/:programa/elegibilidad',
    {
      ...counterOnly,
      schema: { tags, summary: 'Revisa los requisitos de la persona con las respuestas dadas, antes de enviar (el mismo motor que al enviar)', params: programParams, body: answersBody },
    },
    async (request) => {
      const { programa } = request.params as { programa: string };
      await assertProgramInScope(app, request.official, programa);
      const citizen = await person(request);
      return eligibilityPreview(app, request.em, programa, citizen.curp, (request.body as { respuestas: unknown }).respuestas);
    },
  );

  app.post(
    '/ventanilla/ciudadanos/:curp/solicitudes/:id/documentos/:tipo',
    { ...counterOnly, schema: { tags, summary: 'Sube un documento de la persona (campo multipart «archivo»)', params: applicationParams, consumes: ['multipart/form-data'] } },
    async (request, reply) => {
      const { id, tipo } = request.params as { id: string; tipo: string };
      const citizen = await person(request);
      const application = await counterApplication(app, request.em, request.official, citizen, id);
      const doc = await uploadDocument(app, request, application, tipo, `funcionario:${request.official.id}`);
      audit(request.em, app.clock(), { actor: officialActor(request.official), action: 'ventanilla.documento', entity: 'application', entityId: application.id, data: { tipo, documento: doc.id, ciudadano: citizen.id } });
      await request.em.flush();
      return reply.status(201).send(doc);
    },
  );

  app.post(
    '/ventanilla/ciudadanos/:curp/solicitudes/:id/enviar',
    { ...counterOnly, schema: { tags, summary: 'Envía la solicitud en nombre de la persona: emite el folio (idempotente); el historial dice «capturada en ventanilla»', params: applicationParams, body: answersBody } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { respuestas, tipoApoyo } = request.body as { respuestas: Record<string, unknown>; tipoApoyo?: string };
      const citizen = await person(request);
      await counterApplication(app, request.em, request.official, citizen, id);
      // submitDraft writes the history entry (on_behalf, with the counter comment) and the audit rows under the official's id.
      const submission = await submitDraft(app, id, citizen.id, respuestas, { type: 'funcionario', id: request.official.id, role: ROLE_ATENCION, onBehalf: true }, tipoApoyo);
      return reply.status(submission.created ? 201 : 200).send({ id: submission.id, folio: submission.folio, estado: submission.status });
    },
  );
}
