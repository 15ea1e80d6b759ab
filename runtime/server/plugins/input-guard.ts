import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * How deep a JSON body may nest. The deepest real input is a bundled program definition (16
 * levels; a rule set 20) inside a request body: 64 leaves room for any real form while stopping
 * bodies nested thousands deep, which overflow the stack of whatever walks them next (Ajv,
 * JSON.stringify, PostgreSQL's jsonb) and would otherwise answer 500.
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LETTER_U = 0x75;
const BRACE_OPEN = 0x7b;
const BRACKET_OPEN = 0x5b;
const BRACE_CLOSE = 0x7d;
const BRACKET_CLOSE = 0x5d;

export type JsonTextProblem = 'NESTING_TOO_DEEP' | 'INVALID_CHARACTER';

/**
 * One pass over the raw JSON text, before it is parsed: too deep, or a NUL character in any
 * string (value or key). PostgreSQL's text and jsonb cannot hold NUL, so such a body could only
 * fail later, half-way through the work. Malformed JSON is left for the parser to refuse.
 */
export function jsonTextProblem(text: string, maxDepth = MAX_JSON_DEPTH): JsonTextProblem | null {
  // Nearly every body has no NUL at all and fewer brackets than the limit: native searches tell
  // that without walking it character by character (this runs on every body of an opening day).
  if (!text.includes('\0') && !text.includes('\\u0000') && openingsUpTo(text, maxDepth) <= maxDepth) return null;
  return scanJsonText(text, maxDepth);
}

/** How many `{` and `[` the text holds, counting no further than `limit + 1`. */
function openingsUpTo(text: string, limit: number): number {
  let count = 0;
  for (const opener of ['{', '[']) {
    for (let at = text.indexOf(opener); at !== -1 && count <= limit; at = text.indexOf(opener, at + 1)) count++;
  }
  return count;
}

function scanJsonText(text: string, maxDepth: number): JsonTextProblem | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) {
        if (text.charCodeAt(i + 1) === LETTER_U && text.startsWith('0000', i + 2)) return 'INVALID_CHARACTER';
        i++; // the escaped character cannot end the string
      } else if (c === QUOTE) inString = false;
      else if (c === 0) return 'INVALID_CHARACTER';
    } else if (c === QUOTE) inString = true;
    // Plain comparisons, not a Set: this loop runs over every character of every body.
    else if (c === BRACE_OPEN || c === BRACKET_OPEN) {
      if (++depth > maxDepth) return 'NESTING_TOO_DEEP';
    } else if (c === BRACE_CLOSE || c === BRACKET_CLOSE) depth--;
  }
  return null;
}

const TOO_DEEP_MESSAGE = `El envío tiene más de ${MAX_JSON_DEPTH} niveles anidados; revisa su estructura.`;

/**
 * Cheap input refused where it enters, before authentication work, validation or the database
 * (issue 16): every JSON body goes through `jsonTextProblem` and then Fastify's own parser (which
 * keeps its prototype-poisoning protection); a URL with an encoded NUL (%00) in its path or query
 * is refused the same way, since those values reach SQL parameters too.
 */
export const inputGuardPlugin = fp(
  async (app: FastifyInstance) => {
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request: FastifyRequest, body: string | Buffer, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      const problem = jsonTextProblem(text);
      if (problem) {
        done(new AppError(problem, problem === 'NESTING_TOO_DEEP' ? TOO_DEEP_MESSAGE : undefined), undefined);
        return;
      }
      parseJson(request, text, done);
    });
    app.addHook('onRequest', async (request) => {
      if (request.url.includes('%00')) throw new AppError('INVALID_CHARACTER', 'La dirección contiene un carácter nulo (%00), que no se puede usar; quítalo e intenta de nuevo.');
    });
  },
  { name: 'sipros-input-guard', fastify: '5.x' },
);
