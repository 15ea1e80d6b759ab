/**
 * Issue 15: a brigadista's records, sent from the field app. Each record is judged again by the
 * server, answered once (the same id twice gives the same answer and one application), refused
 * with Spanish reasons, or a conflict when the person already applied or the CURP is someone
 * else's; a failure half-way is finished by the next send.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Application, ApplicationEvent, AuditLog, Citizen, Document, FieldRecord, NotificationOutbox } from '../../../db/entities.ts';
import { citizenWithSession, curpFor, nextAdultCurp, officialWithSession } from '../../../../test/helpers/actors.ts';
import { FIELD_ANSWERS, FIELD_BASE, FIELD_PROGRAM, fieldRecord, multipartOf, personFor, photo, recordParts, REQUIRED_PHOTOS, type Part } from '../../../../test/helpers/campo.ts';
import { multipart } from '../../../../test/helpers/multipart.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';

let t: TestApp;
let brigade: { official: { id: string; usuario: string; nombre: string }; cookie: string };
const em = () => t.app.db.orm.em.fork();

beforeAll(async () => {
  t = await startTestApp({ now: FIELD_BASE.at });
  brigade = await officialWithSession(t.app, ['brigadista']);
}, 60_000);
afterAll(() => t?.close());

function send(parts: Part[], cookie = brigade.cookie, cutAt?: number) {
  const { payload, headers } = multipartOf(parts, cutAt);
  return t.app.inject({ method: 'POST', url: '/api/campo/registros', payload, headers: { ...headers, cookie } });
}
const get = (url: string, cookie = brigade.cookie) => t.app.inject({ method: 'GET', url: `/api${url}`, headers: { cookie } });
const applicationsOf = async (curp: string) => em().find(Application, { citizen: { curp }, folio: { $ne: null } });

describe('the package', () => {
  it('carries the open programs of the area as the portal gets them, with the version the engine loads, and the catalogs asked', async () => {
    const res = await get('/campo/paquete?municipio=22016');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const ids = body.programas.map((p: { detalle: { id: string } }) => p.detalle.id);
    expect(ids).toContain(FIELD_PROGRAM);
    expect(ids).not.toContain('queretaro-fuerte'); // its call closed in 2020
    const contigo = body.programas.find((p: { detalle: { id: string } }) => p.detalle.id === FIELD_PROGRAM);
    expect(contigo.detalle).toEqual((await t.app.inject({ method: 'GET', url: `/api/programas/${FIELD_PROGRAM}` })).json());
    expect(contigo.definicion).toMatchObject({ id: FIELD_PROGRAM, form: { schema: expect.any(Object) } });
    expect(Object.keys(body.catalogos.localidades)).toEqual(['22016']);
    expect(body.catalogos.localidades['22016'].map((l: { clave: string }) => l.clave)).toContain('220160001');
    expect(body.catalogos.municipios).toHaveLength(18);
    expect(body.consentimiento.texto).toMatch(/Aceptas/);
    expect(body.brigadista).toMatchObject({ id: brigade.official.id });
    // Downloaded over bad networks: it travels gzipped.
    const gzipped = await t.app.inject({ method: 'GET', url: '/api/campo/paquete?municipio=22016', headers: { cookie: brigade.cookie, 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    // Seven programs and a municipio of 180,000 people: about 84 KB (570 KB before gzip) when measured.
    expect(gzipped.rawPayload.length).toBeLessThan(150 * 1024);
  });
});

describe('a record sent from the field', () => {
  const curp = nextAdultCurp();
  const record = fieldRecord(personFor(curp));
  let first: { folio: string; solicitud: string };

  it('is accepted with a folio; the person gets an account and the history says who, where, when and offline', async () => {
    const res = await send(recordParts(record));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ idCliente: record.idCliente, resultado: 'aceptado', folio: expect.stringMatching(/^12\/11\/2026-/), solicitud: expect.any(String), motivos: [], recibidoEn: expect.any(String) });
    first = res.json();
    const citizen = await em().findOneOrFail(Citizen, { curp });
    expect(citizen).toMatchObject({ telefonoVerificado: true, registradoPor: brigade.official.id, nombres: 'Laura' });
    expect(await em().count(AuditLog, { action: 'cuenta.registro_campo', entityId: citizen.id })).toBe(1);
    const event = await em().findOneOrFail(ApplicationEvent, { application: first.solicitud });
    expect(event).toMatchObject({ event: 'ENVIAR', actorType: 'funcionario', actorId: brigade.official.id, actorRole: 'brigadista', onBehalf: true });
    expect(event.comment).toContain('capturada en campo');
    expect(event.comment).toContain(brigade.official.usuario);
    expect(event.comment).toContain('20.38871, -99.99634 (± 12 m)');
    expect(event.comment).toContain('en San Juan del Rio, San Juan del Río; punto');
    expect(event.comment).toContain('12 de noviembre de 2026');
    expect(event.comment).toContain('sin conexión');
    // Officials reading the application see where it was captured, not «en ventanilla».
    const reviewer = await officialWithSession(t.app, ['administrador']);
    const detail = await t.app.inject({ method: 'GET', url: `/api/funcionario/solicitudes/${first.solicitud}`, headers: { cookie: reviewer.cookie } });
    expect(detail.json().historial[0]).toMatchObject({ evento: 'ENVIAR', enVentanilla: true, capturadaEn: 'campo' });
    const docs = await em().find(Document, { application: first.solicitud, replacedAt: null });
    expect(docs.map((d) => [d.documentType, d.mediaType, d.uploadedBy]).sort()).toEqual(REQUIRED_PHOTOS.map((tipo) => [tipo, 'image/jpeg', `funcionario:${brigade.official.id}`]).sort());
    const row = await em().findOneOrFail(FieldRecord, record.idCliente);
    expect(row).toMatchObject({ resultado: 'aceptado', applicationId: first.solicitud, citizenId: citizen.id, lat: 20.38871, localidad: '220160001', municipio: '22016', brigadistaId: brigade.official.id });
    await t.app.jobs.idle();
    expect((await em().find(NotificationOutbox, { citizenId: citizen.id })).map((m) => m.body)).toEqual(expect.arrayContaining([expect.stringContaining('se creó tu cuenta con una brigada'), expect.stringContaining(first.folio)]));
  });

  it('sent again gives the same answer (200) and no second application; GET tells its fate; another brigadista cannot see it', async () => {
    const again = await send(recordParts(record));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first);
    expect(await applicationsOf(curp)).toHaveLength(1);
    expect((await get(`/campo/registros/${record.idCliente}`)).json()).toEqual(first);
    const other = await officialWithSession(t.app, ['brigadista']);
    expect((await get(`/campo/registros/${record.idCliente}`, other.cookie)).json().error.code).toBe('FIELD_RECORD_NOT_FOUND');
    expect((await send(recordParts(record), other.cookie)).json().error.code).toBe('FIELD_RECORD_TAKEN');
    expect((await get('/campo/registros/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/campo/registros/no-es-un-id')).json().error.code).toBe('FIELD_RECORD_NOT_FOUND');
  });

  it('sent three times at the same instant makes one application and one answer', async () => {
    const person = fieldRecord(personFor(nextAdultCurp(), { nombres: 'Marisol', primerApellido: 'Trejo' }));
    const answers = await Promise.all([1, 2, 3].map(() => send(recordParts(person))));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers[0].json().resultado).toBe('aceptado');
    expect(await applicationsOf(person.persona.curp)).toHaveLength(1);
    expect(await em().count(Citizen, { curp: person.persona.curp })).toBe(1);
  });
});

describe('refused records', () => {
  it('a man in a program for women, with a form error and a missing photo: Spanish reasons with codes, nothing made, stored', async () => {
    const man = curpFor('GARM', '890722', 'H');
    const answers = { ...FIELD_ANSWERS, contigo: { ...FIELD_ANSWERS.contigo, ocupacion: 'astronauta' } };
    const record = fieldRecord(personFor(man, { nombres: 'Mario', primerApellido: 'García' }), { respuestas: answers });
    const res = await send(recordParts(record, { curp: photo() }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ resultado: 'rechazado', folio: null, solicitud: null });
    const motivos = res.json().motivos as Array<{ codigo: string; mensaje: string; campo: string | null }>;
    expect(motivos.every((m) => m.codigo === 'FORM_INVALID')).toBe(true);
    expect(motivos.map((m) => m.campo)).toContain('respuestas.contigo.ocupacion');
    expect(await em().count(Citizen, { curp: man })).toBe(0);

    // The form fixed: now eligibility speaks (the CURP says he is a man), then the photos.
    const fixed = fieldRecord(record.persona, {});
    const refused = (await send(recordParts(fixed, { curp: photo() }))).json();
    expect(refused.resultado).toBe('rechazado');
    expect(refused.motivos.map((m: { codigo: string }) => m.codigo)).toEqual(expect.arrayContaining(['NOT_ELIGIBLE']));
    expect(refused.motivos.find((m: { codigo: string }) => m.codigo === 'NOT_ELIGIBLE').mensaje).toMatch(/mujer/i);
    const woman = fieldRecord(personFor(nextAdultCurp()));
    const noPhoto = (await send(recordParts(woman, { curp: photo() }))).json();
    expect(noPhoto).toMatchObject({
      resultado: 'rechazado',
      motivos: [
        { codigo: 'DOCUMENTS_MISSING', mensaje: 'Falta la foto de «Identificación oficial».', campo: 'documento:identificacion-oficial' },
        { codigo: 'DOCUMENTS_MISSING', mensaje: 'Falta la foto de «Comprobante de domicilio».', campo: 'documento:comprobante-domicilio' },
      ],
    });
    expect(await em().count(Citizen, { curp: woman.persona.curp })).toBe(0);
    // Final answers: the same id again gets the same refusal.
    expect((await send(recordParts(woman))).json()).toEqual(noPhoto);
    expect((await get(`/campo/registros/${woman.idCliente}`)).json()).toEqual(noPhoto);
  });

  it('a CURP that is not valid or does not match the birth date', async () => {
    const curp = nextAdultCurp();
    const broken = `${curp.slice(0, 17)}${(Number(curp[17]) + 1) % 10}`;
    const invalid = (await send(recordParts(fieldRecord(personFor(broken))))).json();
    expect(invalid).toMatchObject({ resultado: 'rechazado', motivos: [expect.objectContaining({ codigo: 'CURP_INVALID', campo: 'persona.curp' })] });
    const mismatch = (await send(recordParts(fieldRecord({ ...personFor(curp), fechaNacimiento: '1990-01-01' })))).json();
    expect(mismatch).toMatchObject({ resultado: 'rechazado', motivos: [{ codigo: 'CURP_MISMATCH', mensaje: expect.stringMatching(/fecha de nacimiento/), campo: 'persona.fechaNacimiento' }] });
  });
});

describe('conflicts', () => {
  it('the person already applied online: conflicto with that folio and application', async () => {
    const { citizen, cookie } = await citizenWithSession(t.app, { nombres: 'LAURA', primerApellido: 'PEREZ', segundoApellido: 'GOMEZ' });
    const draft = await t.app.inject({ method: 'PUT', url: `/api/programas/${FIELD_PROGRAM}/borrador`, headers: { cookie, origin: 'http://localhost' }, payload: { respuestas: FIELD_ANSWERS } });
    const id = draft.json().id as string;
    for (const tipo of REQUIRED_PHOTOS) {
      const { payload, headers } = multipart(`${tipo}.jpg`, photo(), 'image/jpeg');
      expect((await t.app.inject({ method: 'POST', url: `/api/solicitudes/${id}/documentos/${tipo}`, payload, headers: { ...headers, cookie } })).statusCode).toBe(201);
    }
    const online = await t.app.inject({ method: 'POST', url: `/api/solicitudes/${id}/enviar`, headers: { cookie, origin: 'http://localhost' }, payload: { respuestas: FIELD_ANSWERS } });
    expect(online.statusCode, online.body).toBe(201);
    // The brigade writes her name with accents and capitals: the same person.
    const res = await send(recordParts(fieldRecord(personFor(citizen.curp, { nombres: 'Laura', primerApellido: 'Pérez', segundoApellido: 'Gómez' }))));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ resultado: 'conflicto', folio: online.json().folio, solicitud: id, motivos: [{ codigo: 'ALREADY_APPLIED', mensaje: expect.stringContaining(online.json().folio) }] });
    expect(await applicationsOf(citizen.curp)).toHaveLength(1);
  });

  it('the CURP has an account in another person’s name: conflicto, no application, the account untouched', async () => {
    const { citizen } = await citizenWithSession(t.app, { nombres: 'LAURA', primerApellido: 'PEREZ', segundoApellido: 'GOMEZ' });
    const res = await send(recordParts(fieldRecord(personFor(citizen.curp, { nombres: 'Josefina', primerApellido: 'Ramírez', segundoApellido: 'Olvera' }))));
    expect(res.json()).toMatchObject({ resultado: 'conflicto', folio: null, solicitud: null, motivos: [{ codigo: 'IDENTITY_MISMATCH', campo: 'persona.curp', mensaje: expect.stringMatching(/no coinciden el nombre, el primer apellido y el segundo apellido/) }] });
    expect(await em().count(Application, { citizen: citizen.id })).toBe(0);
    // A nickname and a missing second surname are still her.
    const lupita = await citizenWithSession(t.app, { nombres: 'MARIA GUADALUPE', primerApellido: 'HERNANDEZ', segundoApellido: 'RAMIREZ' });
    const same = await send(recordParts(fieldRecord(personFor(lupita.citizen.curp, { nombres: 'Ma. Guadalupe', primerApellido: 'Hernández', segundoApellido: null }))));
    expect(same.json().resultado, same.body).toBe('aceptado');
  });
});

describe('problems with the request itself: 4xx with a code, nothing stored, the same id may be sent again', () => {
  it('refuses a missing, unreadable or malformed «registro», parts out of order, and wrong or oversized photos', async () => {
    const record = fieldRecord(personFor(nextAdultCurp()));
    const photos = recordParts(record).slice(1);
    expect((await send(photos)).json().error.code).toBe('FIELD_RECORD_MISSING');
    expect((await send([{ name: 'registro', content: '{"idCliente": ' }])).json().error.code).toBe('FIELD_RECORD_UNREADABLE');
    const malformed = await send([{ name: 'registro', content: JSON.stringify({ ...record, persona: { ...record.persona, telefono: '442' } }) }]);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toMatchObject({ code: 'FIELD_RECORD_INVALID', details: { fields: [{ path: 'registro.persona.telefono', message: expect.stringContaining('10 dígitos') }] } });
    const noConsent = await send([{ name: 'registro', content: JSON.stringify({ ...record, consentimiento: { ...record.consentimiento, aceptado: false } }) }]);
    expect(noConsent.json().error.details.fields[0].message).toMatch(/aviso de privacidad/);
    expect((await send([...photos, { name: 'registro', content: JSON.stringify(record) }])).json().error.code).toBe('FIELD_RECORD_MISSING');
    const gif = await send([{ name: 'registro', content: JSON.stringify(record) }, { name: 'documento:curp', content: Buffer.from('GIF89a' + 'x'.repeat(100)), filename: 'curp.gif', type: 'image/gif' }]);
    expect([gif.statusCode, gif.json().error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    const big = await send([{ name: 'registro', content: JSON.stringify(record) }, { name: 'documento:curp', content: photo(2 * 1024 * 1024 + 10), filename: 'curp.jpg' }]);
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'FILE_TOO_LARGE']);
    expect((await send([{ name: 'registro', content: JSON.stringify(record) }, { name: 'documento:pasaporte', content: photo(), filename: 'p.jpg' }])).json().error.code).toBe('DOCUMENT_TYPE_UNKNOWN');
    const cut = await send(recordParts(record), brigade.cookie, 3000);
    expect([cut.statusCode, cut.json().error.code]).toEqual([400, 'MULTIPART_INVALID']);
    expect(await em().count(FieldRecord, { idCliente: record.idCliente })).toBe(0);
    expect(await em().count(Citizen, { curp: record.persona.curp })).toBe(0);
    // Fixed, the same id goes through.
    expect((await send(recordParts(record))).json().resultado).toBe('aceptado');
  });
});

describe('a failure half-way', () => {
  /** Makes the next `n` statements writing `table` (on `when`) fail, as a database that drops mid-work would. */
  async function failNext(table: string, when: string, n = 1) {
    const sql = t.app.db.sql;
    await sql.query(`create sequence if not exists falla_${table}`);
    await sql.query(`select setval('falla_${table}', 1, false)`);
    await sql.query(`create or replace function falla_${table}() returns trigger language plpgsql as $$
      begin if nextval('falla_${table}') <= ${n} then raise exception 'falla simulada'; end if; return new; end $$`);
    await sql.query(`drop trigger if exists falla_${table} on ${table}`);
    await sql.query(`create trigger falla_${table} before ${when} on ${table} for each row execute function falla_${table}()`);
  }
  const heal = (table: string) => t.app.db.sql.query(`drop trigger if exists falla_${table} on ${table}`);

  it('after the account, the draft and the photos, before the folio: the resend ends in one application', async () => {
    const record = fieldRecord(personFor(nextAdultCurp(), { nombres: 'Adela' }));
    await failNext('application_event', 'insert');
    const broken = await send(recordParts(record));
    await heal('application_event');
    expect(broken.statusCode).toBe(500);
    expect(await em().count(Citizen, { curp: record.persona.curp })).toBe(1);
    expect(await applicationsOf(record.persona.curp)).toHaveLength(0);
    expect((await get(`/campo/registros/${record.idCliente}`)).json().error.code).toBe('FIELD_RECORD_BUSY');
    const again = await send(recordParts(record));
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().resultado).toBe('aceptado');
    expect(await applicationsOf(record.persona.curp)).toHaveLength(1);
    expect(await em().count(Application, { citizen: { curp: record.persona.curp } })).toBe(1);
  });

  it('after the folio, before the answer is stored: the resend answers that application', async () => {
    const record = fieldRecord(personFor(nextAdultCurp(), { nombres: 'Berta' }));
    await failNext('field_record', 'update of resultado');
    const broken = await send(recordParts(record));
    await heal('field_record');
    expect(broken.statusCode).toBe(500);
    const [made] = await applicationsOf(record.persona.curp);
    expect(made.folio).toBeTruthy();
    const again = await send(recordParts(record));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ resultado: 'aceptado', folio: made.folio, solicitud: made.id });
    expect(await applicationsOf(record.persona.curp)).toHaveLength(1);
  });
});
