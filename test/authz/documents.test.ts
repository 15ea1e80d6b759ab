/**
 * Document downloads (GET /api/solicitudes/:id/documentos/:docId) by every official role × the
 * program's own area or another × a submitted application or a never-submitted draft. An
 * official downloads a citizen's identification only when the application was submitted, its
 * program is in their area (or below it) and they have the personal-data right for that program
 * (runtime/server/modules/officials/personal-data.ts); everything else is a 404, as if it did
 * not exist. The owner always gets their own files.
 */
import { readFileSync } from 'node:fs';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenWithSession, officialWithSession } from '../helpers/actors.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';

const PROGRAM = 'apoyo-emergente-mujeres';
const OWN_AREA = 'direccion-atencion-grupos-prioritarios';
const OTHER_AREA = 'direccion-programas-sociales';
const definition = JSON.parse(readFileSync(new URL(`../../definitions/programs/${PROGRAM}/program.json`, import.meta.url), 'utf8'));
const answers = definition.tests.base.answers as Record<string, unknown>;

const ROLES = ['funcionario', 'revisor', 'dictaminador', 'coordinador', 'entregador', 'atencion-ciudadana', 'administrador', 'planeacion'] as const;
type Role = (typeof ROLES)[number];
/** PROGRAM's workflow names revisor, coordinador and entregador; administración and the service desk see every program's. */
const PERSONAL_DATA: readonly Role[] = ['revisor', 'coordinador', 'entregador', 'atencion-ciudadana', 'administrador'];

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const BOUNDARY = '----siprosdocumentos';
const upload = (url: string, cookie: string): InjectOptions => ({
  method: 'POST',
  url,
  headers: { origin: 'http://localhost', cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  payload: Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="archivo"; filename="identificacion.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
});

let t: TestApp;
const cookies = new Map<string, string>();
const files: Record<'submitted' | 'draft', { url: string; owner: string }> = { submitted: { url: '', owner: '' }, draft: { url: '', owner: '' } };

async function applicationWithDocument(submit: boolean): Promise<{ url: string; owner: string }> {
  const owner = await citizenWithSession(t.app);
  const call = (options: InjectOptions) => t.app.inject({ ...options, headers: { ...(options.headers as Record<string, string>), cookie: owner.cookie } });
  const id = (await call({ method: 'PUT', url: `/api/programas/${PROGRAM}/borrador`, payload: { respuestas: answers } })).json().id as string;
  for (const doc of definition.documents as Array<{ id: string }>) {
    const res = await t.app.inject(upload(`/api/solicitudes/${id}/documentos/${doc.id}`, owner.cookie));
    expect(res.statusCode, res.body).toBe(201);
  }
  if (submit) expect((await call({ method: 'POST', url: `/api/solicitudes/${id}/enviar`, payload: { respuestas: answers } })).statusCode).toBe(201);
  const docs = submit ? (await call({ method: 'GET', url: `/api/solicitudes/${id}` })).json().documentos : (await call({ method: 'GET', url: `/api/programas/${PROGRAM}/borrador` })).json().documentos;
  return { url: `/api/solicitudes/${id}/documentos/${docs[0].id}`, owner: owner.cookie };
}

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ROLES) {
    cookies.set(`${role}@own`, (await officialWithSession(t.app, [role], OWN_AREA)).cookie);
    cookies.set(`${role}@other`, (await officialWithSession(t.app, [role], OTHER_AREA)).cookie);
  }
  files.submitted = await applicationWithDocument(true);
  files.draft = await applicationWithDocument(false);
}, 120_000);
afterAll(() => t?.close());

const download = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('document downloads by role × area × draft/submitted', () => {
  it('the owner downloads their own files, submitted or not (the control: the files are there)', async () => {
    for (const kind of ['submitted', 'draft'] as const) {
      const res = await download(files[kind].url, files[kind].owner);
      expect(res.statusCode, kind).toBe(200);
      expect(res.rawPayload.equals(PDF), kind).toBe(true);
    }
  });

  for (const kind of ['submitted', 'draft'] as const) {
    for (const area of ['own', 'other'] as const) {
      it(`${kind === 'submitted' ? 'submitted application' : 'never-submitted draft'}, officials of ${area === 'own' ? 'the program’s area' : 'another area'}`, async () => {
        const wrong: string[] = [];
        for (const role of ROLES) {
          const allowed = kind === 'submitted' && area === 'own' && PERSONAL_DATA.includes(role);
          const res = await download(files[kind].url, cookies.get(`${role}@${area}`)!);
          const ok = allowed ? res.statusCode === 200 && res.rawPayload.equals(PDF) : res.statusCode === 404 && res.json().error.code === 'APPLICATION_NOT_FOUND';
          if (!ok) wrong.push(`${role}: se esperaba ${allowed ? '200 con el archivo' : '404 APPLICATION_NOT_FOUND'}, respondió ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
        expect(wrong).toEqual([]);
      });
    }
  }
});
