import type { FastifyInstance } from 'fastify';
import { prepared } from '../../../db/sql.ts';

/**
 * What an official may see is decided by areas: their own area and every area below it in the
 * tree (a subsecretaría sees its direcciones' programs). An area missing from the tree (older
 * data) still scopes to itself.
 */
const AREAS_BELOW = prepared(
  'areas-alcance',
  `with recursive below(id) as (
     select $1::text
     union
     select a.id from area a join below b on a.padre_id = b.id
   )
   select id from below`,
);

export async function areaScope(app: FastifyInstance, area: string): Promise<string[]> {
  return (await app.db.sql.query<{ id: string }>(AREAS_BELOW, [area])).rows.map((r) => r.id);
}

/** The programs (id, name, area) an official of `area` may work on. */
export async function programsInScope(app: FastifyInstance, area: string): Promise<Array<{ id: string; name: string; area: string; currentVersion: number }>> {
  const scope = await areaScope(app, area);
  const { rows } = await app.db.sql.query<{ id: string; name: string; area: string; current_version: number }>(
    'select id, name, area, current_version from program where area = any($1::text[]) order by name',
    [scope],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, area: r.area, currentVersion: r.current_version }));
}

/** Whether an official of `area` may see a program (and so its applications and documents). */
export async function programInScope(app: FastifyInstance, area: string, programId: string): Promise<boolean> {
  return (await programsInScope(app, area)).some((p) => p.id === programId);
}
