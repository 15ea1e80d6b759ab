/**
 * Where a staged row meets a registry person. The review matched every accepted row against the
 * registry (identity.ts: padron_fila.persona_id when it is someone already there, and the decision
 * with its reasons in padron_fila.emparejamiento); the commit (commit.ts) reads these relations and
 * nothing else does: a row whose CURP another batch brought in since its review takes that person,
 * the rows still without one become new people (one per CURP), and rows to review propose their pair.
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

/** Rows the matcher had no candidate for whose CURP has reached the registry since (another batch): that person. */
export const CLAIM_KNOWN_CURPS = `
  update padron_fila f set persona_id = c.persona_id from persona_curp c
  where ${SLICE} and f.persona_id is null and c.curp = f.curp and (f.emparejamiento is null or f.emparejamiento ->> 'candidato' is null)`;

/** Rows of the slice that are nobody yet, one per CURP (the first): each becomes a new person. */
export const UNMATCHED_ROWS = `
  select distinct on (f.curp) f.curp, f.datos from padron_fila f
  where ${SLICE} and f.persona_id is null
  order by f.curp, f.fila`;

/** After the new people exist: every row without a person takes the one made for its CURP (`personas` is the CTE that made them). */
export const ASSIGN_NEW_PEOPLE = `
  update padron_fila f set persona_id = n.id from personas n
  where ${SLICE} and f.persona_id is null and f.curp = n.curp`;

/** Every row of the slice with its person: (fila, datos, persona_id). */
export const MATCHED_ROWS = `
  select f.fila, f.datos, f.persona_id from padron_fila f
  where ${SLICE} and f.persona_id is not null`;

/** Rows the matcher sent to review, once per person, with the candidate still in the registry. */
export const ROWS_TO_REVIEW = `
  select distinct on (f.persona_id) f.persona_id, (f.emparejamiento ->> 'candidato')::uuid as candidato, f.emparejamiento as e, f.datos
  from padron_fila f join persona c on c.id = (f.emparejamiento ->> 'candidato')::uuid and c.fusionada_en is null
  where ${SLICE} and f.persona_id is not null and f.emparejamiento ->> 'decision' = 'revisar' and f.persona_id <> c.id
  order by f.persona_id, (f.emparejamiento ->> 'puntaje')::real desc`;
