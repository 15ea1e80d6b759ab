import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ERRORS } from '../server/errors.ts';

/** runtime/server/errors.ts is the source of truth; this document is generated from it. */
export const ERROR_TABLE_PATH = fileURLToPath(new URL('../ERRORS.md', import.meta.url));

/** What each HTTP status means for the person who got it; the table is grouped by status. */
const STATUS_MEANING: Record<number, string> = {
  400: 'Datos que no se pueden leer o no son válidos',
  401: 'Falta iniciar sesión',
  403: 'Sin permiso',
  404: 'No existe o no es tuyo',
  409: 'Choca con el estado actual',
  413: 'Demasiado grande',
  414: 'Dirección demasiado larga',
  415: 'Tipo de contenido no admitido',
  422: 'Bien escrito, pero no se puede hacer',
  429: 'Demasiados intentos',
  500: 'Falla del servidor',
  503: 'Servicio no disponible',
};

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export async function generateErrorTable(): Promise<string> {
  const lines = [
    '<!-- Generated from runtime/server/errors.ts by `npm run gen:errors`. Do not edit: change errors.ts and regenerate. -->',
    '# Error codes of the SIPROS API',
    '',
    'Every refusal of the API has this body: `{"error": {"code", "message", "details"?, "requestId"?}}`, with the HTTP',
    'status below. `message` is Spanish, for the person in front of the screen; a route may give a more precise message',
    'than the default shown here (the code stays the same). Clients decide by `code`, never by `message`.',
  ];
  const entries = Object.entries(ERRORS);
  for (const status of [...new Set(entries.map(([, e]) => e.status))].sort((a, b) => a - b)) {
    lines.push('', `## ${status} · ${STATUS_MEANING[status] ?? 'Otros'}`, '', '| Código | Mensaje por omisión |', '|---|---|');
    for (const [code, { message }] of entries.filter(([, e]) => e.status === status)) lines.push(`| \`${code}\` | ${escapeCell(message)} |`);
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(ERROR_TABLE_PATH, await generateErrorTable());
  console.log(`Tabla de errores generada en ${ERROR_TABLE_PATH}`);
}
