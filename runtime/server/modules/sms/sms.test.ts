import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationOutbox } from '../../../db/entities.ts';
import type { TestApp } from '../../../../test/helpers/server.ts';
import { startCustomApp } from '../../../../test/helpers/custom-app.ts';
import { HttpSmsProvider, type SmsProvider } from './providers.ts';
import { coalesce, renderTemplate, SMS_JOB, type SmsMessage } from './sms.ts';
import { BATCH_ROWS, sender } from './send.ts';
import { citizenRequestsLink } from '../applications/index.ts';

/** A provider that records what it is asked to send and fails the next `failures` calls. */
class FakeProvider implements SmsProvider {
  readonly name = 'prueba';
  readonly sent: Array<{ to: string; body: string; id: string }> = [];
  failures = 0;
  calls = 0;

  async send(message: { to: string; body: string; id: string }): Promise<{ providerMessageId: string }> {
    this.calls++;
    if (this.failures > 0) {
      this.failures--;
      throw new Error('El proveedor de prueba no está disponible.');
    }
    this.sent.push(message);
    return { providerMessageId: `prueba-${this.sent.length}` };
  }
}

let counter = 0;
function message(overrides: Partial<SmsMessage> = {}): SmsMessage {
  counter++;
  return { phone: '4425550199', body: `SIPROS: mensaje de prueba ${counter}.`, dedupeKey: `prueba:${counter}:${Date.now()}`, ...overrides };
}

/** Records a message in its own unit of work and commits it, as a route does; returns the outbox id. */
async function recordAndCommit(t: TestApp, msg: SmsMessage): Promise<string> {
  const em = t.app.db.orm.em.fork();
  const id = t.app.sms.record(em, msg);
  await em.flush();
  return id;
}

const outboxRow = (t: TestApp, id: string) => t.app.db.orm.em.fork().findOneOrFail(NotificationOutbox, id);

describe('SMS outbox and delivery job', () => {
  const provider = new FakeProvider();
  let t: TestApp;
  beforeAll(async () => {
    t = await startCustomApp({ smsProvider: provider });
  }, 60_000);
  afterAll(() => t?.close());

  it('sends each message exactly once, however often it is dispatched', async () => {
    const msg = message();
    const id = await recordAndCommit(t, msg);
    expect(await outboxRow(t, id)).toMatchObject({ status: 'pendiente', attempts: 0, sentAt: null });
    await t.app.sms.dispatch([id]);
    await t.app.jobs.idle();
    await t.app.sms.dispatch([id, null]);
    // Even a job that escaped the job-id check finds the row sent and sends nothing.
    await t.app.jobs.enqueue(SMS_JOB, { outboxId: id }, { jobId: `otra-vez-${id}` });
    await t.app.jobs.idle();

    expect(provider.sent.filter((s) => s.id === id)).toEqual([{ to: msg.phone, body: msg.body, id }]);
    expect(await outboxRow(t, id)).toMatchObject({ status: 'enviado', attempts: 1, provider: 'prueba', providerMessageId: expect.stringMatching(/^prueba-/), lastError: null, sentAt: expect.any(Date) });
  });

  it('refuses to record a second message with the same dedupe key', async () => {
    const msg = message();
    await recordAndCommit(t, msg);
    await expect(recordAndCommit(t, { ...msg, body: 'otro texto' })).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    expect(await t.app.db.orm.em.fork().count(NotificationOutbox, { dedupeKey: msg.dedupeKey })).toBe(1);
  });

  it('retries a failing provider and ends «enviado» once it recovers', async () => {
    provider.failures = 1;
    const callsBefore = provider.calls;
    const id = await recordAndCommit(t, message());
    await t.app.sms.dispatch([id]);
    await t.app.jobs.idle();
    expect(provider.calls - callsBefore).toBe(2);
    expect(provider.sent.filter((s) => s.id === id)).toHaveLength(1);
    expect(await outboxRow(t, id)).toMatchObject({ status: 'enviado', attempts: 2, lastError: null });
  }, 20_000);

  it('sends a message once when two jobs hold it at the same moment', async () => {
    const ids = [await recordAndCommit(t, message()), await recordAndCommit(t, message())];
    await Promise.all([
      t.app.jobs.enqueue(SMS_JOB, { ids }, { jobId: `uno-${ids[0]}` }),
      t.app.jobs.enqueue(SMS_JOB, { ids: [...ids].reverse() }, { jobId: `dos-${ids[0]}` }),
      t.app.sms.dispatch(ids),
    ]);
    await t.app.jobs.idle();
    for (const id of ids) expect(provider.sent.filter((s) => s.id === id)).toHaveLength(1);
  });

  it('leaves a message held by a running job to it, and sends what a killed worker held once its hold expires', async () => {
    const held = await recordAndCommit(t, message());
    const abandoned = await recordAndCommit(t, message());
    const { sql } = t.app.db;
    await sql.query(`update notification_outbox set claimed_until = now() + interval '1 minute' where id = $1`, [held]);
    await sql.query(`update notification_outbox set claimed_until = now() - interval '1 second' where id = $1`, [abandoned]);
    await t.app.sms.resumePending();
    await t.app.jobs.idle();
    expect(provider.sent.filter((s) => s.id === held)).toHaveLength(0);
    expect(await outboxRow(t, held)).toMatchObject({ status: 'pendiente', attempts: 0 });
    expect(await outboxRow(t, abandoned)).toMatchObject({ status: 'enviado', attempts: 1, claimedUntil: null });
  });

  it('sends on start what a crash left pending', async () => {
    const id = await recordAndCommit(t, message());
    expect(await t.app.sms.resumePending()).toBeGreaterThanOrEqual(1);
    await t.app.jobs.idle();
    expect((await outboxRow(t, id)).status).toBe('enviado');
  });
});

describe('the outbox drain of worker processes (no job per submission)', () => {
  const provider = new FakeProvider();
  let t: TestApp;
  // The drain as a worker runs it, with the provider counted directly (the app's own metrics are registered once).
  const drain = () => sender(t.app, provider, { send: (p, m) => p.send(m), gaveUp: () => {} });
  beforeAll(async () => {
    t = await startCustomApp({ smsProvider: provider });
  }, 60_000);
  afterAll(() => t?.close());

  it('sends each new message once (one a killed worker had claimed too), though two workers drain at once, and leaves held and retried ones to their jobs', async () => {
    const fresh = await Promise.all(Array.from({ length: 30 }, () => recordAndCommit(t, message())));
    const held = await recordAndCommit(t, message());
    const retried = await recordAndCommit(t, message());
    const { sql } = t.app.db;
    // A worker killed mid-turn: its claim has expired, so the message is new again.
    await sql.query(`update notification_outbox set claimed_until = now() - interval '1 second' where id = $1`, [fresh[0]]);
    await sql.query(`update notification_outbox set claimed_until = now() + interval '1 minute' where id = $1`, [held]);
    await sql.query(`update notification_outbox set attempts = 1, last_error = 'antes' where id = $1`, [retried]);
    const [a, b] = [drain(), drain()];
    let turns = 0;
    while ((await Promise.all([a.drainTurn(), b.drainTurn()])).some((n) => n > 0)) turns++;
    expect(turns).toBeGreaterThan(0);
    for (const id of fresh) expect(provider.sent.filter((s) => s.id === id), id).toHaveLength(1);
    for (const id of fresh) expect(await outboxRow(t, id)).toMatchObject({ status: 'enviado', attempts: 1, claimedUntil: null });
    expect(provider.sent.filter((s) => s.id === held || s.id === retried)).toEqual([]);
    expect(await outboxRow(t, held)).toMatchObject({ status: 'pendiente', attempts: 0 });
    expect(await outboxRow(t, retried)).toMatchObject({ status: 'pendiente', attempts: 1 });
  });

  it('takes at most a batch per turn, oldest first', async () => {
    await t.app.db.sql.query(`update notification_outbox set status = 'enviado' where status = 'pendiente'`);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await recordAndCommit(t, message()));
    const one = drain();
    expect(await one.drainTurn()).toBe(3);
    expect(BATCH_ROWS).toBeGreaterThan(3);
    expect(provider.sent.slice(-3).map((s) => s.id)).toEqual(expect.arrayContaining(ids));
    expect(await one.drainTurn()).toBe(0);
  });

  it('leaves a message the provider refused pending, with its attempt counted, for a retry job', async () => {
    provider.failures = 1;
    const id = await recordAndCommit(t, message());
    expect(await drain().drainTurn()).toBe(1);
    expect(await outboxRow(t, id)).toMatchObject({ status: 'pendiente', attempts: 1, lastError: 'El proveedor de prueba no está disponible.', claimedUntil: null });
    // Not a fresh message any more: the drain leaves it to the retry (or the sweep's) job.
    expect(await drain().drainTurn()).toBe(0);
    await t.app.sms.resumePending();
    await t.app.jobs.idle();
    expect(await outboxRow(t, id)).toMatchObject({ status: 'enviado', attempts: 2 });
    expect(provider.sent.filter((s) => s.id === id)).toHaveLength(1);
  });
});

interface GatewayRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A local stand-in for an SMS gateway: answers each POST with the next status of `statuses` (then 200). */
function startFakeGateway(statuses: number[]): Promise<{ server: Server; url: string; requests: GatewayRequest[] }> {
  const requests: GatewayRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      const status = statuses.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 200 ? { id: `pasarela-${requests.length}` } : { error: 'falla simulada' }));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/sms`, requests }));
  });
}

describe('HttpSmsProvider against a local gateway', () => {
  let gateway: Awaited<ReturnType<typeof startFakeGateway>>;
  let t: TestApp;
  beforeAll(async () => {
    gateway = await startFakeGateway([500]);
    t = await startCustomApp({ env: { SMS_PROVIDER: 'http', SMS_HTTP_URL: gateway.url, SMS_HTTP_TOKEN: 'token-de-prueba' } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => gateway?.server.close(resolve));
  });

  it('is what SMS_PROVIDER=http configures', () => {
    expect(t.app.sms.provider).toBeInstanceOf(HttpSmsProvider);
  });

  it('posts JSON with the bearer token; a 500 is retried until the gateway accepts', async () => {
    const msg = message({ phone: '4421112233', body: 'SIPROS: tu código de verificación es 012345. Vence en 10 minutos.' });
    const id = await recordAndCommit(t, msg);
    await t.app.sms.dispatch([id]);
    await t.app.jobs.idle();

    expect(gateway.requests).toHaveLength(2);
    for (const request of gateway.requests) {
      expect(request).toMatchObject({ method: 'POST', url: '/v1/sms', body: { to: '+524421112233', body: msg.body, reference: id } });
      expect(request.headers.authorization).toBe('Bearer token-de-prueba');
      expect(request.headers['content-type']).toBe('application/json');
    }
    expect(await outboxRow(t, id)).toMatchObject({ status: 'enviado', attempts: 2, provider: 'http', providerMessageId: 'pasarela-2', lastError: null });
  }, 20_000);

  it('reports a gateway refusal or an unreachable gateway in Spanish', async () => {
    const refusing = await startFakeGateway([503]);
    try {
      const provider = new HttpSmsProvider(refusing.url, null);
      await expect(provider.send({ to: '4421112233', body: 'hola', id: 'x' })).rejects.toThrow('La pasarela de SMS respondió 503.');
      expect(refusing.requests[0].headers.authorization).toBeUndefined();
    } finally {
      await new Promise((resolve) => refusing.server.close(resolve));
    }
    const closed = new HttpSmsProvider(refusing.url, null);
    await expect(closed.send({ to: '4421112233', body: 'hola', id: 'y' })).rejects.toThrow(/^No se pudo conectar con la pasarela de SMS/);
  });

  it('gives up on a gateway that does not answer in time, so the job can retry', async () => {
    const silent = createServer(() => {}); // accepts the request and never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const provider = new HttpSmsProvider(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/`, null, 100);
      await expect(provider.send({ to: '4421112233', body: 'hola', id: 'z' })).rejects.toThrow('La pasarela de SMS no respondió en 0.1 s.');
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('coalesce (one job for the receipts of the same moment)', () => {
  it('flushes the first caller at once and everyone who came meanwhile together, each caller settling with its own flush', async () => {
    const flushed: string[][] = [];
    let release: () => void = () => {};
    const enqueue = coalesce(async (ids) => {
      flushed.push(ids);
      if (flushed.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const first = enqueue(['a']);
    await Promise.resolve();
    const later = [enqueue(['b']), enqueue(['c', 'd'])];
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(flushed).toEqual([['a']]);
    release();
    await Promise.all([first, ...later]);
    expect(flushed).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('rejects only the callers of a failed flush; the next flush still runs', async () => {
    let fail = true;
    const enqueue = coalesce(async () => {
      if (fail) throw new Error('Redis no responde');
    });
    await expect(enqueue(['a'])).rejects.toThrow('Redis no responde');
    fail = false;
    await expect(enqueue(['b'])).resolves.toBeUndefined();
  });
});

describe('renderTemplate', () => {
  it('fills placeholders, nested ones too, and leaves unknown ones empty', () => {
    expect(renderTemplate('Hola {{ nombre }}, folio {{solicitud.folio}}{{nada}}.', { nombre: 'Rosa', solicitud: { folio: 'AT-2026-000001' } })).toBe('Hola Rosa, folio AT-2026-000001.');
  });

  it('lets a comment that ends a sentence take the template’s period, so no SMS reads «..»', () => {
    const template = 'Tu solicitud necesita correcciones: {{comentario}}. Corrígela en {{enlace}}';
    const values = (comentario: string) => ({ comentario, enlace: 'https://programas.queretaro.gob.mx/solicitudes' });
    expect(renderTemplate(template, values('Falta tu INE.'))).toBe('Tu solicitud necesita correcciones: Falta tu INE. Corrígela en https://programas.queretaro.gob.mx/solicitudes');
    expect(renderTemplate(template, values('¿Puedes subir tu INE?'))).toBe('Tu solicitud necesita correcciones: ¿Puedes subir tu INE? Corrígela en https://programas.queretaro.gob.mx/solicitudes');
    expect(renderTemplate(template, values('Falta tu INE'))).toBe('Tu solicitud necesita correcciones: Falta tu INE. Corrígela en https://programas.queretaro.gob.mx/solicitudes');
  });
});

describe('citizenRequestsLink', () => {
  it('is the configured public address, this machine in development, and the page name in production without one', () => {
    expect(citizenRequestsLink({ publicUrl: 'https://programas.queretaro.gob.mx/', production: true, port: 3000 })).toBe('https://programas.queretaro.gob.mx/solicitudes');
    expect(citizenRequestsLink({ publicUrl: null, production: false, port: 3000 })).toBe('http://localhost:3000/solicitudes');
    expect(citizenRequestsLink({ publicUrl: null, production: true, port: 3000 })).toBe('Mis solicitudes del portal SIPROS');
  });
});
