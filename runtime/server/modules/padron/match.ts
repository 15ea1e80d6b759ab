/**
 * The one seam where a staged row meets a registry person. For now a row is the person its CURP
 * already belongs to (every CURP the registry has seen, in persona_curp); a row whose CURP is new
 * makes a new person. Identity resolution (the next issue: names, birth date and place, weights)
 * replaces these two relations, which the commit (commit.ts) reads and nothing else does: the people
 * the slice needs created, and each row's person once they exist.
 */

export interface RowRange {
  loteId: string;
  /** Rows after this line number… */
  after: number;
  /** …up to and including this one. */
  through: number;
}

/** The accepted rows of the range (`:loteId`, `:after`, `:through`), as the commit's statements name them. */
const SLICE = `f.lote_id = :loteId and f.fila > :after and f.fila <= :through and f.aceptada`;

/** Rows of the slice that match nobody, one per CURP (the first): each becomes a new person. */
export const UNMATCHED_ROWS = `
  select distinct on (f.curp) f.curp, f.datos from padron_fila f
  where ${SLICE} and not exists (select 1 from persona_curp c where c.curp = f.curp)
  order by f.curp, f.fila`;

/** Every row of the slice with its person: (fila, datos, persona_id). */
export const MATCHED_ROWS = `
  select f.fila, f.datos, c.persona_id from padron_fila f join persona_curp c on c.curp = f.curp
  where ${SLICE}`;
