/**
 * The registry's two outward lists, streamed a page at a time (constant memory up to the whole
 * registry): the federal PUB layout (the SIIPP-G person file's field names) and the public
 * transparency list (program, name, municipio, amount, date; never CURP, address, phone or birth date).
 */
import { stringify } from 'csv-stringify';
import type { Readable } from 'node:stream';
import { bind, named, type NamedStatement, type SqlClient } from '../../../db/sql.ts';

export type ExportFilter = {
  /** Only the supports of these agencies (a liaison's own); null: every agency. */
  agency: string | null;
  programa: string | null;
  desde: string | null;
  hasta: string | null;
};

const PAGE = 5000;

const WHERE = `b.id > :after and (:agency::text is null or b.dependencia = :agency) and (:programa::text is null or b.programa = :programa)
  and (:desde::date is null or b.fecha >= :desde::date) and (:hasta::date is null or b.fecha <= :hasta::date)`;

type PageParams = ExportFilter & { after: number };

/** Rows of a keyset-paged query over supports (b.id > :after), one page at a time. */
async function* pages<T extends { id: string }>(sql: SqlClient, statement: NamedStatement<PageParams>, filter: ExportFilter): AsyncIterable<T> {
  for (let after = 0; ; ) {
    const { rows } = await sql.query<T>(statement, bind(statement, { ...filter, after }));
    yield* rows;
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1].id);
  }
}

/** Writes each row's line to the CSV as the reader takes them (backpressure), then ends it; a failure ends the download. */
export function streamLines<T>(columns: string[], rows: AsyncIterable<T>, line: (row: T) => string[]): Readable {
  const out = stringify({ header: true, columns, bom: true });
  void (async () => {
    for await (const row of rows) {
      if (!out.write(line(row))) await new Promise((resolve) => out.once('drain', resolve));
    }
    out.end();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

const ymd = (date: string | Date | null) => (date === null ? '' : (typeof date === 'string' ? date : date.toISOString()).slice(0, 10).replaceAll('-', ''));

export const PUB_COLUMNS = ['NB_CURP', 'NB_PRIMER_AP', 'NB_SEGUNDO_AP', 'NB_NOMBRE', 'FH_NACIMIENTO', 'CD_SEXO', 'CVE_ENT', 'CVE_MUN', 'CVE_LOC', 'CD_PADRON', 'CD_DEPENDENCIA', 'CD_BENEFICIO', 'NU_IMP_MONETARIO', 'FH_ALTA', 'NU_MES_PAGO'];

const PUB_PAGE = named<PageParams>(
  'padron-exportar-pub',
  `select b.id, p.curp, p.primer_apellido, p.segundo_apellido, p.nombres, p.fecha_nacimiento, p.sexo, coalesce(b.cve_mun, p.cve_mun) as cve_mun, p.cve_loc,
          k.clave_pub, b.programa, b.dependencia, k.tipo, b.monto, b.fecha
   from beneficio b join persona p on p.id = b.persona_id join programa_catalogo k on k.clave = b.programa
   where ${WHERE} order by b.id limit ${PAGE}`,
);

interface PubRow {
  id: string;
  curp: string;
  primer_apellido: string;
  segundo_apellido: string | null;
  nombres: string;
  fecha_nacimiento: string | Date | null;
  sexo: string | null;
  cve_mun: string | null;
  cve_loc: string | null;
  clave_pub: string | null;
  programa: string;
  dependencia: string;
  tipo: string;
  monto: string | null;
  fecha: string | Date | null;
}

/** The federal PUB person layout: one line per support, dates as AAAAMMDD, claves INEGI split. */
export function pubExport(sql: SqlClient, filter: ExportFilter): Readable {
  const rows = pages<PubRow>(sql, PUB_PAGE, filter);
  return streamLines(PUB_COLUMNS, rows, (r) => [r.curp, r.primer_apellido, r.segundo_apellido ?? '', r.nombres, ymd(r.fecha_nacimiento), r.sexo ?? '', r.cve_mun?.slice(0, 2) ?? '', r.cve_mun?.slice(2) ?? '', r.cve_loc ?? '', r.clave_pub ?? r.programa, r.dependencia, r.tipo, r.monto ?? '', ymd(r.fecha), ymd(r.fecha).slice(4, 6)]);
}

const PUBLIC_PAGE = named<PageParams>(
  'padron-exportar-transparencia',
  `select b.id, k.nombre as programa, concat_ws(' ', p.nombres, p.primer_apellido, p.segundo_apellido) as nombre, b.cve_mun as municipio, b.monto, b.fecha
   from beneficio b join persona p on p.id = b.persona_id join programa_catalogo k on k.clave = b.programa
   where ${WHERE} order by b.id limit ${PAGE}`,
);

interface PublicRow {
  id: string;
  programa: string;
  nombre: string;
  municipio: string | null;
  monto: string | null;
  fecha: string | Date | null;
}

/** The transparency list: what the law makes public of each support, and nothing else. */
export function transparencyExport(sql: SqlClient, filter: ExportFilter, municipioName: (clave: string) => string | undefined): Readable {
  const rows = pages<PublicRow>(sql, PUBLIC_PAGE, filter);
  const dayFirst = (date: string | Date | null) => ymd(date).replace(/^(\d{4})(\d{2})(\d{2})$/, '$3/$2/$1');
  return streamLines(['Programa', 'Beneficiario', 'Municipio', 'Monto', 'Fecha'], rows, (r) => [r.programa, r.nombre, r.municipio ? (municipioName(r.municipio) ?? r.municipio) : '', r.monto ?? '', dayFirst(r.fecha)]);
}
