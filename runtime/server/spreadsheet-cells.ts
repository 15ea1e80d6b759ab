/**
 * Text that a spreadsheet program would run as a formula when a person opens a CSV or XLSX that
 * SIPROS wrote (a name such as `=HYPERLINK(…)` typed by anyone): every download marks it the same way.
 */

/**
 * First characters that make a spreadsheet program run a cell as a formula (csv-stringify's list: ASCII, tab, CR and
 * their full-width forms). Exported for the queue's reports, which mark cells in SQL with this same list.
 */
export const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** A plain number as agencies write amounts («-3100.00», «+52»): shown as it is, it runs nothing. */
const PLAIN_NUMBER = /^[-+]?\d+(?:[.,]\d+)?$/;

/**
 * A leading apostrophe, the spreadsheet convention for "this is text", so formula-like text shows as
 * written and never runs. Numbers (and text that is a plain number) are left as they are.
 */
export function markFormula<T extends string | number>(cell: T): T | string {
  return typeof cell === 'string' && cell.length > 0 && FORMULA_STARTS.has(cell[0]) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}
