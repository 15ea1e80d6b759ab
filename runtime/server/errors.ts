/**
 * The one error vocabulary of the HTTP API: every error a code, an HTTP status, who is at fault
 * and a Spanish message. Routes throw `AppError`s; one error handler (plugins/errors.ts) maps
 * them and everything else. The table for readers is runtime/ERRORS.md, generated from this one
 * by `npm run gen:errors` (a test fails when it is out of date).
 */
export const ERRORS = {
  BAD_REQUEST: { status: 400, message: 'La solicitud no es válida.' },
  MALFORMED_JSON: { status: 400, message: 'El cuerpo de la solicitud no es JSON válido.' },
  NESTING_TOO_DEEP: { status: 400, message: 'El envío tiene demasiados niveles anidados; revisa su estructura.' },
  INVALID_CHARACTER: { status: 400, message: 'El envío contiene un carácter nulo (\\u0000), que no se puede guardar; quítalo e intenta de nuevo.' },
  URL_INVALID: { status: 400, message: 'La dirección no es válida: tiene un «%» que no forma un carácter; revísala e intenta de nuevo.' },
  PATH_VALUE_TOO_LONG: { status: 414, message: 'Un dato de la dirección es demasiado largo; revísala e intenta de nuevo.' },
  MULTIPART_INVALID: { status: 400, message: 'El archivo no llegó completo o el formulario de envío no es válido; vuelve a subirlo.' },
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
  CROSS_SITE_REQUEST: { status: 403, message: 'Esta acción solo se puede hacer desde las páginas de SIPROS; ábrelas en su dirección oficial y vuelve a intentarlo.' },
  ACCOUNT_BLOCKED: { status: 403, message: 'Tu cuenta está bloqueada; acude a un módulo de atención ciudadana.' },
  APPLICATION_NOT_FOUND: { status: 404, message: 'No encontramos esa solicitud.' },
  DOCUMENT_NOT_FOUND: { status: 404, message: 'No encontramos ese documento.' },
  CALL_CLOSED: { status: 409, message: 'La convocatoria no está abierta: no recibe solicitudes en este momento.' },
  QUOTA_FULL: { status: 409, message: 'Ya no hay lugares disponibles en esta convocatoria.' },
  ALREADY_APPLIED: { status: 409, message: 'Ya tienes una solicitud activa en este programa.' },
  PHONE_NOT_VERIFIED: { status: 403, message: 'Antes de enviar una solicitud confirma tu teléfono con el código que te enviamos por SMS.' },
  FORM_INVALID: { status: 422, message: 'Hay respuestas con errores; corrígelas para continuar.' },
  NOT_ELIGIBLE: { status: 422, message: 'Con las respuestas que diste no cumples los requisitos del programa.' },
  DOCUMENTS_MISSING: { status: 422, message: 'Faltan documentos obligatorios.' },
  DOCUMENT_TYPE_UNKNOWN: { status: 404, message: 'El programa no pide ese documento.' },
  FILE_MISSING: { status: 400, message: 'No se recibió ningún archivo: elige uno para subir.' },
  FILE_TOO_LARGE: { status: 413, message: 'El archivo es demasiado grande.' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, message: 'El tipo de archivo no está permitido para este documento.' },
  NOT_EDITABLE: { status: 409, message: 'La solicitud ya fue enviada y no se puede modificar ahora.' },
  NOT_IN_CORRECTION: { status: 409, message: 'La solicitud no está en corrección.' },
  FIELD_NOT_FLAGGED: { status: 422, message: 'Solo puedes cambiar los datos que el funcionario marcó para corregir.' },
  WORKFLOW_REFUSED: { status: 409, message: 'Esa acción no se puede realizar en el estado actual de la solicitud.' },
  RATE_LIMITED: { status: 429, message: 'Demasiados intentos; espera un momento y vuelve a intentar.' },
  CURP_INVALID: { status: 400, message: 'La CURP no es válida; revisa los detalles.' },
  CURP_MISMATCH: { status: 422, message: 'Tus datos no coinciden con los que indica tu CURP.' },
  CIVIL_REGISTRY_MISMATCH: { status: 422, message: 'Tus datos no coinciden con los del Registro Civil para esta CURP.' },
  ACCOUNT_EXISTS: { status: 409, message: 'Ya existe una cuenta con esta CURP. Inicia sesión o recupera tu contraseña.' },
  WEAK_PASSWORD: { status: 400, message: 'La contraseña es corta o fácil de adivinar; escribe una frase de varias palabras que no tengan que ver contigo.' },
  CODE_INVALID: { status: 400, message: 'El código no es correcto.' },
  CODE_EXPIRED: { status: 400, message: 'El código venció; pide uno nuevo.' },
  TOO_MANY_ATTEMPTS: { status: 429, message: 'Hiciste demasiados intentos con este código; pide uno nuevo.' },
  // Officials' side (issue 4): queue, delivery, administration, citizen service.
  AREA_NOT_FOUND: { status: 404, message: 'El área no existe.' },
  OFFICIAL_NOT_FOUND: { status: 404, message: 'No encontramos a ese funcionario.' },
  OFFICIAL_EXISTS: { status: 409, message: 'Ya existe un funcionario con ese usuario.' },
  AREA_EXISTS: { status: 409, message: 'Ya existe un área con ese identificador.' },
  OWN_ACCOUNT_LOCKOUT: { status: 409, message: 'No puedes desactivar tu propio usuario ni quitarte el rol de administrador; pide a otra persona administradora que lo haga.' },
  // Administrators are held to their own subtree of areas (issue 16).
  ADMIN_OUT_OF_SCOPE: { status: 403, message: 'Solo puedes administrar tu área y las áreas que dependen de ella.' },
  ROLE_NOT_GRANTABLE: { status: 403, message: 'No puedes asignar un rol que tú no tienes, salvo los roles de los flujos de los programas de tus áreas.' },
  OWN_ACCESS_CHANGE: { status: 403, message: 'No puedes cambiar tu propia área ni tus propios roles; pide a una persona administradora de un área superior que lo haga.' },
  CITIZEN_NOT_FOUND: { status: 404, message: 'No hay ninguna cuenta con esa CURP.' },
  REASON_REQUIRED: { status: 400, message: 'Escribe el motivo del cambio; queda registrado.' },
  FILTER_NOT_FOUND: { status: 404, message: 'No encontramos ese filtro guardado.' },
  DELIVERY_TOKEN_INVALID: { status: 400, message: 'El código QR no es válido: no lo emitió SIPROS o está incompleto.' },
  FIELD_UNKNOWN: { status: 422, message: 'Marcaste un dato que no existe en esta solicitud; elige los datos de la lista.' },
  DELIVERY_CODE_INVALID: { status: 400, message: 'Ese no es un código de entrega: tiene 10 caracteres, números del 2 al 9 y letras sin I, L ni O (por ejemplo K7QMX-4Z9AB), o es el texto largo que empieza con SIPROS1.' },
  DELIVERY_CODE_MISTYPED: { status: 422, message: 'Revisa el código: algún carácter no coincide. Pide a la persona que te lo dicte de nuevo, carácter por carácter.' },
  NOT_DELIVERABLE: { status: 409, message: 'Esta solicitud no está aprobada; no se puede entregar el apoyo.' },
  ALREADY_DELIVERED: { status: 409, message: 'El apoyo de esta solicitud ya fue entregado.' },
  // The padrón's bulk loading (issue 11).
  ROLL_FILE_INVALID: { status: 400, message: 'No se pudo leer el archivo como CSV ni como Excel (.xlsx).' },
  ROLL_ALREADY_LOADED: { status: 409, message: 'Este archivo ya se cargó antes; si quieres reemplazarlo, deshaz primero esa carga.' },
  ROLL_TOO_LARGE: { status: 413, message: 'El archivo pasa de 512 MB; divídelo en partes.' },
  COLUMNS_MISSING: { status: 422, message: 'Faltan columnas obligatorias: asigna la CURP, el primer apellido y el nombre.' },
  BATCH_NOT_FOUND: { status: 404, message: 'No encontramos esa carga.' },
  BATCH_WRONG_STATE: { status: 409, message: 'Esa carga no está en un paso que permita lo que pediste; recarga la página para ver cómo va.' },
  CATALOG_PROGRAM_UNKNOWN: { status: 404, message: 'Ese programa no está en el catálogo de programas sociales.' },
  AGENCY_OUT_OF_SCOPE: { status: 403, message: 'Solo puedes cargar y ver los padrones de tu dependencia.' },
  // Identity resolution (issue 12).
  MATCH_MODEL_INVALID: { status: 500, message: 'El modelo de emparejamiento no es válido; revisa definitions/matching con «sipros validate».' },
  MATCH_MODEL_TESTS_FAILED: { status: 500, message: 'El modelo de emparejamiento no pasa su tabla de pruebas; corre «sipros test definitions».' },
  DUPLICATE_NOT_FOUND: { status: 404, message: 'No encontramos ese par de posibles duplicados.' },
  DUPLICATE_ALREADY_DECIDED: { status: 409, message: 'Ese par ya se decidió; recarga la lista para ver los pendientes.' },
  MERGE_NOT_FOUND: { status: 404, message: 'No encontramos esa fusión, o ya se separó.' },
  MERGE_NOT_SPLITTABLE: { status: 409, message: 'No se puede separar: una de las dos personas se fusionó después con otra. Separa primero esa fusión.' },
  // Territory catalogs (issue 13).
  CATALOG_FILE_INVALID: { status: 422, message: 'El archivo no es un catálogo que se pueda importar.' },
  CATALOG_IMPORT_NOT_FOUND: { status: 404, message: 'No encontramos esa importación de catálogo.' },
  CATALOG_IMPORT_DECIDED: { status: 409, message: 'Esa importación ya se aplicó o se descartó.' },
  CATALOG_IMPORT_STALE: { status: 409, message: 'El catálogo cambió desde que se revisó este archivo; vuelve a importarlo para ver los cambios de nuevo.' },
  CATALOG_EMPTY: { status: 409, message: 'El catálogo está vacío; impórtalo primero.' },
  CLEANING_RUNNING: { status: 409, message: 'La limpieza de ubicaciones aún está en curso.' },
  CLEANING_NOT_FOUND: { status: 404, message: 'No encontramos esa limpieza de ubicaciones.' },
  POSTAL_CODE_NOT_FOUND: { status: 404, message: 'No encontramos ese código postal en el catálogo.' },
  MUNICIPIO_NOT_FOUND: { status: 404, message: 'No encontramos ese municipio en el catálogo del INEGI.' },
  LOCALIDAD_NOT_FOUND: { status: 404, message: 'No encontramos esa localidad en el catálogo de localidades.' },
  // Field brigades (issue 15).
  FIELD_RECORD_MISSING: { status: 400, message: 'Falta el campo «registro» con los datos del registro; envíalo primero, antes de las fotos.' },
  FIELD_RECORD_UNREADABLE: { status: 400, message: 'El campo «registro» no es JSON válido; el dispositivo debe enviarlo de nuevo.' },
  FIELD_RECORD_INVALID: { status: 400, message: 'El registro no tiene la forma esperada; revisa los datos marcados.' },
  FIELD_PART_UNKNOWN: { status: 400, message: 'El envío trae una parte que no es «registro» ni «documento:<tipo>».' },
  FIELD_RECORD_BUSY: { status: 409, message: 'Este registro se está procesando en este momento; consúltalo o vuelve a enviarlo en unos segundos.' },
  FIELD_RECORD_NOT_FOUND: { status: 404, message: 'No hay ningún registro tuyo con ese id.' },
  FIELD_RECORD_TAKEN: { status: 409, message: 'Ese id de registro ya lo usó otra persona; el dispositivo debe generar uno nuevo.' },
  IDENTITY_MISMATCH: { status: 409, message: 'Ya hay una cuenta con esta CURP a nombre de otra persona.' },
  FIELD_VISIT_NOT_FOUND: { status: 404, message: 'No encontramos esa visita.' },
  BRIGADISTA_NOT_FOUND: { status: 404, message: 'No encontramos a ese brigadista en tu área.' },
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
