/**
 * Who may load and see which rolls: role `padron` opens the padrón; an agency's liaison works on
 * their own agency's batches (the agency is the top of their area's tree), and the planning office
 * (role `planeacion` as well) on every agency's.
 */
import type { FastifyInstance } from 'fastify';
import { ROLE_PADRON, ROLE_PLANEACION } from '../../../../engine/vocabulary.ts';
import type { OfficialRow } from '../../../db/entities.ts';
import { prepared } from '../../../db/sql.ts';
import { AppError } from '../../errors.ts';

export interface PadronActor {
  id: string;
  /** The agency whose batches the official works on; null: every agency (planning office). */
  agency: string | null;
}

const AGENCY_OF_AREA = prepared(
  'padron-dependencia-del-area',
  `with recursive up(id, padre_id) as (
     select id, padre_id from area where id = $1
     union all
     select a.id, a.padre_id from area a join up on a.id = up.padre_id
   )
   select id from up where padre_id is null`,
);

/** The top of an area's tree: the agency (dependencia) the area belongs to. */
export async function agencyOfArea(app: FastifyInstance, area: string): Promise<string> {
  return (await app.db.sql.query<{ id: string }>(AGENCY_OF_AREA, [area])).rows[0]?.id ?? area;
}

export async function padronActor(app: FastifyInstance, official: OfficialRow): Promise<PadronActor> {
  if (!official.roles.includes(ROLE_PADRON)) throw new AppError('FORBIDDEN', 'Necesitas el rol «Padrón» para cargar padrones y ver la confronta.');
  return { id: official.id, agency: official.roles.includes(ROLE_PLANEACION) ? null : await agencyOfArea(app, official.area) };
}

export function assertAgency(actor: PadronActor, agency: string): void {
  if (actor.agency !== null && actor.agency !== agency) throw new AppError('AGENCY_OUT_OF_SCOPE');
}
