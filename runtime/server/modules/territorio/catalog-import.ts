/**
 * A catalog file imported as a new version: its rows are set aside (the «nuevas» tables) with what
 * they would add, change and remove against the version in force, and only applying them replaces
 * the catalog, in one transaction, if it did not change meanwhile. A newer file of the same catalog
 * discards an older one still awaiting review. Nothing is half-written: the rows and their summary
 * land together or not at all.
 */
import { createHash, randomUUID } from 'node:crypto';
import { bind, named, type Sql, type SqlClient } from '../../../db/sql.ts';
import type { CatalogImport } from '../../../api/territorio.ts';
import { AppError } from '../../errors.ts';
import { isUuid } from '../applications/index.ts';
import { readLocalidades, readSepomex, type Asentamiento, type CatalogKind, type Localidad, type RejectedRow } from './catalog-file.ts';

type Value = string | number | null;

interface CatalogTables {
  current: string;
  staged: string;
  key: string[];
  columns: string[];
  /** A row as a person reads it in a summary (SQL over the alias `r`). */
  describe: string;
  types: Record<string, 'text' | 'double precision' | 'integer'>;
}

const TABLES: Record<CatalogKind, CatalogTables> = {
  sepomex: {
    current: 'cat_asentamiento',
    staged: 'cat_asentamiento_nuevo',
    key: ['codigo_postal', 'clave'],
    columns: ['codigo_postal', 'clave', 'nombre', 'tipo', 'cve_mun', 'ciudad', 'zona'],
    describe: `r.codigo_postal || ' ' || r.nombre || ' (' || r.tipo || ', municipio ' || r.cve_mun || ')'`,
    types: { codigo_postal: 'text', clave: 'text', nombre: 'text', tipo: 'text', cve_mun: 'text', ciudad: 'text', zona: 'text' },
  },
  localidades: {
    current: 'cat_localidad',
    staged: 'cat_localidad_nueva',
    key: ['cvegeo'],
    columns: ['cvegeo', 'cve_mun', 'nombre', 'ambito', 'latitud', 'longitud', 'poblacion'],
    describe: `r.cvegeo || ' ' || r.nombre || coalesce(' (' || r.poblacion || ' hab.)', '')`,
    types: { cvegeo: 'text', cve_mun: 'text', nombre: 'text', ambito: 'text', latitud: 'double precision', longitud: 'double precision', poblacion: 'integer' },
  },
};

const valuesOf: { sepomex: (r: Asentamiento) => Value[]; localidades: (r: Localidad) => Value[] } = {
  sepomex: (r) => [r.codigoPostal, r.clave, r.nombre, r.tipo, r.cveMun, r.ciudad, r.zona],
  localidades: (r) => [r.cvegeo, r.cveMun, r.nombre, r.ambito, r.latitud, r.longitud, r.poblacion],
};

const SAMPLE = 10;
/** Rows written a statement at a time where COPY is not available (the embedded PGlite). */
const SLICE = 2_000;

const copyValue = (v: Value) => (v === null ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));

function* copyLines(id: string, rows: Value[][]): Iterable<string> {
  // A thousand rows a write: one write per row costs more than the rows.
  for (let at = 0; at < rows.length; at += 1000) yield rows.slice(at, at + 1000).map((r) => `${id}\t${r.map(copyValue).join('\t')}\n`).join('');
}

async function stageRows(tx: SqlClient, kind: CatalogKind, id: string, rows: Value[][]): Promise<void> {
  const t = TABLES[kind];
  if (tx.copyIn) {
    await tx.copyIn(`copy ${t.staged} (importacion_id, ${t.columns.join(', ')}) from stdin`, copyLines(id, rows));
    return;
  }
  const recordset = t.columns.map((c) => `${c} ${t.types[c]}`).join(', ');
  for (let at = 0; at < rows.length; at += SLICE) {
    const objects = rows.slice(at, at + SLICE).map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));
    await tx.query(`insert into ${t.staged} (importacion_id, ${t.columns.join(', ')}) select $1, ${t.columns.join(', ')} from jsonb_to_recordset($2::jsonb) as x(${recordset})`, [id, JSON.stringify(objects)]);
  }
}

/** Added, changed and removed against the catalog in force, with a few of each to show. */
async function differences(tx: SqlClient, kind: CatalogKind, id: string) {
  const t = TABLES[kind];
  const sameKey = t.key.map((k) => `c.${k} = n.${k}`).join(' and ');
  const others = t.columns.filter((c) => !t.key.includes(c));
  const changed = `(${others.map((c) => `n.${c}`).join(', ')}) is distinct from (${others.map((c) => `c.${c}`).join(', ')})`;
  const queries = {
    agregadas: `from ${t.staged} r where r.importacion_id = $1 and not exists (select 1 from ${t.current} c where ${t.key.map((k) => `c.${k} = r.${k}`).join(' and ')})`,
    quitadas: `from ${t.current} r where not exists (select 1 from ${t.staged} n where n.importacion_id = $1 and ${t.key.map((k) => `n.${k} = r.${k}`).join(' and ')})`,
    cambiadas: `from ${t.staged} n join ${t.current} c on ${sameKey} where n.importacion_id = $1 and ${changed}`,
  };
  const result = { counts: { agregadas: 0, cambiadas: 0, quitadas: 0 }, ejemplos: { agregadas: [] as string[], cambiadas: [] as string[], quitadas: [] as string[] } };
  for (const [name, from] of Object.entries(queries) as Array<[keyof typeof queries, string]>) {
    const { rows } = await tx.query<{ n: string }>(`select count(*) as n ${from}`, [id]);
    result.counts[name] = Number(rows[0].n);
    const describe = name === 'cambiadas' ? `${t.describe.replace(/r\./g, 'c.')} || ' → ' || ${t.describe.replace(/r\./g, 'n.')}` : t.describe;
    const sample = await tx.query<{ d: string }>(`select ${describe} as d ${from} order by ${t.key.map((k) => (name === 'cambiadas' ? `n.${k}` : `r.${k}`)).join(', ')} limit ${SAMPLE}`, [id]);
    result.ejemplos[name] = sample.rows.map((r) => r.d);
  }
  return result;
}

const NEW_IMPORT = named<{ id: string; tipo: string; archivo: string; sha256: string; codificacion: string; filas: number; rechazadas: number; base: string | null; actor: string; now: Date }>(
  'territorio-importacion-nueva',
  `insert into catalogo_importacion (id, tipo, archivo, sha256, codificacion, filas, rechazadas, agregadas, cambiadas, quitadas, estado, base_id, resumen, importada_por, created_at)
   values (:id, :tipo, :archivo, :sha256, :codificacion, :filas, :rechazadas, 0, 0, 0, 'por_aplicar', :base, '{}', :actor, :now)`,
);

const SUMMARY = named<{ id: string; agregadas: number; cambiadas: number; quitadas: number; resumen: string }>(
  'territorio-importacion-resumen',
  'update catalogo_importacion set agregadas = :agregadas, cambiadas = :cambiadas, quitadas = :quitadas, resumen = :resumen where id = :id',
);

const byCode = (rejected: RejectedRow[]) => rejected.reduce<Record<string, number>>((all, r) => ({ ...all, [r.codigo]: (all[r.codigo] ?? 0) + 1 }), {});

async function inForce(tx: SqlClient, kind: CatalogKind): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(`select id from catalogo_importacion where tipo = $1 and estado = 'vigente'`, [kind]);
  return rows[0]?.id ?? null;
}

/**
 * Reads a catalog file and sets its rows aside as a version to review: nothing in force changes. An
 * older version of the same catalog still awaiting review is discarded.
 */
export async function importCatalog(sql: Sql, kind: CatalogKind, file: { name: string; bytes: Buffer }, actor: string, now: Date): Promise<CatalogImport> {
  const parsed = kind === 'sepomex' ? readSepomex(file.bytes) : readLocalidades(file.bytes);
  const rows = kind === 'sepomex' ? (parsed.rows as Asentamiento[]).map(valuesOf.sepomex) : (parsed.rows as Localidad[]).map(valuesOf.localidades);
  const id = randomUUID();
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  await sql.transaction(async (tx) => {
    // A catalog file is read in seconds, but on a slow disk more than an API statement's limit.
    if (tx.copyIn) await tx.query('set local statement_timeout = 0');
    await discardPending(tx, kind);
    const base = await inForce(tx, kind);
    await tx.query(NEW_IMPORT, bind(NEW_IMPORT, { id, tipo: kind, archivo: file.name, sha256, codificacion: parsed.encoding, filas: rows.length + parsed.rejected.length, rechazadas: parsed.rejected.length, base, actor, now }));
    await stageRows(tx, kind, id, rows);
    await tx.query(`analyze ${TABLES[kind].staged}`);
    const diff = await differences(tx, kind, id);
    const resumen: CatalogImport['resumen'] = { ejemplos: diff.ejemplos, rechazosPorCodigo: byCode(parsed.rejected), primerosRechazos: parsed.rejected.slice(0, 20) };
    await tx.query(SUMMARY, bind(SUMMARY, { id, ...diff.counts, resumen: JSON.stringify(resumen) }));
  });
  return findImport(sql, id);
}

async function discardPending(tx: SqlClient, kind: CatalogKind): Promise<void> {
  const { rows } = await tx.query<{ id: string }>(`update catalogo_importacion set estado = 'descartada' where tipo = $1 and estado = 'por_aplicar' returning id`, [kind]);
  if (rows.length > 0) await tx.query(`delete from ${TABLES[kind].staged} where importacion_id = any($1::uuid[])`, [rows.map((r) => r.id)]);
}

/** Replaces the catalog in force with an import's rows, if the catalog is still the one it was compared with. */
export async function applyImport(sql: Sql, id: string, now: Date): Promise<CatalogImport> {
  const found = await findImport(sql, id);
  const t = TABLES[found.tipo];
  await sql.transaction(async (tx) => {
    if (tx.copyIn) await tx.query('set local statement_timeout = 0');
    // One import applied at a time per catalog: the second waits, then finds the catalog changed.
    await tx.query(`lock table ${t.current} in exclusive mode`);
    const { rows } = await tx.query<{ estado: string; base_id: string | null }>('select estado, base_id from catalogo_importacion where id = $1 for update', [id]);
    if (rows[0].estado !== 'por_aplicar') throw new AppError('CATALOG_IMPORT_DECIDED', `Esa importación ya está ${rows[0].estado === 'vigente' ? 'vigente' : rows[0].estado}.`);
    if ((await inForce(tx, found.tipo)) !== rows[0].base_id) throw new AppError('CATALOG_IMPORT_STALE');
    await tx.query(`delete from ${t.current}`);
    await tx.query(`insert into ${t.current} (${t.columns.join(', ')}) select ${t.columns.join(', ')} from ${t.staged} where importacion_id = $1`, [id]);
    await tx.query(`delete from ${t.staged} where importacion_id = $1`, [id]);
    await tx.query(`update catalogo_importacion set estado = 'reemplazada' where tipo = $1 and estado = 'vigente'`, [found.tipo]);
    await tx.query(`update catalogo_importacion set estado = 'vigente', aplicada_at = $2 where id = $1`, [id, now]);
  });
  await sql.query(`analyze ${t.current}`);
  return findImport(sql, id);
}

/** Sets an import awaiting review aside without applying it. */
export async function discardImport(sql: Sql, id: string): Promise<CatalogImport> {
  const found = await findImport(sql, id);
  await sql.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(`update catalogo_importacion set estado = 'descartada' where id = $1 and estado = 'por_aplicar' returning id`, [id]);
    if (rows.length === 0) throw new AppError('CATALOG_IMPORT_DECIDED');
    await tx.query(`delete from ${TABLES[found.tipo].staged} where importacion_id = $1`, [id]);
  });
  return findImport(sql, id);
}

/** An import as stored: the contract's fields, its instants as the driver reads them. */
type ImportRow = Omit<CatalogImport, 'creadaAt' | 'aplicadaAt'> & { creadaAt: Date; aplicadaAt: Date | null };

const IMPORT_FIELDS = `id, tipo, archivo, codificacion, filas, rechazadas, agregadas, cambiadas, quitadas, estado, resumen,
  importada_por as "importadaPor", created_at as "creadaAt", aplicada_at as "aplicadaAt"`;

const asImport = (r: ImportRow): CatalogImport => ({ ...r, creadaAt: new Date(r.creadaAt).toISOString(), aplicadaAt: r.aplicadaAt ? new Date(r.aplicadaAt).toISOString() : null });

export async function findImport(sql: SqlClient, id: string): Promise<CatalogImport> {
  if (!isUuid(id)) throw new AppError('CATALOG_IMPORT_NOT_FOUND');
  const { rows } = await sql.query<ImportRow>(`select ${IMPORT_FIELDS} from catalogo_importacion where id = $1`, [id]);
  if (!rows[0]) throw new AppError('CATALOG_IMPORT_NOT_FOUND');
  return asImport(rows[0]);
}

/** The imports of both catalogs, newest first (the administration screen's history); at one instant (a frozen clock), the one waiting before the one in force. */
export async function listImports(sql: SqlClient, limit = 50): Promise<CatalogImport[]> {
  const { rows } = await sql.query<ImportRow>(`select ${IMPORT_FIELDS} from catalogo_importacion
     order by created_at desc, case estado when 'por_aplicar' then 0 when 'vigente' then 1 when 'reemplazada' then 2 else 3 end, id limit $1`, [limit]);
  return rows.map(asImport);
}
