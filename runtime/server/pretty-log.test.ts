/**
 * Issue 9 (newcomers): `npm start` at a terminal logs readable one-line Spanish entries, keeps
 * JSON in production and tests, and the outbox provider prints each SMS readably, so a new
 * sign-up's code can be read off the log and typed in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curpCheckDigit } from '../../engine/curp.ts';
import { freshDatabaseUrl, testJobQueue } from '../../test/helpers/server.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { chooseLogFormat, formatLogLine, prettyLogStream } from './pretty-log.ts';
import type { FastifyInstance } from 'fastify';

describe('SIPROS_LOG_FORMAT', () => {
  it('is pretty by default only outside production and tests, at a terminal; JSON otherwise; the setting wins', () => {
    expect(chooseLogFormat({}, false, true)).toBe('pretty');
    expect(chooseLogFormat({}, false, false)).toBe('json');
    expect(chooseLogFormat({}, true, true)).toBe('json');
    expect(chooseLogFormat({ NODE_ENV: 'test' }, false, true)).toBe('json');
    expect(chooseLogFormat({ SIPROS_LOG_FORMAT: 'pretty' }, false, false)).toBe('pretty');
    expect(chooseLogFormat({ SIPROS_LOG_FORMAT: 'JSON' }, false, true)).toBe('json');
    expect(() => chooseLogFormat({ SIPROS_LOG_FORMAT: 'bonito' }, false, true)).toThrow(/SIPROS_LOG_FORMAT debe ser «pretty» o «json»/);
  });

  it('a line that is not JSON passes through unchanged', () => {
    expect(formatLogLine('texto suelto\n')).toBe('texto suelto\n');
  });
});

describe('the pretty log of a running server', () => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  const lines: string[] = [];

  beforeAll(async () => {
    const database = await freshDatabaseUrl();
    drop = database.drop;
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', PGLITE_DIR: 'memory://', SIPROS_SEED_PROGRAMS: 'false', ...(database.url ? { DATABASE_URL: database.url } : {}) });
    app = await buildApp({ config, jobs: testJobQueue(), logStream: prettyLogStream({ write: (text: string) => lines.push(text) }) });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const logged = () => lines.join('');

  it('writes each request as one readable line: time, level, method, path, status and duration', async () => {
    await app.inject({ method: 'GET', url: '/api/programas' });
    expect(logged()).toMatch(/^\d{2}:\d{2}:\d{2} INFO +GET \/api\/programas → 200 \(\d+ ms\) \[req-\w+\]$/m);
    expect(logged()).not.toContain('incoming request');
    expect(logged()).not.toMatch(/^\{/m);
  });

  it('keeps the log privacy: a CURP searched for never appears', async () => {
    const curp = `RIZA900115MQTBCD0`;
    const full = curp + curpCheckDigit(curp);
    await app.inject({ method: 'GET', url: `/api/funcionario/solicitudes?q=${full}` });
    expect(logged()).toContain('/api/funcionario/solicitudes');
    expect(logged()).not.toContain(full);
  });

  it('prints the sign-up SMS readably, to a masked phone, and its code confirms the phone', async () => {
    const first17 = 'RIZE900115MQTBCD0';
    const curp = first17 + curpCheckDigit(first17);
    const registration = await app.inject({
      method: 'POST',
      url: '/api/cuenta/registro',
      payload: { curp, nombres: 'Rosa María', primerApellido: 'Ibarra', segundoApellido: 'Núñez', fechaNacimiento: '1990-01-15', sexo: 'M', telefono: '4421234567', correo: 'rosa@example.mx', contrasena: 'Maguey en flor 2026' },
    });
    expect(registration.statusCode, registration.body).toBe(201);
    const session = registration.cookies.find((c) => c.name === 'sipros_sesion')!.value;
    let smsLine: string | undefined;
    for (let tries = 0; tries < 100 && !smsLine; tries++) {
      smsLine = lines.find((l) => l.includes('SMS para'));
      if (!smsLine) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(smsLine).toMatch(/INFO +SMS para ••••••4567 \(proveedor outbox, no sale del sistema\): «SIPROS: .*\b\d{6}\b.*»/);
    expect(logged()).not.toContain('4421234567');
    const code = /«[^»]*\b(\d{6})\b[^»]*»/.exec(smsLine!)![1];
    const verified = await app.inject({ method: 'POST', url: '/api/cuenta/telefono/verificar', payload: { codigo: code }, cookies: { sipros_sesion: session } });
    expect(verified.statusCode, verified.body).toBe(200);
  });
});
