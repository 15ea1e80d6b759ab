/**
 * The one error vocabulary of the HTTP API: every error a code, an HTTP status, who is at fault
 * and a Spanish message. Routes throw `AppError`s; one error handler (plugins/errors.ts) maps
 * them and everything else. The table is documented in runtime/README.md.
 */
export const ERRORS = {
  BAD_REQUEST: { status: 400, message: 'La solicitud no es válida.' },
  MALFORMED_JSON: { status: 400, message: 'El cuerpo de la solicitud no es JSON válido.' },
  VALIDATION_FAILED: { status: 400, message: 'Hay datos con errores; revisa los campos marcados.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'El tipo de contenido no es compatible.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'El envío es demasiado grande.' },
  NOT_FOUND: { status: 404, message: 'No se encontró lo que buscas.' },
  ROUTE_NOT_FOUND: { status: 404, message: 'Esa dirección no existe en la API.' },
  PROGRAM_NOT_FOUND: { status: 404, message: 'El programa no existe.' },
  DEFINITION_INVALID: { status: 422, message: 'La definición del programa tiene errores.' },
  DEFINITION_TESTS_FAILED: { status: 422, message: 'La definición no pasa sus casos de prueba; no se puede publicar.' },
  VERSION_CONFLICT: { status: 409, message: 'Esa versión del programa ya existe con otro contenido.' },
  CONFLICT: { status: 409, message: 'Alguien más modificó este registro al mismo tiempo; vuelve a intentarlo.' },
  AUTH_REQUIRED: { status: 401, message: 'Inicia sesión para continuar.' },
  INVALID_CREDENTIALS: { status: 401, message: 'La CURP o la contraseña no son correctas.' },
  FORBIDDEN: { status: 403, message: 'No tienes permiso para hacer esto.' },
  ACCOUNT_BLOCKED: { status: 403, message: 'Tu cuenta está bloqueada; acude a un módulo de atención ciudadana.' },
  RATE_LIMITED: { status: 429, message: 'Demasiados intentos; espera un momento y vuelve a intentar.' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'El servicio no está disponible por el momento.' },
  INTERNAL: { status: 500, message: 'Ocurrió un error inesperado. Ya quedó registrado; intenta de nuevo más tarde.' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    /** Extra data for the client, e.g. the list of field errors. */
    readonly details?: unknown,
  ) {
    super(message ?? ERRORS[code].message);
    this.status = ERRORS[code].status;
  }
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown; requestId?: string };
}
