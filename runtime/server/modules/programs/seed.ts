import type { FastifyInstance } from 'fastify';
import { DEFINITIONS_DIR, findProgramFiles, readJsonFile } from '../../../definitions/library.ts';
import { Program } from '../../../db/entities.ts';
import { publishDefinition } from './publish.service.ts';

/**
 * On first start, publishes the programs shipped in definitions/programs that the database does
 * not have yet. Programs already published are left alone: changing them is a new version,
 * published on purpose.
 */
export async function seedPrograms(app: FastifyInstance): Promise<void> {
  const em = app.db.orm.em.fork();
  for (const file of await findProgramFiles([`${DEFINITIONS_DIR}programs`])) {
    const json = (await readJsonFile(file)) as { id?: string };
    if (json.id && (await em.count(Program, { id: json.id })) > 0) continue;
    const result = await publishDefinition(em, json, app.library, 'sistema', app.clock());
    app.log.info({ program: result.programId, version: result.version }, 'programa publicado al iniciar');
  }
}
