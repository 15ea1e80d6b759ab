/**
 * Identity resolution in the server: the staged rows of a batch matched against the registry's index
 * (registry-index.ts) before anything is committed, and an applicant who may already be there under
 * another CURP. PostgreSQL keeps every decision and its reasons (padron_fila.emparejamiento).
 */
import { matchRecord, type MatchOutcome, type MatchInput } from '../../../../engine/matching/index.ts';
import { bind, named, type Sql } from '../../../db/sql.ts';
import type { PadronDeps } from './deps.ts';
import { heldIndex, matchAll, registryIndex, type HeldIndex } from './registry-index.ts';

export { buildRegistryIndex, forgetRegistryIndex, indexDir, lastIndexBuild, matchingModel, matchingThreads, matchRecords, registryIndex, registryRecords, type IndexBuild } from './registry-index.ts';

export interface PersonRow {
  id: string;
  curp: string;
  nombres: string;
  primer_apellido: string;
  segundo_apellido: string | null;
  fecha_nacimiento: string | null;
  sexo: string | null;
  cve_mun: string | null;
  cve_loc: string | null;
  colonia: string | null;
  codigo_postal: string | null;
}

/** A registry person's row (persona, with one of their CURPs) as the matcher names the fields. */
export const personInput = (r: PersonRow): MatchInput => ({
  id: r.id,
  curp: r.curp,
  nombre: r.nombres,
  primer_apellido: r.primer_apellido,
  segundo_apellido: r.segundo_apellido,
  fecha_nacimiento: r.fecha_nacimiento,
  sexo: r.sexo,
  cve_mun: r.cve_mun ? r.cve_mun.slice(-3) : null,
  localidad: r.cve_loc,
  colonia: r.colonia,
  codigo_postal: r.codigo_postal,
});

/** A staged row's fields (padron_fila.datos, as engine/padron reads a roll) as the matcher names them. */
function rowInput(fila: number, datos: Record<string, string | null | undefined>): MatchInput {
  return {
    id: String(fila),
    curp: datos.curp,
    nombre: datos.nombres,
    primer_apellido: datos.primerApellido,
    segundo_apellido: datos.segundoApellido,
    fecha_nacimiento: datos.fechaNacimiento,
    sexo: datos.sexo,
    cve_mun: datos.cveMun ? String(datos.cveMun).slice(-3) : null,
    localidad: datos.cveLoc,
    colonia: datos.colonia,
    codigo_postal: datos.codigoPostal,
  };
}

const SAVE_MATCHES = named<{ loteId: string; filas: number[]; personas: Array<string | null>; decisiones: string[] }>(
  'padron-emparejamientos',
  `update padron_fila f set persona_id = t.persona::uuid, emparejamiento = t.decision::jsonb
   from unnest(:filas::int[], :personas::text[], :decisiones::text[]) as t(fila, persona, decision)
   where f.lote_id = :loteId and f.fila = t.fila`,
);

/** Rows per read and write while matching. */
const MATCH_SLICE = 5_000;

/**
 * Every accepted row of the batch matched against the registry: a row that is someone already there
 * gets that person; one to review keeps its candidate (the commit makes it a new person and proposes
 * the pair); the decision and its reasons are kept either way. The same CURP twice in a roll is one
 * person (the row checks refused it otherwise), so each CURP is matched once.
 */
export async function matchStagedRows(deps: PadronDeps, loteId: string): Promise<{ yaEnPadron: number; porRevisar: number }> {
  const sql = deps.db.sql;
  const entry = await heldIndex(sql, { storageDir: deps.storageDir });
  const byCurp = new Map<string, MatchOutcome>();
  let after = 0;
  let yaEnPadron = 0;
  let porRevisar = 0;
  for (;;) {
    const { rows } = await sql.query<{ fila: number; curp: string | null; datos: Record<string, string> }>(
      'select fila, curp, datos from padron_fila where lote_id = $1 and aceptada and fila > $2 order by fila limit $3',
      [loteId, after, MATCH_SLICE],
    );
    if (rows.length === 0) break;
    const outcomes = await outcomesOf(entry, rows, byCurp);
    const personas: Array<string | null> = [];
    const decisiones: string[] = [];
    for (const outcome of outcomes) {
      if (outcome.decision === 'misma') yaEnPadron++;
      if (outcome.decision === 'revisar') porRevisar++;
      personas.push(outcome.decision === 'misma' ? outcome.best!.id : null);
      decisiones.push(
        JSON.stringify({
          decision: outcome.decision,
          candidato: outcome.best?.id ?? null,
          puntaje: outcome.best?.score ?? null,
          motivo: outcome.best?.motivoRevision ?? null,
          razones: outcome.decision === 'distinta' ? [] : outcome.best?.reasons ?? [],
          modelo: entry.model.version,
        }),
      );
    }
    await sql.query(SAVE_MATCHES, bind(SAVE_MATCHES, { loteId, filas: rows.map((r) => r.fila), personas, decisiones }));
    after = rows[rows.length - 1].fila;
  }
  await sql.query('update padron_lote set ya_en_padron = $2, por_revisar = $3 where id = $1', [loteId, yaEnPadron, porRevisar]);
  return { yaEnPadron, porRevisar };
}

/**
 * The outcome of each staged row, in order: a CURP already matched (earlier in the roll) is not matched
 * again, the rest are matched together (on every core when there are enough).
 */
async function outcomesOf(entry: HeldIndex, rows: ReadonlyArray<{ fila: number; curp: string | null; datos: Record<string, string> }>, byCurp: Map<string, MatchOutcome>): Promise<MatchOutcome[]> {
  const firstOfCurp = new Set<string>();
  const pending = rows.filter((row) => {
    if (!row.curp) return true;
    if (byCurp.has(row.curp) || firstOfCurp.has(row.curp)) return false;
    firstOfCurp.add(row.curp);
    return true;
  });
  const matched = await matchAll(entry, pending.map((row) => rowInput(row.fila, row.datos)), new Set());
  const byFila = new Map(pending.map((row, i) => [row.fila, matched[i]]));
  const thisSlice = new Map<string, MatchOutcome>();
  return rows.map((row) => {
    const outcome = byFila.get(row.fila) ?? byCurp.get(row.curp!) ?? thisSlice.get(row.curp!)!;
    if (row.curp) {
      thisSlice.set(row.curp, outcome);
      // Only outcomes with a candidate are worth keeping: a CURP nobody resembles is matched again in no time,
      // and a first roll of a million people would otherwise keep a million outcomes in memory.
      if (outcome.best) byCurp.set(row.curp, outcome);
    }
    return outcome;
  });
}

export interface KnownUnderAnotherCurp {
  nombre: string;
  curps: string[];
  puntaje: number;
  decision: 'misma' | 'revisar';
  motivo: string | null;
}

/**
 * Whether an applicant may already be in the registry under another CURP: the best registry person
 * other than the one holding the applicant's own CURP, when the matcher would link them or send them
 * to review. A warning for the official, never a block for the citizen.
 */
export async function knownUnderAnotherCurp(sql: Sql, applicant: MatchInput & { curp: string }, storageDir?: string): Promise<KnownUnderAnotherCurp | null> {
  const index = await registryIndex(sql, { maxAgeMs: 30_000, storageDir });
  const { rows } = await sql.query<{ persona_id: string }>('select persona_id from persona_curp where curp = $1', [applicant.curp]);
  const own = rows[0]?.persona_id ?? null;
  const outcome = matchRecord(index, applicant);
  const revisar = index.model.umbrales.revisar;
  const other = [outcome.best, outcome.rival].find((c) => c && c.id !== own && c.score >= revisar);
  if (!other) return null;
  const decision = other === outcome.best && outcome.decision === 'misma' ? 'misma' : 'revisar';
  const { rows: person } = await sql.query<{ nombre: string; curps: string[] }>(
    `select concat_ws(' ', p.nombres, p.primer_apellido, p.segundo_apellido) as nombre,
            coalesce((select array_agg(c.curp order by c.principal desc, c.curp) from persona_curp c where c.persona_id = p.id), array[p.curp]) as curps
     from persona p where p.id = $1`,
    [other.id],
  );
  if (!person[0]) return null;
  return { nombre: person[0].nombre, curps: person[0].curps, puntaje: other.score, decision, motivo: other === outcome.best ? (outcome.best.motivoRevision ?? null) : 'otro candidato con un puntaje cercano' };
}

/** What a citizen's account says about them, as the matcher reads it. */
export interface CitizenIdentity {
  id: string;
  curp: string;
  nombres: string;
  primerApellido: string;
  segundoApellido?: string | null;
  fechaNacimiento: unknown;
  sexo: string;
  telefono: string;
}

/**
 * A citizen as the matcher reads them: the account's identity and, when an application's CUIS asked,
 * the address (`domicilio`: municipio clave, colonia, postal code, street and number).
 */
export function citizenInput(citizen: CitizenIdentity, domicilio: Record<string, unknown> = {}): MatchInput & { curp: string } {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const municipio = text(domicilio.municipio);
  return {
    id: citizen.id,
    curp: citizen.curp,
    nombre: citizen.nombres,
    primer_apellido: citizen.primerApellido,
    segundo_apellido: citizen.segundoApellido,
    fecha_nacimiento: String(citizen.fechaNacimiento).slice(0, 10),
    sexo: citizen.sexo,
    cve_mun: municipio ? municipio.slice(-3) : null,
    colonia: text(domicilio.colonia),
    codigo_postal: text(domicilio.codigo_postal),
    calle: [text(domicilio.calle), text(domicilio.numero_exterior)].filter(Boolean).join(' ') || null,
    telefono: citizen.telefono,
  };
}
