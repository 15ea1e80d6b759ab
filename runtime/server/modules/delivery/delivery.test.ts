import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Application, ApplicationEvent, AuditLog, Beneficio, Delivery, Document, NotificationOutbox, Official } from '../../../db/entities.ts';
import { citizenWithSession, officialWithSession } from '../../../../test/helpers/actors.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { publishDefinition } from '../programs/index.ts';
import { CODE_ALPHABET, CODE_LENGTH, formatDeliveryCode, newDeliveryCode, newDeliveryTokenId, readDeliveryInput, signDeliveryToken, verifyDeliveryToken } from '../applications/delivery-token.ts';
import { WRONG_CODES_PER_OFFICIAL } from './delivery.routes.ts';

/** Approval straight from review (APROBAR guarded by cupoDisponible, then ENTREGAR by «entregador»). */
const PROGRAM = 'apoyo-emergente-mujeres';
/** Used with lowered quotas for the quota tests, so the delivery tests keep their own counts. */
const QUOTA_PROGRAM = 'cuidado-infantil';
const definitions: Record<string, any> = Object.fromEntries(
  [PROGRAM, QUOTA_PROGRAM].map((id) => [id, JSON.parse(readFileSync(new URL(`../../../../definitions/programs/${id}/program.json`, import.meta.url), 'utf8'))]),
);
const TOKEN = /^SIPROS1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(() => t?.close());

const api = (method: string, url: string, cookie: string, body?: unknown) =>
  t.app.inject({ method: method as any, url: `/api${url}`, headers: { cookie }, ...(body === undefined ? {} : { payload: body as any }) });
const em = () => t.app.db.orm.em.fork();
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A citizen's application, submitted through the API (documents recorded directly: their upload has its own tests). */
async function submitted(program = PROGRAM, municipio?: string) {
  const { citizen, cookie } = await citizenWithSession(t.app);
  const answers = structuredClone(definitions[program].tests.base.answers);
  if (municipio) answers.domicilio.municipio = municipio;
  // As the postal-code control fills them (a localidad outside the municipio written is not carried into the padrón).
  Object.assign(answers.domicilio, { cve_localidad: '220140001', cve_asentamiento: '220140771' });
  const draft = await api('PUT', `/programas/${program}/borrador`, cookie, { respuestas: answers });
  expect(draft.statusCode).toBe(200);
  const id = draft.json().id as string;
  const docs = em();
  for (const doc of definitions[program].documents as Array<{ id: string }>) {
    docs.create(Document, { id: randomUUID(), application: id, documentType: doc.id, sha256: '0'.repeat(64), size: 1000, mediaType: 'application/pdf', originalName: `${doc.id}.pdf`, uploadedBy: `ciudadano:${citizen.id}`, uploadedAt: t.app.clock() });
  }
  await docs.flush();
  const sent = await api('POST', `/solicitudes/${id}/enviar`, cookie, { respuestas: answers });
  expect(sent.statusCode, sent.body).toBe(201);
  return { id, folio: sent.json().folio as string, cookie, citizen };
}

/** An official of the programs' own area (unless another is given), with a name to tell who did what. */
async function official(roles: string[], nombre: string, area = definitions[PROGRAM].area as string) {
  const o = await officialWithSession(t.app, roles, area);
  await em().nativeUpdate(Official, { id: o.official.id }, { nombre });
  return { ...o, nombre };
}

const sendEvent = (id: string, cookie: string, evento: string, comentario?: string) => api('POST', `/funcionario/solicitudes/${id}/eventos`, cookie, { evento, ...(comentario ? { comentario } : {}) });

/** An approved application and the token its citizen sees. */
async function approved(program = PROGRAM) {
  const application = await submitted(program);
  const reviewer = await official(['revisor'], 'Revisora Ana Ruiz');
  const res = await sendEvent(application.id, reviewer.cookie, 'APROBAR');
  expect(res.statusCode, res.body).toBe(200);
  const qr = await api('GET', `/solicitudes/${application.id}/entrega`, application.cookie);
  expect(qr.statusCode, qr.body).toBe(200);
  return { ...application, token: qr.json().token as string, codigo: qr.json().codigo as string };
}

// --- Minimal readers that turn the QR images back into text, so the tests prove what a phone would scan.

/** Decodes the 8-bit RGBA, non-interlaced PNGs the qrcode package writes. */
function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8ClampedArray } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9], data[12]]).toEqual([8, 6, 0]); // bit depth, RGBA, not interlaced
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const out = new Uint8ClampedArray(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const a = x >= 4 ? out[y * stride + x - 4] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4] : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = [0, a, b, (a + b) >> 1, filter === 4 ? paeth() : 0][filter];
      out[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, rgba: out };
}

/** Rasterises the qrcode package's SVG (one path of horizontal strokes, one unit per module). */
function rasteriseSvg(svg: string): { width: number; height: number; rgba: Uint8ClampedArray } {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? '';
  const scale = 8;
  const width = size * scale;
  const rgba = new Uint8ClampedArray(width * width * 4).fill(255);
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of d.matchAll(/([MmHh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (cmd === 'M') [x, y] = [Number(a), Number(b)];
    else if (cmd === 'm') [x, y] = [x + Number(a), y + Number(b)];
    else {
      const to = cmd === 'h' ? x + Number(a) : Number(a);
      const row = Math.floor(y);
      for (let px = Math.round(x * scale); px < Math.round(to * scale); px++) {
        for (let py = row * scale; py < (row + 1) * scale; py++) rgba.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3);
      }
      x = to;
    }
  }
  return { width, height: width, rgba };
}

describe('delivery tokens', () => {
  it('are signed with the server secret and refused when any part is changed', () => {
    const id = newDeliveryTokenId();
    const token = signDeliveryToken('secreto-a', id);
    expect(token).toMatch(TOKEN);
    expect(verifyDeliveryToken('secreto-a', token)).toBe(id);
    expect(verifyDeliveryToken('secreto-a', ` ${token}\n`)).toBe(id); // typed or pasted with spaces
    expect(verifyDeliveryToken('secreto-b', token)).toBeNull();
    const [prefix, tokenId, mac] = token.split('.');
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    expect(verifyDeliveryToken('secreto-a', `${prefix}.${flip(tokenId, 3)}.${mac}`)).toBeNull();
    expect(verifyDeliveryToken('secreto-a', `${prefix}.${tokenId}.${flip(mac, 10)}`)).toBeNull();
    expect(verifyDeliveryToken('secreto-a', `SIPROS2.${tokenId}.${mac}`)).toBeNull();
    expect(verifyDeliveryToken('secreto-a', `${token}.extra`)).toBeNull();
    expect(verifyDeliveryToken('secreto-a', 'hola')).toBeNull();
  });
});

describe('the citizen’s delivery QR', () => {
  it('does not exist before approval, and appears with the approval (one token, issued once)', async () => {
    const application = await submitted();
    const before = await api('GET', `/solicitudes/${application.id}/entrega`, application.cookie);
    expect(before.statusCode).toBe(404);
    expect(before.json().error.message).toMatch(/todavía no tiene código QR/);
    expect((await api('GET', `/solicitudes/${application.id}/entrega/qr.png`, application.cookie)).statusCode).toBe(404);
    expect((await em().findOneOrFail(Application, application.id)).deliveryTokenId).toBeNull();

    // Two reviewers approving at once: one transition, one token.
    const [a, b] = await Promise.all([official(['revisor'], 'Revisor Uno'), official(['revisor'], 'Revisor Dos')]);
    const results = await Promise.all([sendEvent(application.id, a.cookie, 'APROBAR'), sendEvent(application.id, b.cookie, 'APROBAR')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('WORKFLOW_REFUSED');
    expect(await em().count(ApplicationEvent, { application: application.id, event: 'APROBAR' })).toBe(1);

    const res = await api('GET', `/solicitudes/${application.id}/entrega`, application.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.json()).toEqual({ token: expect.stringMatching(TOKEN), codigo: expect.stringMatching(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/), folio: application.folio, estado: 'Aprobada', entregada: null });
    const row = await em().findOneOrFail(Application, application.id);
    expect(row.deliveryTokenId).toHaveLength(22);
    expect(verifyDeliveryToken(t.app.config.secret, res.json().token)).toBe(row.deliveryTokenId);
  });

  it('serves the QR as SVG and PNG that read back as the token, never cached', async () => {
    const { id, cookie, token } = await approved();
    const svg = await api('GET', `/solicitudes/${id}/entrega/qr.svg`, cookie);
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(svg.headers['cache-control']).toBe('private, no-store');
    expect(svg.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"[^>]*>.*<\/svg>\s*$/s);
    const fromSvg = rasteriseSvg(svg.body);
    expect(jsQR(fromSvg.rgba, fromSvg.width, fromSvg.height)?.data).toBe(token);

    const png = await api('GET', `/solicitudes/${id}/entrega/qr.png`, cookie);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['cache-control']).toBe('private, no-store');
    const image = decodePng(png.rawPayload);
    expect(image.width).toBeGreaterThanOrEqual(200);
    expect(jsQR(image.rgba, image.width, image.height)?.data).toBe(token);
  });

  it('is shown only to its owner', async () => {
    const { id } = await approved();
    const other = await citizenWithSession(t.app);
    for (const path of ['', '/qr.svg', '/qr.png']) {
      const res = await api('GET', `/solicitudes/${id}/entrega${path}`, other.cookie);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('APPLICATION_NOT_FOUND');
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/solicitudes/${id}/entrega` })).statusCode).toBe(401);
    const deliverer = await official(['entregador'], 'Entregador');
    expect((await api('GET', `/solicitudes/${id}/entrega`, deliverer.cookie)).statusCode).toBe(401);
    expect((await api('GET', '/solicitudes/no-es-un-id/entrega', other.cookie)).statusCode).toBe(404);
  });
});

describe('short delivery codes', () => {
  it('are ten characters without look-alikes, and their check character catches one wrong or two swapped characters', () => {
    const codes = Array.from({ length: 200 }, newDeliveryCode);
    expect(new Set(codes).size).toBe(200);
    for (const code of codes) {
      expect(code).toHaveLength(CODE_LENGTH);
      expect(code).not.toMatch(/[01OIL]/);
      expect(readDeliveryInput(code)).toEqual({ kind: 'code', code });
    }
    const code = codes[0];
    for (let i = 0; i < CODE_LENGTH; i++) {
      for (const other of CODE_ALPHABET) {
        if (other === code[i]) continue;
        expect(readDeliveryInput(code.slice(0, i) + other + code.slice(i + 1)).kind, `${i} → ${other}`).toBe('mistyped');
      }
      if (i + 1 < CODE_LENGTH && code[i] !== code[i + 1]) {
        expect(readDeliveryInput(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2)).kind, `swap ${i}`).toBe('mistyped');
      }
    }
  });

  it('read as typed at a counter: lower case, spaces and dashes do not matter; anything else is not a code', () => {
    const code = newDeliveryCode();
    expect(formatDeliveryCode(code)).toBe(`${code.slice(0, 5)}-${code.slice(5)}`);
    expect(readDeliveryInput(` ${formatDeliveryCode(code).toLowerCase().replace('-', ' - ')} `)).toEqual({ kind: 'code', code });
    for (const bad of ['', 'hola', code.slice(0, 9), `${code}2`, code.replace(/./, 'O'), 'https://ejemplo.mx/qr']) expect(readDeliveryInput(bad).kind, bad).toBe('malformed');
    expect(readDeliveryInput('SIPROS1.abc.def')).toEqual({ kind: 'qr', token: 'SIPROS1.abc.def' });
  });

  it('redeem like the QR: the citizen sees the code, the official types it, sees what to hand over and delivers once', async () => {
    const { id, folio, codigo } = await approved();
    expect(codigo).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    const deliverer = await official(['entregador'], 'Ramón Olvera');
    const typed = codigo.toLowerCase().replace('-', ' ');
    const preview = await api('POST', '/funcionario/entregas/verificar', deliverer.cookie, { token: typed });
    expect(preview.statusCode, preview.body).toBe(200);
    const support = definitions[PROGRAM].supportTypes[0];
    expect(preview.json()).toMatchObject({ id, folio, estado: 'Aprobada', apoyo: { tipo: support.name, detalle: expect.stringContaining(support.amount.toLocaleString('es-MX')) }, entregada: null });
    const delivered = await api('POST', '/funcionario/entregas', deliverer.cookie, { token: typed });
    expect(delivered.statusCode, delivered.body).toBe(201);
    expect(delivered.json()).toMatchObject({ folio, estado: 'Entregado', apoyo: { tipo: support.name } });
    const again = await api('POST', '/funcionario/entregas', deliverer.cookie, { token: codigo });
    expect(again.json().error).toMatchObject({ code: 'ALREADY_DELIVERED', details: { funcionario: 'Ramón Olvera' } });
    expect(await em().count(Delivery, { applicationId: id })).toBe(1);
  });

  it('tell a mistyped code from one that is no code, without a look-up, in Spanish', async () => {
    const { codigo } = await approved();
    const deliverer = await official(['entregador'], 'Entregador');
    const raw = codigo.replace('-', '');
    const wrong = raw.slice(0, 3) + (raw[3] === '2' ? '3' : '2') + raw.slice(4);
    const mistyped = await api('POST', '/funcionario/entregas/verificar', deliverer.cookie, { token: wrong });
    expect(mistyped.statusCode).toBe(422);
    expect(mistyped.json().error).toMatchObject({ code: 'DELIVERY_CODE_MISTYPED', message: expect.stringMatching(/^Revisa el código: algún carácter no coincide/) });
    const notACode = await api('POST', '/funcionario/entregas/verificar', deliverer.cookie, { token: 'https://ejemplo.mx/qr' });
    expect(notACode.statusCode).toBe(400);
    expect(notACode.json().error).toMatchObject({ code: 'DELIVERY_CODE_INVALID', message: expect.stringMatching(/10 caracteres/) });
  });

  it('stop an official after too many wrong codes (even the right one then waits); others go on', async () => {
    const { codigo } = await approved();
    const guesser = await official(['entregador'], 'Adivina');
    const from = { remoteAddress: '10.0.0.77' };
    const guess = (cookie: string, token: string, address = from) =>
      t.app.inject({ method: 'POST', url: '/api/funcionario/entregas/verificar', headers: { cookie }, payload: { token }, ...address });
    for (let i = 0; i < WRONG_CODES_PER_OFFICIAL.max; i++) {
      const res = await guess(guesser.cookie, newDeliveryCode());
      expect(res.json().error.code, `intento ${i + 1}`).toBe('APPLICATION_NOT_FOUND');
    }
    const stopped = await guess(guesser.cookie, codigo);
    expect(stopped.statusCode).toBe(429);
    expect(stopped.json().error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/^Demasiados intentos; espera/) });
    const colleague = await official(['entregador'], 'Colega');
    expect((await guess(colleague.cookie, codigo, { remoteAddress: '10.0.0.78' })).statusCode).toBe(200);
  });
});

describe('Entregar Solicitud', () => {
  it('previews the application before confirming; names only for roles that see personal data', async () => {
    const { id, folio, token } = await approved();
    const deliverer = await official(['entregador'], 'Ramón Olvera');
    const res = await api('POST', '/funcionario/entregas/verificar', deliverer.cookie, { token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id, folio, programaNombre: definitions[PROGRAM].name, apoyo: { tipo: expect.any(String), detalle: expect.any(String) }, nombre: 'LAURA PEREZ GOMEZ', estado: 'Aprobada', entregada: null });
    const plain = await official(['funcionario'], 'Consulta');
    expect((await api('POST', '/funcionario/entregas/verificar', plain.cookie, { token })).json()).toMatchObject({ id, nombre: '' });
    expect(await em().count(Delivery, { applicationId: id })).toBe(0); // a preview records nothing
  });

  it('refuses tampered or made-up tokens before looking anything up', async () => {
    const { id, token } = await approved();
    const deliverer = await official(['entregador'], 'Entregador');
    const [prefix, tokenId, mac] = token.split('.');
    const forged = [
      `${prefix}.${tokenId}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      // Same decoded bytes, different text: a spare bit of the last character flipped.
      `${prefix}.${tokenId}.${mac.slice(0, -1)}${B64URL[B64URL.indexOf(mac[42]) ^ 1]}`,
      `${prefix}.${newDeliveryTokenId()}.${mac}`,
      signDeliveryToken('otro-secreto', tokenId),
      'SIPROS1..',
    ];
    for (const bad of forged) {
      const fresh = await official(['entregador'], 'Entregador');
      for (const url of ['/funcionario/entregas/verificar', '/funcionario/entregas']) {
        const res = await api('POST', url, fresh.cookie, { token: bad });
        expect(res.statusCode, `${url} ${bad}`).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'DELIVERY_TOKEN_INVALID', message: expect.stringMatching(/código QR no es válido/) });
      }
    }
    // Correctly signed, but issued to no application (e.g. another installation with the same secret).
    const stray = await api('POST', '/funcionario/entregas', deliverer.cookie, { token: signDeliveryToken(t.app.config.secret, newDeliveryTokenId()) });
    expect(stray.json().error.code).toBe('APPLICATION_NOT_FOUND');
    expect((await api('POST', '/funcionario/entregas', deliverer.cookie, {})).json().error.code).toBe('VALIDATION_FAILED');
    expect((await em().findOneOrFail(Application, id)).status).toBe('Aprobada');
  });

  it('keeps other areas out (404, the QR reveals nothing) and needs the workflow’s delivery role (403)', async () => {
    const { id, token } = await approved();
    const elsewhere = await official(['entregador'], 'De otra área', 'otra-area');
    for (const url of ['/funcionario/entregas/verificar', '/funcionario/entregas']) {
      const res = await api('POST', url, elsewhere.cookie, { token });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('APPLICATION_NOT_FOUND');
    }
    const reviewer = await official(['revisor', 'funcionario'], 'Revisora');
    const forbidden = await api('POST', '/funcionario/entregas', reviewer.cookie, { token });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/no puede registrar entregas/) });
    const citizen = await citizenWithSession(t.app);
    expect((await api('POST', '/funcionario/entregas', citizen.cookie, { token })).statusCode).toBe(401);
    expect(await em().count(Delivery, { applicationId: id })).toBe(0);
    expect((await em().findOneOrFail(Application, id)).status).toBe('Aprobada');
  });

  it('refuses an application that is no longer approved (NOT_DELIVERABLE), and the citizen no longer sees the QR', async () => {
    const { id, token, cookie } = await approved();
    const coordinator = await official(['coordinador'], 'Coordinadora');
    expect((await sendEvent(id, coordinator.cookie, 'DAR_DE_BAJA', 'Documentación apócrifa')).statusCode).toBe(200);
    const deliverer = await official(['entregador'], 'Entregador');
    const res = await api('POST', '/funcionario/entregas', deliverer.cookie, { token });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'NOT_DELIVERABLE', message: expect.stringMatching(/está en estado «Baja»/) });
    expect(await em().count(Delivery, { applicationId: id })).toBe(0);
    expect((await api('GET', `/solicitudes/${id}/entrega`, cookie)).statusCode).toBe(404);
  });

  it('does not let the plain workflow-event route mark support as delivered without the QR', async () => {
    const { id } = await approved();
    const deliverer = await official(['entregador'], 'Entregador');
    const res = await sendEvent(id, deliverer.cookie, 'ENTREGAR');
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'WORKFLOW_REFUSED', details: { code: 'DELIVERY_NEEDS_QR' }, message: expect.stringMatching(/escaneando el código QR/) });
    expect((await em().findOneOrFail(Application, id)).status).toBe('Aprobada');
  });

  it('checks the location: both coordinates or none, within range', async () => {
    const { id, token } = await approved();
    const deliverer = await official(['entregador'], 'Entregador');
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ latitud: 91, longitud: -100 }, /latitud debe estar entre -90 y 90/],
      [{ latitud: 20.5, longitud: -181 }, /longitud debe estar entre -180 y 180/],
      [{ latitud: 20.5 }, /latitud y la longitud juntas/],
      [{ precision: 10 }, /precisión solo se envía/],
      [{ latitud: 20.5, longitud: -100.4, precision: -3 }, /precisión debe estar entre 0/],
      [{ latitud: 'norte', longitud: -100.4 }, /./],
    ];
    for (const [place, message] of cases) {
      const res = await api('POST', '/funcionario/entregas', deliverer.cookie, { token, ...place });
      expect(res.statusCode, JSON.stringify(place)).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(res.json().error), JSON.stringify(place)).toMatch(message);
    }
    expect(await em().count(Delivery, { applicationId: id })).toBe(0);
  });

  it('delivers exactly once: who, when and where recorded; a second scan says who delivered and when', async () => {
    const { id, folio, token, cookie } = await approved();
    const deliverer = await official(['entregador'], 'Ramón Olvera');
    const res = await api('POST', '/funcionario/entregas', deliverer.cookie, { token, latitud: 20.5888, longitud: -100.3899, precision: 12.5 });
    expect(res.statusCode, res.body).toBe(201);
    const fecha = t.app.clock().toISOString();
    expect(res.json()).toEqual({ id, folio, estado: 'Entregado', apoyo: { tipo: expect.any(String), detalle: expect.any(String) }, entregada: { fecha, funcionario: 'Ramón Olvera' } });

    const other = await official(['entregador'], 'Otra Persona');
    for (const who of [deliverer, other]) {
      const again = await api('POST', '/funcionario/entregas', who.cookie, { token });
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toEqual({
        code: 'ALREADY_DELIVERED',
        message: 'Este apoyo ya se entregó el 24/11/2026 a las 10:00 por Ramón Olvera.',
        details: { fecha, funcionario: 'Ramón Olvera' },
        requestId: expect.any(String),
      });
    }
    const preview = await api('POST', '/funcionario/entregas/verificar', other.cookie, { token });
    expect(preview.json()).toMatchObject({ estado: 'Entregado', entregada: { fecha, funcionario: 'Ramón Olvera' } });

    const db = em();
    expect(await db.find(Delivery, { applicationId: id })).toEqual([
      expect.objectContaining({ applicationId: id, officialId: deliverer.official.id, deliveredAt: new Date(fecha), latitude: 20.5888, longitude: -100.3899, accuracyM: 12.5 }),
    ]);
    expect(await db.find(ApplicationEvent, { application: id, event: 'ENTREGAR' })).toEqual([expect.objectContaining({ actorId: deliverer.official.id, actorRole: 'entregador', toStatus: 'Entregado' })]);
    expect(await db.find(AuditLog, { entityId: id, action: 'entrega.registrar' })).toEqual([
      expect.objectContaining({ actorId: deliverer.official.id, data: { folio, latitud: 20.5888, longitud: -100.3899, precision: 12.5 } }),
    ]);
    await t.app.jobs.idle();
    const sms = await db.find(NotificationOutbox, { applicationId: id, dedupeKey: { $like: '%:entregado' } });
    expect(sms).toEqual([expect.objectContaining({ status: 'enviado', body: expect.stringContaining(`solicitud ${folio} el 24/11/2026`) })]);

    // The citizen still sees the QR, now as a receipt.
    expect((await api('GET', `/solicitudes/${id}/entrega`, cookie)).json()).toMatchObject({ estado: 'Entregado', entregada: { fecha } });
  });

  it('delivers exactly once when the same QR is scanned many times at once', async () => {
    const { id, token } = await approved();
    const deliverers = await Promise.all([official(['entregador'], 'Entregadora Uno'), official(['entregador'], 'Entregador Dos')]);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => api('POST', '/funcionario/entregas', deliverers[i % 2].cookie, { token })));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    const winner = results.find((r) => r.statusCode === 201)!.json().entregada.funcionario;
    for (const r of results.filter((r) => r.statusCode === 409)) {
      expect(r.json().error).toMatchObject({ code: 'ALREADY_DELIVERED', details: { funcionario: winner } });
    }
    expect(await em().count(Delivery, { applicationId: id })).toBe(1);
    expect(await em().count(ApplicationEvent, { application: id, event: 'ENTREGAR' })).toBe(1);
    // The delivery is one support of its person in the Padrón Estatal, whatever the number of scans.
    expect(await em().find(Beneficio, { applicationId: id })).toEqual([expect.objectContaining({ programa: PROGRAM, dependencia: 'sedesoq', fecha: expect.stringMatching(/^2026-11-2/) })]);
    // Where the person lives goes with them into the registry: the localidad's clave (as the rolls carry it), colonia, postal code and point.
    const { rows: persona } = await t.app.db.sql.query(
      'select p.cve_mun, p.cve_loc, p.colonia, p.codigo_postal, p.cve_asentamiento, p.latitud, p.longitud from persona p join beneficio b on b.persona_id = p.id where b.application_id = $1',
      [id],
    );
    expect(persona).toEqual([{ cve_mun: '22014', cve_loc: '0001', colonia: 'Lomas de Casa Blanca', codigo_postal: '76080', cve_asentamiento: '220140771', latitud: 20.5701, longitud: -100.3802 }]);
    const queue = await api('GET', `/funcionario/solicitudes?programa=${PROGRAM}&estado=Entregado`, (await official(['revisor'], 'Revisora de la cola')).cookie);
    expect(queue.json().filas.find((f: { id: string }) => f.id === id)).toMatchObject({ padron: 1 });
  });
});

describe('quotas', () => {
  const CORREGIDORA = '22006';
  const QUERETARO = '22014';
  const quotaArea = definitions[QUOTA_PROGRAM].area as string;
  let coordinator: { cookie: string };

  beforeAll(async () => {
    // A new version with small quotas; the applications below are made with it. Quotas count per program.
    const v2 = structuredClone(definitions[QUOTA_PROGRAM]);
    v2.version = 2;
    v2.convocatoria.quotas = { total: 5, byMunicipio: { [CORREGIDORA]: 2 } };
    await publishDefinition(em(), v2, t.app.library, 'prueba', t.app.clock());
    coordinator = await official(['coordinador'], 'Coordinador de cupos', quotaArea);
  });

  /** Approves all at once, each by a different reviewer (as in an office on a busy day). */
  async function approveAtOnce(ids: string[]) {
    const reviewers = await Promise.all(ids.map((_, i) => official(['revisor'], `Revisor ${i}`, quotaArea)));
    return Promise.all(ids.map((id, i) => sendEvent(id, reviewers[i].cookie, 'APROBAR')));
  }
  /** Applications left waiting (submitted, not approved) when the total quota filled up. */
  let waitingIds: string[] = [];
  const approvedCount = (municipio?: string) => em().count(Application, { programId: QUOTA_PROGRAM, status: { $in: ['Aprobada', 'Entregado'] }, ...(municipio ? { municipio } : {}) });

  it('a municipio’s quota holds under concurrent approvals, and the refusal names the municipio', async () => {
    const apps = [];
    for (let i = 0; i < 4; i++) apps.push(await submitted(QUOTA_PROGRAM, CORREGIDORA));
    const results = await approveAtOnce(apps.map((a) => a.id));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 409, 409]);
    for (const refused of results.filter((r) => r.statusCode === 409)) {
      expect(refused.json().error).toMatchObject({
        code: 'QUOTA_FULL',
        message: 'No se puede aprobar: se agotó el cupo del municipio de Corregidora en la convocatoria de «Cuidado infantil» (2 lugares).',
        details: { cupo: 'municipio', municipio: CORREGIDORA, limite: 2 },
      });
    }
    expect(await approvedCount(CORREGIDORA)).toBe(2);
    const refusedIds = apps.filter((_, i) => results[i].statusCode === 409).map((a) => a.id);
    const db = em();
    for (const id of refusedIds) {
      expect(await db.findOneOrFail(Application, id)).toMatchObject({ status: 'En proceso', deliveryTokenId: null });
      expect(await db.count(ApplicationEvent, { application: id, event: 'APROBAR' })).toBe(0);
    }
  });

  it('the total quota holds under concurrent approvals, and the refusal says it is the total', async () => {
    const apps = [];
    for (let i = 0; i < 5; i++) apps.push(await submitted(QUOTA_PROGRAM, QUERETARO)); // no municipal quota here
    const results = await approveAtOnce(apps.map((a) => a.id));
    // 2 places already taken in Corregidora: 3 of the 5 total remain.
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 409, 409]);
    for (const refused of results.filter((r) => r.statusCode === 409)) {
      expect(refused.json().error).toMatchObject({ code: 'QUOTA_FULL', message: expect.stringMatching(/se agotó el cupo total de la convocatoria de «Cuidado infantil» \(5 lugares\)/), details: { cupo: 'total', limite: 5 } });
    }
    expect(await approvedCount()).toBe(5);
    expect(await em().count(ApplicationEvent, { event: 'APROBAR', application: { programId: QUOTA_PROGRAM } })).toBe(5);
    waitingIds = apps.filter((_, i) => results[i].statusCode === 409).map((a) => a.id);
  });

  it('a withdrawal (Baja) frees its place for the next approval', async () => {
    const waiting = { id: waitingIds[0] };
    // With every place taken, new submissions are refused too (the call is full).
    const { cookie } = await citizenWithSession(t.app);
    const late = await api('PUT', `/programas/${QUOTA_PROGRAM}/borrador`, cookie, { respuestas: definitions[QUOTA_PROGRAM].tests.base.answers });
    expect((await api('POST', `/solicitudes/${late.json().id}/enviar`, cookie, { respuestas: definitions[QUOTA_PROGRAM].tests.base.answers })).json().error.code).toBe('QUOTA_FULL');
    const reviewer = await official(['revisor'], 'Revisora', quotaArea);
    expect((await sendEvent(waiting.id, reviewer.cookie, 'APROBAR')).json().error.code).toBe('QUOTA_FULL');
    const taken = await em().findOneOrFail(Application, { programId: QUOTA_PROGRAM, municipio: QUERETARO, status: 'Aprobada' }, { orderBy: { submittedAt: 'asc' } });
    expect((await sendEvent(taken.id, coordinator.cookie, 'DAR_DE_BAJA', 'Renunció al apoyo')).statusCode).toBe(200);
    expect((await sendEvent(waiting.id, reviewer.cookie, 'APROBAR')).statusCode).toBe(200);
    expect(await approvedCount()).toBe(5);
  });
});
