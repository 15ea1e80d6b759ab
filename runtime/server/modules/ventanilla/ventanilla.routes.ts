import multipart from '@fastify/multipart';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { answersBody, type Borrador, type BorradorGuardado, type Elegibilidad } from '../../../api/applications.ts';
import { counterApplicationParams, counterDocumentParams, counterProgramParams, counterRegisteredResponse, counterRegistrationBody } from '../../../api/ventanilla.ts';
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
import { assertProgramInScope, counterApplication, registerAtCounter } from './ventanilla.service.ts';

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

/**
 * Ventanilla (role atencion-ciudadana): an official signs up a person who has no internet and
 * fills in, uploads and submits their applications for them, reusing the citizen's own
 * functions; the history says the application was taken at the counter, and every step is in
 * the audit log under the official's name.
 */
export async function ventanillaRoutes(untyped: FastifyInstance): Promise<void> {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  // Multipart is registered per module (encapsulated); the same limits as the citizen's uploads.
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 5, parts: 6 } });
  const counterOnly = { onRequest: app.requireOfficial([ROLE_ATENCION]), schemaErrorFormatter };
  const tags = ['ventanilla'];

  /** The person named in the URL, who must have an active account. */
  const person = async (request: FastifyRequest, curp: string) => {
    const citizen = await citizenByCurp(request.em, curp);
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
        body: counterRegistrationBody,
        response: { 201: counterRegisteredResponse },
      },
    },
    async (request, reply) => {
      const citizen = await registerAtCounter(app, request.em, request.official, request.body);
      return reply.status(201).send({ id: citizen.id, curp: citizen.curp });
    },
  );

  app.get(
    '/ventanilla/ciudadanos/:curp/programas/:programa/borrador',
    { ...counterOnly, schema: { tags, summary: 'Borrador de la persona en el programa, o respuestas prellenadas de su expediente', params: counterProgramParams } },
    async (request): Promise<Borrador> => {
      const { programa } = request.params;
      await assertProgramInScope(app, request.official, programa);
      const citizen = await person(request, request.params.curp);
      const draft = await getDraft(app, request.em, citizen, programa);
      const docs = draft.id ? await request.em.find(Document, { application: draft.id, replacedAt: null }) : [];
      return { ...draft, documentos: docs.map(documentView) };
    },
  );

  app.put(
    '/ventanilla/ciudadanos/:curp/programas/:programa/borrador',
    { ...counterOnly, schema: { tags, summary: 'Guarda el borrador de la persona; devuelve los errores del paso indicado', params: counterProgramParams, body: answersBody } },
    async (request): Promise<BorradorGuardado> => {
      const { programa } = request.params;
      const { respuestas, paso } = request.body;
      await assertProgramInScope(app, request.official, programa);
      const citizen = await person(request, request.params.curp);
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
      schema: { tags, summary: 'Revisa los requisitos de la persona con las respuestas dadas, antes de enviar (el mismo motor que al enviar)', params: counterProgramParams, body: answersBody },
    },
    async (request): Promise<Elegibilidad> => {
      const { programa } = request.params;
      await assertProgramInScope(app, request.official, programa);
      const citizen = await person(request, request.params.curp);
      return eligibilityPreview(app, request.em, programa, citizen.curp, request.body.respuestas);
    },
  );

  app.post(
    '/ventanilla/ciudadanos/:curp/solicitudes/:id/documentos/:tipo',
    { ...counterOnly, schema: { tags, summary: 'Sube un documento de la persona (campo multipart «archivo»)', params: counterDocumentParams, consumes: ['multipart/form-data'] } },
    async (request, reply) => {
      const { id, tipo } = request.params;
      const citizen = await person(request, request.params.curp);
      const application = await counterApplication(app, request.em, request.official, citizen, id);
      const doc = await uploadDocument(app, request, application, tipo, `funcionario:${request.official.id}`);
      audit(request.em, app.clock(), { actor: officialActor(request.official), action: 'ventanilla.documento', entity: 'application', entityId: application.id, data: { tipo, documento: doc.id, ciudadano: citizen.id } });
      await request.em.flush();
      return reply.status(201).send(doc);
    },
  );

  app.post(
    '/ventanilla/ciudadanos/:curp/solicitudes/:id/enviar',
    { ...counterOnly, schema: { tags, summary: 'Envía la solicitud en nombre de la persona: emite el folio (idempotente); el historial dice «capturada en ventanilla»', params: counterApplicationParams, body: answersBody } },
    async (request, reply) => {
      const { id } = request.params;
      const { respuestas, tipoApoyo } = request.body;
      const citizen = await person(request, request.params.curp);
      await counterApplication(app, request.em, request.official, citizen, id);
      // submitDraft writes the history entry (on_behalf, with the counter comment) and the audit rows under the official's id.
      const submission = await submitDraft(app, id, citizen.id, respuestas, { type: 'funcionario', id: request.official.id, role: ROLE_ATENCION, onBehalf: true }, tipoApoyo);
      return reply.status(submission.created ? 201 : 200).send({ id: submission.id, folio: submission.folio, estado: submission.status });
    },
  );
}
