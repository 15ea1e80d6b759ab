/**
 * The hostile and careless input the fuzz suite (fuzz.test.ts) sends: a fixed, bounded list built
 * from each operation of the OpenAPI document, with no randomness, so a failure always repeats.
 */

export interface OpenApiOperation {
  method: string;
  /** OpenAPI path, e.g. /api/solicitudes/{id}. */
  path: string;
  pathParams: string[];
  queryParams: Array<{ name: string; schema: JsonSchema }>;
  /** The JSON body's schema, when the operation declares one. */
  body: JsonSchema | null;
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  [key: string]: unknown;
}

/** One request to send: a path (already encoded), optional query string and body. */
export interface FuzzCase {
  kind: string;
  url: string;
  /** Raw text of the body (never re-serialised), sent as `contentType` (application/json unless told). */
  json?: string;
  contentType?: string;
}

const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete']);
/** Fastify's default maxParamLength is 100: 300 characters go well over it. */
const LONG_PARAM = 'a'.repeat(300);
/** Under the 1 MB body limit, with room for the rest of the body. */
const HUGE_STRING = 'ñ'.repeat(480_000); // 2 bytes each in UTF-8: about 960 kB
const DEEP_NESTING = 10_000;

/** Strings people paste by accident or attackers send on purpose. */
export const ODD_STRINGS = [
  'hola\u0000mundo', // NUL: PostgreSQL cannot store it
  'rota\ud800sola', // a lone surrogate
  '\u202eodnum\u200f\u200e', // right-to-left override and direction marks
  '👩🏽‍🌾🇲🇽 ﷽', // emoji sequences, a flag and a wide Arabic ligature
  '',
];

/** JSON text of a string, keeping a lone surrogate as its escape (as a browser would send it). */
function jsonString(value: string): string {
  return JSON.stringify(value);
}

export function operationsOf(document: { paths: Record<string, Record<string, any>> }): OpenApiOperation[] {
  const operations: OpenApiOperation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!op || typeof op !== 'object' || !['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const parameters = (op.parameters ?? []) as Array<{ in: string; name: string; schema?: JsonSchema }>;
      const body = op.requestBody?.content?.['application/json']?.schema ?? null;
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body,
      });
    }
  }
  return operations;
}

/** A value of the wrong type for a schema (a string where a number goes, and so on). */
function wrongTypeFor(schema: JsonSchema): unknown {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return { no: 'soy texto' };
    case 'number':
    case 'integer':
      return 'doce';
    case 'boolean':
      return 'sí';
    case 'array':
      return 'no soy lista';
    case 'object':
      return [1, 2, 3];
    default:
      return 1e308;
  }
}

/** A body with every declared string property set to `value` (or one unknown property when none). */
function bodyWithStrings(schema: JsonSchema | null, value: string): string {
  const names = Object.entries(schema?.properties ?? {})
    .filter(([, s]) => s.type === 'string' || s.type === undefined)
    .map(([name]) => name);
  const keys = names.length ? names : ['texto'];
  return `{${keys.map((k) => `${jsonString(k)}:${jsonString(value)}`).join(',')}}`;
}

function bodyCases(op: OpenApiOperation, url: string): FuzzCase[] {
  if (!BODY_METHODS.has(op.method.toLowerCase())) return [];
  const cases: FuzzCase[] = [
    { kind: 'malformed JSON', url, json: '{"respuestas": {"a": 1,' },
    { kind: 'JSON of the wrong shape', url, json: '[null, 1e999, "x"]' },
    { kind: 'huge string', url, json: bodyWithStrings(op.body, HUGE_STRING) },
    { kind: 'deep nesting', url, json: `{"respuestas":${'['.repeat(DEEP_NESTING)}${']'.repeat(DEEP_NESTING)}}` },
    { kind: 'NUL in a key', url, json: '{"respuestas": {"ho\\u0000la": "x"}}' },
    { kind: 'broken multipart', url, json: '--x\r\nContent-Disposition: form-data; name="archivo"; filename="a.pdf"\r\n\r\n%PDF', contentType: 'multipart/form-data; boundary=x' },
    { kind: 'form body', url, json: 'respuestas=1&__proto__[x]=1', contentType: 'application/x-www-form-urlencoded' },
    { kind: 'unknown content type', url, json: '<xml/>', contentType: 'application/xml' },
  ];
  for (const odd of ODD_STRINGS) cases.push({ kind: `odd unicode ${JSON.stringify(odd).slice(0, 12)}`, url, json: bodyWithStrings(op.body, odd) });
  for (const [name, schema] of Object.entries(op.body?.properties ?? {})) {
    cases.push({ kind: `wrong type for body.${name}`, url, json: JSON.stringify({ [name]: wrongTypeFor(schema) }) });
  }
  return cases;
}

/** Odd values for one path parameter, the others left at their usual value. */
export const ODD_PATH_VALUES = [LONG_PARAM, '%00', 'a%00b', '..%2F..%2Fetc%2Fpasswd', '..', 'no-es-un-uuid', '%F0%9F%98%80', '%E2%80%AE', '%ED%A0%80', '%', "1'%20or%20'1'='1"];

function pathCases(op: OpenApiOperation, fill: (param: string) => string): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const param of op.pathParams) {
    for (const odd of ODD_PATH_VALUES) {
      const url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => (name === param ? odd : encodeURIComponent(fill(name))));
      cases.push({ kind: `odd path ${param}=${odd.slice(0, 12)}`, url });
    }
  }
  return cases;
}

/** Odd values for the query string: wrong types, repeated keys, huge, odd unicode, a CURP. */
function queryCases(op: OpenApiOperation, url: string, curp: string): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const values = ['%00', 'x'.repeat(5000), encodeURIComponent(ODD_STRINGS[2]), '%ED%A0%80', '-1', '1e999', encodeURIComponent(curp)];
  for (const { name, schema } of op.queryParams) {
    const wrong = encodeURIComponent(String(JSON.stringify(wrongTypeFor(schema))));
    for (const value of [wrong, ...values]) cases.push({ kind: `odd query ${name}`, url: `${url}?${name}=${value}` });
    cases.push({ kind: `repeated query ${name}`, url: `${url}?${name}=1&${name}=2&${name}[a]=3` });
  }
  cases.push({ kind: 'unknown query', url: `${url}?__proto__[x]=1&constructor=%00` });
  return cases;
}

/** Every case for one operation; `fill` gives a usual value for each path parameter. */
export function casesFor(op: OpenApiOperation, fill: (param: string) => string, curp: string): FuzzCase[] {
  const url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(fill(name)));
  return [...bodyCases(op, url), ...pathCases(op, fill), ...queryCases(op, url, curp)];
}
