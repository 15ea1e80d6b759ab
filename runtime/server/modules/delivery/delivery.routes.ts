import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { idParams } from '../../../api/common.ts';
import { deliveryBody, deliveryCodeBody, type EntregaConPosicion, type EntregaQr, type EntregaRegistrada, type Verificacion } from '../../../api/delivery.ts';
import { AppError } from '../../errors.ts';
import { ownApplication } from '../applications/index.ts';
import { deliveredBy, folioOf, previewDelivery, registerDelivery, type Place } from './delivery.service.ts';
import { qrPng, qrSvg } from './qr.ts';
import { formatDeliveryCode, newDeliveryCode, signDeliveryToken } from '../applications/index.ts';
import { keyedLimiter, perIpLimiter, registerRateLimit } from '../accounts/index.ts';
import type { ApplicationRow } from '../../../db/entities.ts';
import type { EntityManager } from '@mikro-orm/core';

/** Statuses in which the citizen is shown their delivery QR: approved, and after delivery as a receipt. */
const SHOWS_QR = ['Aprobada', 'Entregado'];


/**
 * Wrong codes an official (and an address) may type before a pause: a short code has 31^9
 * possibilities, so these limits leave guessing one hopeless while a clerk who mistypes a few
 * times a morning never meets them.
 */
export const WRONG_CODES_PER_OFFICIAL = { max: 10, timeWindow: 15 * 60_000 };
export const WRONG_CODES_PER_IP = { max: 30, timeWindow: 15 * 60_000 };
/** Answers that count as a wrong code: whatever a guess would get. */
const WRONG_CODE_ANSWERS = new Set(['DELIVERY_CODE_INVALID', 'DELIVERY_CODE_MISTYPED', 'DELIVERY_TOKEN_INVALID', 'APPLICATION_NOT_FOUND']);

/** The short code of an approved application, issued now for one approved before short codes existed. */
async function deliveryCodeOf(em: EntityManager, application: ApplicationRow): Promise<string> {
  if (!application.deliveryCode) {
    application.deliveryCode = newDeliveryCode();
    await em.flush();
  }
  return application.deliveryCode;
}

/** Ranges checked by hand so the official's device gets a Spanish reason, not a schema keyword. */
function readPlace(body: EntregaConPosicion): Place {
  const problems: Array<{ path: string; message: string }> = [];
  const { latitud, longitud, precision } = body;
  const hasLat = latitud !== undefined && latitud !== null;
  const hasLng = longitud !== undefined && longitud !== null;
  if (hasLat !== hasLng) problems.push({ path: hasLat ? 'body.longitud' : 'body.latitud', message: 'Envía la latitud y la longitud juntas, o ninguna de las dos.' });
  if (hasLat && !(Number.isFinite(latitud) && latitud >= -90 && latitud <= 90)) problems.push({ path: 'body.latitud', message: 'La latitud debe estar entre -90 y 90 grados.' });
  if (hasLng && !(Number.isFinite(longitud) && longitud >= -180 && longitud <= 180)) problems.push({ path: 'body.longitud', message: 'La longitud debe estar entre -180 y 180 grados.' });
  if (precision !== undefined && precision !== null) {
    if (!hasLat) problems.push({ path: 'body.precision', message: 'La precisión solo se envía junto con la latitud y la longitud.' });
    else if (!(Number.isFinite(precision) && precision >= 0 && precision <= 100_000)) problems.push({ path: 'body.precision', message: 'La precisión debe estar entre 0 y 100,000 metros.' });
  }
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join(' '), { fields: problems });
  return { latitude: hasLat ? latitud : null, longitude: hasLng ? longitud : null, accuracyM: hasLat && precision !== undefined && precision !== null ? precision : null };
}

/** Delivery QR and QR-proven delivery (contract: runtime/API-funcionarios.md). */
export async function deliveryRoutes(untyped: FastifyInstance): Promise<void> {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  /**
   * The citizen's own approved (or delivered) application and its token; anything else — another
   * person's application, or one not approved yet — is "not found", so nobody can probe for QR codes.
   */
  async function citizenToken(request: FastifyRequest, id: string) {
    const application = await ownApplication(request.em, request.subjectId, id);
    if (!application.deliveryTokenId || !SHOWS_QR.includes(application.status)) {
      throw new AppError('NOT_FOUND', 'Esta solicitud todavía no tiene código QR de entrega: aparece cuando la solicitud se aprueba.');
    }
    return { application, token: signDeliveryToken(app.config.secret, application.deliveryTokenId) };
  }
  // A QR is as good as the support it pays out: never kept by browsers or shared caches.
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'private, no-store');
  const citizen = { preHandler: app.requireCitizen };
  const tags = ['entregas'];

  app.get('/solicitudes/:id/entrega', { ...citizen, schema: { tags, summary: 'Código QR de entrega de una solicitud aprobada (texto del código)', params: idParams } }, async (request, reply): Promise<EntregaQr> => {
    const { application, token } = await citizenToken(request, request.params.id);
    const by = await deliveredBy(request.em, application);
    noStore(reply);
    const codigo = formatDeliveryCode(await deliveryCodeOf(request.em, application));
    return { token, codigo, folio: folioOf(application), estado: application.status, entregada: by ? { fecha: by.fecha } : null };
  });

  app.get('/solicitudes/:id/entrega/qr.svg', { ...citizen, schema: { tags, summary: 'Código QR de entrega como imagen SVG', params: idParams } }, async (request, reply) => {
    const { token } = await citizenToken(request, request.params.id);
    return noStore(reply).type('image/svg+xml; charset=utf-8').send(await qrSvg(token));
  });

  app.get('/solicitudes/:id/entrega/qr.png', { ...citizen, schema: { tags, summary: 'Código QR de entrega como imagen PNG', params: idParams } }, async (request, reply) => {
    const { token } = await citizenToken(request, request.params.id);
    return noStore(reply).type('image/png').send(await qrPng(token));
  });

  const official = { preHandler: app.requireOfficial() };
  await registerRateLimit(app);
  const wrongByOfficial = keyedLimiter(app, 'entrega-codigo', WRONG_CODES_PER_OFFICIAL, (request) => request.official.id);
  const wrongByAddress = perIpLimiter(app, 'entrega-codigo-ip', WRONG_CODES_PER_IP);
  /** Runs a look-up by code; refused while the allowance of wrong codes is used up, and counts a wrong one. */
  async function limitingWrongCodes<T>(request: FastifyRequest, lookUp: () => Promise<T>): Promise<T> {
    await wrongByOfficial.check(request);
    await wrongByAddress.check(request);
    try {
      return await lookUp();
    } catch (error) {
      if (error instanceof AppError && WRONG_CODE_ANSWERS.has(error.code)) {
        await wrongByOfficial.count(request).catch(() => {});
        await wrongByAddress.count(request).catch(() => {});
      }
      throw error;
    }
  }

  app.post(
    '/funcionario/entregas/verificar',
    {
      ...official,
      schema: {
        tags,
        summary: 'Lee un código QR de entrega o su código corto: a quién corresponde, qué entregar y si ya se entregó (no registra nada)',
        body: deliveryCodeBody,
      },
    },
    async (request): Promise<Verificacion> => limitingWrongCodes(request, () => previewDelivery(app, request.em, request.official, request.body.token)),
  );

  app.post(
    '/funcionario/entregas',
    {
      ...official,
      schema: {
        tags,
        summary: 'Registra la entrega del apoyo con el código QR (o el código corto) de la persona beneficiaria (una sola vez)',
        body: deliveryBody,
      },
    },
    async (request, reply) => {
      const body = request.body;
      const place = readPlace(body);
      const delivered: EntregaRegistrada = await limitingWrongCodes(request, () => registerDelivery(app, request.em, request.official, body.token, place));
      return reply.status(201).send(delivered);
    },
  );
}
