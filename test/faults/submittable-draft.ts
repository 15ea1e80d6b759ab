/**
 * A program open today and a citizen (phone verified, logged in) with a complete draft and its
 * documents, written into a scratch database before the real server starts on it, so a fault
 * test can submit with one request. Prepared through an in-process app on the same database
 * (PGlite allows one process at a time: it is closed before the server starts).
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { buildApp } from '../../runtime/server/app.ts';
import { loadConfig } from '../../runtime/server/config.ts';
import { InProcessQueue } from '../../runtime/jobs/queue.ts';
import { publishDefinition } from '../../runtime/server/modules/programs/publish.service.ts';
import { citizenWithSession } from '../helpers/actors.ts';
import type { ScratchDatabase } from './server-process.ts';

export const PROGRAM = 'apoyo-emergente-mujeres';
const DAY = 24 * 3600_000;

export interface SubmittableDraft {
  applicationId: string;
  cookie: string;
  answers: Record<string, unknown>;
  /** An SMS left pending in the outbox (as by a crash before its job was enqueued): start-up resumes it. */
  leftoverSmsId: string;
}

/** The program's definition with its call open from a month ago to a month from now (the tests run on the real clock). */
function openToday(): Record<string, any> {
  const definition = JSON.parse(readFileSync(new URL(`../../definitions/programs/${PROGRAM}/program.json`, import.meta.url), 'utf8'));
  definition.convocatoria.opensAt = new Date(Date.now() - 30 * DAY).toISOString();
  definition.convocatoria.closesAt = new Date(Date.now() + 30 * DAY).toISOString();
  // Its test table pins the original opening and closing instants; those cases no longer apply.
  definition.tests.cases = definition.tests.cases.filter((c: { expect: object }) => !('callOpen' in c.expect));
  return definition;
}

/** Publishes the program (open today) and writes the citizen, the draft and its documents through `app`. */
export async function createSubmittableDraft(app: FastifyInstance): Promise<SubmittableDraft> {
  const definition = openToday();
  await publishDefinition(app.db.orm.em.fork(), definition, app.library, 'prueba-fallas', app.clock());
  const { citizen, cookie } = await citizenWithSession(app);
  const applicationId = randomUUID();
  const answers = structuredClone(definition.tests.base.answers) as Record<string, unknown>;
  const { sql } = app.db;
  const version = (await sql.query<{ current_version: number }>('select current_version from program where id = $1', [PROGRAM])).rows[0].current_version;
  await sql.query(
    `insert into application (id, citizen_id, program_id, program_version, status, answers, created_at, updated_at) values ($1, $2, $3, $4, 'Borrador', $5::jsonb, $6, $6)`,
    [applicationId, citizen.id, PROGRAM, version, JSON.stringify(answers), app.clock()],
  );
  await sql.query(
    `insert into document (id, application_id, document_type, sha256, size, media_type, original_name, uploaded_by, uploaded_at)
     select gen_random_uuid(), $1, d, repeat('0', 64), 1000, 'application/pdf', d || '.pdf', 'prueba', $3 from unnest($2::text[]) as t(d)`,
    [applicationId, (definition.documents as Array<{ id: string }>).map((d) => d.id), app.clock()],
  );
  const em = app.db.orm.em.fork();
  const leftoverSmsId = app.sms.record(em, { phone: citizen.telefono, body: 'SIPROS: mensaje pendiente de una prueba de fallas.', dedupeKey: `prueba-fallas:${applicationId}`, citizenId: citizen.id });
  await em.flush();
  return { applicationId, cookie, answers, leftoverSmsId };
}

/** The same, written into a scratch database before a server process starts on it. */
export async function prepareSubmittableDraft(database: ScratchDatabase): Promise<SubmittableDraft> {
  const config = loadConfig({ NODE_ENV: 'test', SIPROS_SEED_PROGRAMS: 'false', ...database.env });
  const app = await buildApp({ config, jobs: new InProcessQueue() });
  try {
    return await createSubmittableDraft(app);
  } finally {
    await app.close();
  }
}
