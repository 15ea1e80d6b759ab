import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Bodies a plain HTML <form> can send to another site without any script (and so without CORS). */
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

function mediaType(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** The origin (scheme://host[:port]) of a URL header, or null when it is not one. */
function originOf(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * Whether the page that sent the request is SIPROS itself: the configured public address, or
 * else the host the request was sent to (compared as the browser wrote it, default ports dropped).
 */
function isOwnPage(page: URL, request: FastifyRequest, publicOrigin: string | null): boolean {
  if (publicOrigin) return page.origin === publicOrigin;
  const host = originOf(`${page.protocol}//${request.host}`)?.host;
  return host !== undefined && page.host === host;
}

const FOREIGN_PAGE = 'Esta acción solo se puede hacer desde las páginas de SIPROS; ábrelas en su dirección oficial y vuelve a intentarlo.';
const FORM_WITHOUT_ORIGIN =
  'Un envío de formulario o de archivos debe indicar de qué página viene (encabezado Origin); desde un programa, envía el encabezado Origin con la dirección de SIPROS.';

/** Throws CROSS_SITE_REQUEST unless the change may come from where the request says it comes. */
export function assertSameSite(request: FastifyRequest, publicOrigin: string | null): void {
  const origin = request.headers.origin;
  const referer = request.headers.referer;
  // Browsers send Origin with every POST, PUT, PATCH and DELETE; "null" comes from sandboxed
  // frames and local files, never from a SIPROS page.
  const page = origin !== undefined ? origin : referer;
  if (page !== undefined) {
    const url = originOf(page);
    if (!url || !isOwnPage(url, request, publicOrigin)) throw new AppError('CROSS_SITE_REQUEST', FOREIGN_PAGE);
    return;
  }
  // No Origin nor Referer: a command-line client or another server, which is fine, unless the
  // body is one a form on a hostile page could have posted (very old browsers, or a page that
  // suppresses the Referer): such a request carries the victim's cookie and must not pass.
  if (FORM_TYPES.has(mediaType(request))) throw new AppError('CROSS_SITE_REQUEST', FORM_WITHOUT_ORIGIN);
}

/**
 * CSRF protection for the API, beside the SameSite=Lax cookie (which older browsers ignore and
 * which lets same-site sibling hosts through): every request that changes something must come
 * from a SIPROS page. Runs first (onRequest), before the session is read or the body parsed.
 */
export const originPlugin = fp(
  async (app: FastifyInstance) => {
    const publicOrigin = app.config.publicUrl ? new URL(app.config.publicUrl).origin : null;
    app.addHook('onRequest', async (request) => {
      if (STATE_CHANGING.has(request.method) && request.url.startsWith('/api/')) assertSameSite(request, publicOrigin);
    });
  },
  { name: 'sipros-origin', fastify: '5.x' },
);
