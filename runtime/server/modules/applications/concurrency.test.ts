import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Application, Document } from '../../../db/entities.ts';
import { citizenWithSession } from '../../../../test/helpers/actors.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { DocumentStorage } from './storage.ts';

/**
 * Issue 16: what a citizen's browser does at the same instant (autosave plus a click, two tabs,
 * a double-tapped upload) must never answer 500, leave a half-written draft or two "current"
 * copies of one document. On PostgreSQL (CI) the requests really overlap; on PGlite they queue.
 */
const PROGRAM = 'apoyo-tecnologico';
const definition = JSON.parse(readFileSync(new URL(`../../../../definitions/programs/${PROGRAM}/program.json`, import.meta.url), 'utf8'));
const base = definition.tests.base as { curp: string; at: string; answers: Record<string, any> };
const SAVES = 20;
const PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n';

let t: TestApp;
let storageDir: string;
beforeAll(async () => {
  storageDir = mkdtempSync(join(tmpdir(), 'sipros-concurrency-'));
  t = await startTestApp({ now: base.at, env: { STORAGE_DIR: storageDir } });
}, 60_000);
afterAll(async () => {
  await t?.close();
  rmSync(storageDir, { recursive: true, force: true });
});

const saveDraft = (cookie: string, respuestas: Record<string, unknown>) =>
  t.app.inject({ method: 'PUT', url: `/api/programas/${PROGRAM}/borrador`, headers: { cookie }, payload: { respuestas, paso: 0 } });

/** Twenty different complete answer sets: each differs in several places, so a mix of two would show. */
function versions(): Array<Record<string, unknown>> {
  return Array.from({ length: SAVES }, (_, i) => ({
    ...base.answers,
    estudios: { ...base.answers.estudios, escuela: `Escuela número ${i}` },
    version: i,
    ...(i % 2 === 0 ? { soloPares: 'sí' } : { soloNones: 'sí' }),
  }));
}

/** A small valid PDF whose bytes (and so sha256) differ by `n`; equal `n`, equal file. */
const pdf = (n: number) => Buffer.from(`${PDF}% copia ${n}\n%%EOF\n`);

function upload(applicationId: string, cookie: string, file: Buffer, name: string) {
  const boundary = `----sipros${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="archivo"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: `/api/solicitudes/${applicationId}/documentos/curp`, payload, headers: { origin: 'http://localhost', 'content-type': `multipart/form-data; boundary=${boundary}`, cookie } });
}

const statuses = (responses: Array<{ statusCode: number }>) => responses.map((r) => r.statusCode);

describe('simultaneous saves of one draft', () => {
  it('the very first save, sent 20 times at once, makes one draft and answers each with it', async () => {
    const { citizen, cookie } = await citizenWithSession(t.app);
    const sent = versions();
    const responses = await Promise.all(sent.map((v) => saveDraft(cookie, v)));
    expect(statuses(responses).filter((s) => s >= 500)).toEqual([]);
    // Saves take turns on the draft's row: every one succeeds, none is told to retry.
    expect(statuses(responses)).toEqual(sent.map(() => 200));
    const ids = new Set(responses.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    const drafts = await t.app.db.orm.em.fork().find(Application, { citizen: citizen.id, programId: PROGRAM });
    expect(drafts).toHaveLength(1);
    expect(sent).toContainEqual(drafts[0].answers);
  });

  it('20 saves of an existing draft at once: no 500, the draft ends as one complete version that was sent', async () => {
    const { citizen, cookie } = await citizenWithSession(t.app);
    const first = await saveDraft(cookie, base.answers);
    expect(first.statusCode).toBe(200);
    const sent = versions();
    const responses = await Promise.all(sent.map((v) => saveDraft(cookie, v)));
    expect(statuses(responses).filter((s) => s >= 500)).toEqual([]);
    expect(statuses(responses)).toEqual(sent.map(() => 200));
    for (const r of responses) expect(r.json().id).toBe(first.json().id);
    const em = t.app.db.orm.em.fork();
    const drafts = await em.find(Application, { citizen: citizen.id, programId: PROGRAM });
    expect(drafts).toHaveLength(1);
    // Last write wins, whole: the stored answers are exactly one of the versions sent.
    expect(sent).toContainEqual(drafts[0].answers);
    // And the draft still reads back through the API as that version.
    const read = await t.app.inject({ method: 'GET', url: `/api/programas/${PROGRAM}/borrador`, headers: { cookie } });
    expect(read.json()).toMatchObject({ id: first.json().id, origen: 'borrador', respuestas: drafts[0].answers });
  });
});

describe('simultaneous uploads of one document type', () => {
  it('20 uploads at once leave exactly one current document, every stored file whole and matching its row', async () => {
    const { cookie } = await citizenWithSession(t.app);
    const draftId = (await saveDraft(cookie, base.answers)).json().id as string;
    // Sixteen different files and four copies of one file (same sha256 stored at the same moment).
    const files = Array.from({ length: SAVES }, (_, i) => pdf(i < 16 ? i : 99));
    const responses = await Promise.all(files.map((f, i) => upload(draftId, cookie, f, `curp-${i}.pdf`)));
    expect(statuses(responses).filter((s) => s >= 500)).toEqual([]);
    // Uploads take turns on the application's row lock: each one succeeds and replaces the one before.
    expect(statuses(responses)).toEqual(files.map(() => 201));
    const em = t.app.db.orm.em.fork();
    const current = await em.find(Document, { application: draftId, documentType: 'curp', replacedAt: null });
    expect(current).toHaveLength(1);
    const rows = await em.find(Document, { application: draftId });
    expect(rows).toHaveLength(responses.filter((r) => r.statusCode === 201).length);
    expect(responses.filter((r) => r.statusCode === 201).map((r) => r.json().id)).toContain(current[0].id);
    const storage = new DocumentStorage(storageDir);
    for (const row of rows) {
      const bytes = readFileSync(storage.pathOf(row.sha256));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(row.sha256);
      expect(bytes.length).toBe(row.size);
      expect(files.some((f) => f.equals(bytes))).toBe(true);
    }
    // The citizen sees one current "curp" document.
    const draft = (await t.app.inject({ method: 'GET', url: `/api/programas/${PROGRAM}/borrador`, headers: { cookie } })).json();
    expect(draft.documentos.filter((d: { tipo: string }) => d.tipo === 'curp')).toHaveLength(1);
  });
});

describe('migration 0007: one current document per application and type', () => {
  it('keeps the newest of existing duplicates current, marks the others replaced, then refuses a second current copy', async () => {
    const { cookie } = await citizenWithSession(t.app);
    const draftId = (await saveDraft(cookie, base.answers)).json().id as string;
    const { sql } = t.app.db;
    const migrator = t.app.db.orm.getMigrator();
    // The database as it was before 0007, with the duplicates the old upload could leave.
    await migrator.down({ migrations: ['0007-one-current-document'] });
    const insert = (id: string, type: string, uploadedAt: string, replacedAt: string | null = null) =>
      sql.query(
        `insert into document (id, application_id, document_type, sha256, size, media_type, original_name, uploaded_by, uploaded_at, replaced_at)
         values ($1, $2, $3, 'x', 1, 'application/pdf', 'a.pdf', 'prueba', $4, $5)`,
        [id, draftId, type, uploadedAt, replacedAt],
      );
    const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    await insert(id(1), 'curp', '2026-11-01T10:00:00Z');
    await insert(id(2), 'curp', '2026-11-01T10:00:03Z'); // the newest
    await insert(id(3), 'curp', '2026-11-01T10:00:01Z');
    await insert(id(4), 'curp', '2026-10-01T10:00:00Z', '2026-10-02T10:00:00Z'); // replaced long ago: left alone
    await insert(id(5), 'identificacion-oficial', '2026-11-01T10:00:00Z'); // another type: stays current
    await migrator.up({ migrations: ['0007-one-current-document'] });
    const rows = (await sql.query<{ id: string; replaced_at: Date | null }>('select id, replaced_at from document where application_id = $1 order by id', [draftId])).rows;
    const replaced = Object.fromEntries(rows.map((r) => [r.id, r.replaced_at ? new Date(r.replaced_at).toISOString() : null]));
    expect(replaced).toEqual({
      [id(1)]: '2026-11-01T10:00:03.000Z',
      [id(2)]: null,
      [id(3)]: '2026-11-01T10:00:03.000Z',
      [id(4)]: '2026-10-02T10:00:00.000Z',
      [id(5)]: null,
    });
    // From now on the database itself refuses a second current copy, whatever the code does.
    await expect(insert(id(6), 'curp', '2026-11-01T10:00:04Z')).rejects.toMatchObject({ code: '23505' });
    await sql.query('delete from document where application_id = $1', [draftId]);
  });
});
