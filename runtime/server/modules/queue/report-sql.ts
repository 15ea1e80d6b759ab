import { prepared, type PreparedStatement } from '../../../db/sql.ts';
import { municipioNames } from '../../../definitions/municipios.ts';
import { FORMULA_STARTS, markFormula } from '../../spreadsheet-cells.ts';
import { versionOf, type OfficialContext } from './context.ts';
import { reportBatchStatement, type Selection } from './queue.sql.ts';

/**
 * The report's text written by PostgreSQL itself: each batch of rows comes back as one value —
 * CSV lines, or the sheet's XML rows — so the server builds no object per row, only passes the
 * text on (a million rows are a few dozen round trips). The rows are queue.sql.ts's report rows
 * (scope, filters and the personal-data masking stay defined there, once); this file only
 * formats them. The labels the definitions give (program, workflow state, support type) and the
 * municipios' names are encoded here in JavaScript, once per report, and handed to the statement
 * as lookups; only the database's own text (CURP, names, folio, status) is escaped in SQL, with
 * the same rules as the JavaScript writer had (spreadsheet-cells.ts's markFormula, csv-stringify's
 * quoting, exceljs's cells: `t="str"`, XML text), which report-export.test.ts checks.
 */

export type ReportFormat = 'csv' | 'xlsx';

/** What one batch's statement returns: the batch's text, its rows and the last application number (the next batch's keyset). */
export interface ReportChunkRow {
  text: string | null;
  rows: number;
  last: string | null;
}

/** Labels already encoded for the format, by program, by `program@version/state`, `program@version/support` and municipio clave. */
export interface ReportLookups {
  programs: Record<string, string>;
  states: Record<string, string>;
  supports: Record<string, string>;
  municipios: Record<string, string>;
}

/** The status whose applications are in the padrón (the report's «Padrón» column). */
const DELIVERED = 'Entregado';

/** The columns' letters in the sheet (REPORT_COLUMNS' order). */
export const SHEET_COLUMNS = 'ABCDEFGHIJKLMN';

// ---------------------------------------------------------------------------------------------
// One cell's text, in JavaScript (labels) and in SQL (the database's text).
// ---------------------------------------------------------------------------------------------

/**
 * A cell as csv-stringify writes it with its default options (in double quotes, doubled inside,
 * when it holds a comma, a quote or a line break), marked first. Written out rather than called:
 * csv-stringify reads its options again at every call, and a report encodes thousands of labels
 * (report-export.test.ts checks the two agree).
 */
export function csvCell(value: string): string {
  const text = String(markFormula(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Characters XML 1.0 does not allow in text: exceljs dropped them, and so does this writer. */
const XML_FORBIDDEN = (code: number) => (code <= 0x1f && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Text as an XML text node: forbidden characters dropped, `&`, `<` and `>` escaped. */
function xmlText(value: string): string {
  let out = '';
  for (const ch of value) if (!XML_FORBIDDEN(ch.charCodeAt(0))) out += XML_ENTITIES[ch] ?? ch;
  return out;
}

/** A cell's text as the sheet holds it: marked, then as XML text. */
export function xlsxCell(value: string): string {
  return xmlText(String(markFormula(value)));
}

const FORMULA_CODES = [...FORMULA_STARTS].map((c) => c.codePointAt(0)!);
/** Every formula start is at or below the first code or at or above the second: most text (letters…) is told apart with two comparisons. */
const BELOW = Math.max(...FORMULA_CODES.filter((c) => c < 128));
const ABOVE = Math.min(...FORMULA_CODES.filter((c) => c >= 128));
/** spreadsheet-cells.ts's PLAIN_NUMBER (/^[-+]?\d+(?:[.,]\d+)?$/) as a PostgreSQL regular expression. */
const PLAIN_NUMBER = `'^[-+]?[0-9]+([.,][0-9]+)?$'`;

/** markFormula in SQL (x: a text expression that is never null). */
export function sqlMarked(x: string): string {
  return `(case when ascii(${x}) > ${BELOW} and ascii(${x}) < ${ABOVE} then ${x}
                when ascii(${x}) in (${FORMULA_CODES.join(', ')}) and ${x} !~ ${PLAIN_NUMBER} then '''' || ${x} else ${x} end)`;
}

/**
 * How a format escapes the database's text in SQL: `needs` matches text that must be escaped
 * (tried once per row, on the row's texts together: most rows need nothing, and one match costs
 * about what six do), `escape` escapes a marked value.
 */
interface SqlEscaping {
  needs: string;
  escape: (marked: string) => string;
}

const XML_FORBIDDEN_CLASS = '\\x01-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F';

const ESCAPING: Record<ReportFormat, SqlEscaping> = {
  csv: {
    needs: `'[",\\r\\n]'`,
    escape: (m) => `(case when ${m} ~ '[",\\r\\n]' then '"' || replace(${m}, '"', '""') || '"' else ${m} end)`,
  },
  xlsx: {
    needs: `'[&<>${XML_FORBIDDEN_CLASS}]'`,
    escape: (m) => `replace(replace(replace(regexp_replace(${m}, '[${XML_FORBIDDEN_CLASS}]', '', 'g'), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`,
  },
};

/** csvCell in SQL. */
export function sqlCsvCell(x: string): string {
  return ESCAPING.csv.escape(sqlMarked(x));
}

/** xlsxCell in SQL. */
export function sqlXlsxCell(x: string): string {
  return ESCAPING.xlsx.escape(sqlMarked(x));
}

// ---------------------------------------------------------------------------------------------
// The lookups: every label a row of the selection can show, encoded once.
// ---------------------------------------------------------------------------------------------

/**
 * The labels of each program's versions as the JavaScript report showed them (recordMaker:
 * the state's label or its id, the support type's name or its id, the version's or else the
 * current version's definition). `program@*` holds the current version's, for an application
 * made with a version published after the report started.
 */
export function reportLookups(ctx: OfficialContext, selection: Selection, encode: (text: string) => string): ReportLookups {
  const lookups: ReportLookups = { programs: {}, states: {}, supports: {}, municipios: {} };
  for (const id of selection.programs) {
    const program = ctx.programs.get(id);
    if (!program) continue;
    lookups.programs[id] = encode(program.name);
    const latest = Math.max(program.current.definition.version, ...program.versions.keys());
    const versions: Array<[string, number | null]> = [...Array.from({ length: latest }, (_, i): [string, number] => [String(i + 1), i + 1]), ['*', null]];
    for (const [key, version] of versions) {
      const definition = (version === null ? program.current : versionOf(program, version)).definition;
      for (const [state, { label }] of Object.entries(definition.workflow.states)) lookups.states[`${id}@${key}/${state}`] = encode(label || state);
      for (const support of definition.supportTypes) lookups.supports[`${id}@${key}/${support.id}`] ??= encode(support.name ?? support.id);
    }
  }
  for (const [clave, nombre] of municipioNames()) lookups.municipios[clave] = encode(nombre);
  return lookups;
}

// ---------------------------------------------------------------------------------------------
// The statements.
// ---------------------------------------------------------------------------------------------

export interface ReportChunkStatement {
  statement: PreparedStatement;
  /** The values of one batch: after this application number, at most `limit` rows, the first being the sheet's row `firstRow`. */
  values: (after: string, limit: number, firstRow: number) => unknown[];
}

type LookupParams = Record<keyof ReportLookups, string>;

/** The database's texts of row `m`, each marked, and escaped when the row needs it. */
function textCells(format: ReportFormat): Record<'curp' | 'nombres' | 'primer' | 'segundo' | 'folio' | 'estado', string> {
  const cell = (column: string) => {
    const marked = sqlMarked(`m.${column}`);
    return `case when m.needs_escaping then ${ESCAPING[format].escape(marked)} else ${marked} end`;
  };
  return { curp: cell('curp'), nombres: cell('nombres'), primer: cell('primer_apellido'), segundo: cell('segundo_apellido'), folio: cell('folio'), estado: cell('status') };
}

/** The labels of row `m` from the lookups; an id they lack shows as itself (as the JavaScript showed it), marked and escaped. */
function labelCells(p: LookupParams, format: ReportFormat): Record<'programa' | 'proceso' | 'tipo' | 'municipio', string> {
  const raw = (x: string) => ESCAPING[format].escape(sqlMarked(x));
  const version = `m.program_id || '@' || m.program_version || '/'`;
  const current = `m.program_id || '@*/'`;
  const label = (lookup: string, column: string) =>
    `case when m.${column} is null then '' else coalesce(${lookup} ->> (${version} || m.${column}), ${lookup} ->> (${current} || m.${column}), ${raw(`m.${column}`)}) end`;
  return {
    programa: `coalesce(${p.programs} ->> m.program_id, ${raw('m.program_id')})`,
    proceso: label(p.states, 'state'),
    tipo: label(p.supports, 'support_type_id'),
    municipio: `case when coalesce(m.municipio, '') = '' then '' else coalesce(${p.municipios} ->> m.municipio, ${raw('m.municipio')}) end`,
  };
}

/**
 * The report rows `rows` (queue.sql.ts) with what every cell needs once per row: whether any of
 * the row's texts must be escaped and, for the sheet, the row's number (after the header's).
 */
function rowsWithFlags(rows: string, format: ReportFormat, firstRow: string | null): string {
  const number = firstRow ? `, (${firstRow} + row_number() over (order by r.numero) - 1)::text as n` : '';
  return `
    select r.*, concat(r.curp, r.nombres, r.primer_apellido, r.segundo_apellido, r.folio, r.status) ~ ${ESCAPING[format].needs} as needs_escaping${number}
      from (${rows}) r
    offset 0`;
}

/**
 * One batch of the report as CSV lines (`csv`) or as the sheet's `<row>` elements (`xlsx`),
 * aggregated into one text by the database, in application-number order.
 */
export function reportChunkStatement(selection: Selection, format: ReportFormat, lookups: ReportLookups): ReportChunkStatement {
  const inner = reportBatchStatement(selection);
  let position = inner.values('0', 1).length;
  const param = (cast: string) => `$${++position}::${cast}`;
  const p: LookupParams = { programs: param('jsonb'), states: param('jsonb'), supports: param('jsonb'), municipios: param('jsonb') };
  const delivered = param('text');
  const firstRow = format === 'xlsx' ? param('bigint') : null;
  const extra = [JSON.stringify(lookups.programs), JSON.stringify(lookups.states), JSON.stringify(lookups.supports), JSON.stringify(lookups.municipios), DELIVERED];
  const cells = [...cellsInOrder(format, p, delivered)];
  const line = format === 'csv' ? `concat_ws(',', ${cells.join(', ')})` : sheetRow(cells);
  const text = `
    select string_agg(t.line, ${format === 'csv' ? `E'\\n'` : `''`} order by t.numero)${format === 'csv' ? ` || E'\\n'` : ''} as text,
           count(*)::int as rows, max(t.numero)::text as last
      from (select m.numero, ${line} as line from (${rowsWithFlags(inner.statement.text, format, firstRow)}) m) t`;
  return {
    statement: prepared(`${inner.statement.name}-${format}`, text),
    values: (after, limit, first) => [...inner.values(after, limit), ...extra, ...(format === 'xlsx' ? [first] : [])],
  };
}

/** The row's cells in REPORT_COLUMNS' order, as SQL text expressions (never null). */
function cellsInOrder(format: ReportFormat, p: LookupParams, delivered: string): string[] {
  const t = textCells(format);
  const l = labelCells(p, format);
  const padron = `case when m.status = ${delivered} then 'Sí' else 'No' end`;
  return ['m.numero::text', t.curp, t.nombres, t.primer, t.segundo, `coalesce(m.fecha, '')`, t.folio, l.programa, l.proceso, l.tipo, padron, t.estado, l.municipio, `coalesce(m.entrega, '')`];
}

/**
 * A `<row>` as exceljs's streaming writer wrote it without shared strings: the number as a number,
 * every other cell as a string (`t="str"`), empty ones included.
 */
function sheetRow(cells: string[]): string {
  const parts = cells.map((cell, i) => (i === 0 ? `'<c r="A', m.n, '"><v>', ${cell}, '</v></c>'` : `'<c r="${SHEET_COLUMNS[i]}', m.n, '" t="str"><v>', ${cell}, '</v></c>'`));
  return `concat('<row r="', m.n, '">', ${parts.join(', ')}, '</row>')`;
}
