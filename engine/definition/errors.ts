/**
 * The vocabulary of definition errors. Every error points at the culprit with a JSON pointer
 * (RFC 6901) into the definition file, carries a stable code and a Spanish message for the planner.
 */
export type DefinitionErrorCode =
  | 'DEF_NOT_OBJECT'
  | 'DEF_SCHEMA'
  | 'DEF_UNRESOLVED_REF'
  | 'DEF_REF_CYCLE'
  | 'DEF_FORM_SCHEMA'
  | 'DEF_UISCHEMA'
  | 'DEF_CONDITION'
  | 'DEF_UNKNOWN_FIELD'
  | 'DEF_UNKNOWN_OPERATOR'
  | 'DEF_UNKNOWN_RULESET'
  | 'DEF_UNKNOWN_STATE'
  | 'DEF_UNKNOWN_TARGET'
  | 'DEF_UNKNOWN_GUARD'
  | 'DEF_UNKNOWN_ACTION'
  | 'DEF_UNKNOWN_EVENT'
  | 'DEF_UNREACHABLE_STATE'
  | 'DEF_NO_FINAL_STATE'
  | 'DEF_FINAL_WITH_TRANSITIONS'
  | 'DEF_DEAD_END_STATE'
  | 'DEF_DUPLICATE_ID'
  | 'DEF_CALL_WINDOW'
  | 'DEF_UNKNOWN_MUNICIPIO'
  | 'DEF_MISSING_MUNICIPIO_FIELD'
  | 'DEF_UNKNOWN_PLACEHOLDER'
  | 'DEF_DUPLICATE_QUESTION'
  | 'DEF_SUPPORT_TYPE_QUESTION'
  | 'DEF_FOLLOW_UP_BEFORE_PARENT';

export interface DefinitionError {
  /** JSON pointer into the definition, '' for the whole document. */
  pointer: string;
  code: DefinitionErrorCode;
  message: string;
}

/** Escapes one reference token of a JSON pointer (RFC 6901 §3). */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins a base pointer and tokens: pointer('/a', 'b/c') === '/a/b~1c'. */
export function pointer(base: string, ...tokens: Array<string | number>): string {
  return base + tokens.map((t) => '/' + escapePointerToken(t)).join('');
}

/** Splits a JSON pointer into its unescaped tokens. */
export function pointerTokens(ptr: string): string[] {
  if (ptr === '' || ptr === '#') return [];
  const body = ptr.startsWith('#') ? ptr.slice(1) : ptr;
  return body.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Reads the value at a JSON pointer, or undefined when any step is missing. */
export function getAtPointer(doc: unknown, ptr: string): unknown {
  let node: unknown = doc;
  for (const token of pointerTokens(ptr)) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

export function defError(ptr: string, code: DefinitionErrorCode, message: string): DefinitionError {
  return { pointer: ptr, code, message };
}
