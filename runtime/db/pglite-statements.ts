import type { PGlite } from '@electric-sql/pglite';

/**
 * Whether SQL text holds more than one statement, reading it as PostgreSQL does: semicolons
 * inside string literals ('…', E'…'), quoted identifiers, dollar-quoted bodies and comments do
 * not separate statements.
 */
export function countStatements(sql: string): number {
  let statements = 0;
  let hasContent = false;
  let i = 0;
  const skipUntil = (end: string, from: number) => {
    const at = sql.indexOf(end, from);
    return at < 0 ? sql.length : at + end.length;
  };
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      // A doubled quote is an escaped quote; E'…' strings may also escape with a backslash.
      const escapesBackslash = c === "'" && i > 0 && /[eE]/.test(sql[i - 1]) && !/\w/.test(sql[i - 2] ?? '');
      let j = i + 1;
      while (j < sql.length) {
        if (escapesBackslash && sql[j] === '\\') j += 2;
        else if (sql[j] === c && sql[j + 1] === c) j += 2;
        else if (sql[j] === c) break;
        else j++;
      }
      i = j + 1;
      hasContent = true;
    } else if (c === '-' && sql[i + 1] === '-') i = skipUntil('\n', i);
    else if (c === '/' && sql[i + 1] === '*') i = skipUntil('*/', i + 2);
    else if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i));
      if (tag) i = skipUntil(tag[0], i + tag[0].length);
      else i++;
      hasContent = true;
    } else if (c === ';') {
      if (hasContent) statements++;
      hasContent = false;
      i++;
    } else {
      if (!/\s/.test(c)) hasContent = true;
      i++;
    }
  }
  return statements + (hasContent ? 1 : 0);
}

/**
 * The PGlite knex dialect sends any raw SQL whose text contains two `;`-separated parts through
 * `exec`, which reports no affected-row counts; MikroORM inlines values into its SQL, so a saved
 * text like "Nogal; esquina Pino" made versioned updates fail as optimistic-lock conflicts.
 * This wrapper sends what is really one statement through `query`, which reports them.
 */
export function withStatementAwareExec(pglite: PGlite): PGlite {
  return new Proxy(pglite, {
    get(target, prop, receiver) {
      if (prop === 'exec') {
        // One statement: answer as `query` does (one result with its affected rows), which is what
        // the dialect would have received had it not mistaken the text for several statements.
        return (sql: string, options?: unknown) => (countStatements(sql) <= 1 ? target.query(sql, [], options as never) : target.exec(sql, options as never));
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
