/**
 * Issue 16: the demo accounts (public password) never exist in production. `npm start` with
 * NODE_ENV=production on an empty database creates none, and asking for them there
 * (SIPROS_DEMO=true) is refused at start with a Spanish message; elsewhere the demo is explicit,
 * and the start log says so with the accounts it has.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../runtime/db/orm.ts';
import { ConfigError, loadConfig } from '../../runtime/server/config.ts';
import { DEMO_CITIZEN, DEMO_OFFICIALS, DEMO_PASSWORD, seedDemo } from '../../runtime/server/demo.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';
import { baseEnv, killLeftovers, listeningAddress, randomSecret, scratchDatabase, STACK_LINE, startServer, stopServer, type ScratchDatabase } from './server-process.ts';

afterAll(killLeftovers);

describe('SIPROS_DEMO in the configuration', () => {
  it('is on by default outside production, off by default in production, and can be turned off', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).demo).toBe(true);
    expect(loadConfig({ SIPROS_DEMO: 'false' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SIPROS_SECRET: randomSecret() }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SIPROS_SECRET: randomSecret(), SIPROS_DEMO: 'false' }).demo).toBe(false);
  });

  it('SIPROS_DEMO=true with NODE_ENV=production is a configuration error, in Spanish', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SIPROS_SECRET: randomSecret(), SIPROS_DEMO: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', SIPROS_SECRET: randomSecret(), SIPROS_DEMO: 'sí' })).toThrow(/SIPROS_DEMO=true no se permite con NODE_ENV=production/);
  });
});

describe('npm start with NODE_ENV=production', () => {
  it('refuses SIPROS_DEMO=true: Spanish message, exit 2, no stack trace, nothing started', async () => {
    const server = startServer(baseEnv({ NODE_ENV: 'production', SIPROS_SECRET: randomSecret(), SIPROS_DEMO: 'true', PGLITE_DIR: 'memory://' }));
    expect(await server.exited).toBe(2);
    expect(server.stderr()).toContain('Configuración inválida');
    expect(server.stderr()).toContain('SIPROS_DEMO=true no se permite con NODE_ENV=production');
    expect(server.stderr()).not.toMatch(STACK_LINE);
    expect(server.stdout()).not.toContain('SIPROS en');
  }, 30_000);

  describe('on an empty database', () => {
    let database: ScratchDatabase;
    let stdout = '';

    beforeAll(async () => {
      database = await scratchDatabase();
    });
    afterAll(() => database?.drop());

    it('starts healthy and no demo account can log in', async () => {
      const server = startServer(baseEnv({ NODE_ENV: 'production', SIPROS_SECRET: randomSecret(), ...database.env }));
      try {
        const base = await listeningAddress(server);
        const post = (path: string, body: object) => fetch(`${base}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify(body) });
        expect((await fetch(`${base}/api/health`)).status).toBe(200);
        const admin = await post('/funcionarios/sesion', { usuario: 'admin.demo', contrasena: DEMO_PASSWORD });
        expect(admin.status).toBe(401);
        expect(((await admin.json()) as { error: { code: string } }).error.code).toBe('INVALID_CREDENTIALS');
        expect((await post('/sesion', { curp: DEMO_CITIZEN.curp, contrasena: DEMO_PASSWORD })).status).toBe(401);
      } finally {
        const stopped = await stopServer(server);
        expect(stopped.code).toBe(0);
        stdout = server.stdout();
      }
      expect(stdout).not.toMatch(/MODO DEMOSTRACIÓN/i);
    }, 90_000);

    it('and the database holds no demo official nor the demo citizen', async () => {
      const db = await openDatabase(database.config);
      try {
        const usernames = DEMO_OFFICIALS.map((o) => o.usuario);
        const officials = await db.sql.query<{ n: string }>('select count(*) as n from official where usuario = any($1::text[])', [usernames]);
        const citizens = await db.sql.query<{ n: string }>('select count(*) as n from citizen where curp = $1', [DEMO_CITIZEN.curp]);
        expect(Number(officials.rows[0].n)).toBe(0);
        expect(Number(citizens.rows[0].n)).toBe(0);
      } finally {
        await db.close();
      }
    }, 30_000);
  });
});

describe('the demo, where it is allowed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  }, 60_000);
  afterAll(() => t?.close());

  it('says so in the start log: modo demostración, the accounts, and how to turn it off', async () => {
    const warn = vi.spyOn(t.app.log, 'warn');
    const result = await seedDemo(t.app);
    expect(result.officialsCreated).toContain('admin.demo');
    const notice = warn.mock.calls.map((call) => call.find((arg) => typeof arg === 'string')).find((msg) => typeof msg === 'string' && msg.startsWith('MODO DEMOSTRACIÓN'));
    expect(notice).toBeDefined();
    for (const official of DEMO_OFFICIALS) expect(notice).toContain(official.usuario);
    expect(notice).toContain(DEMO_CITIZEN.curp);
    expect(notice).toContain('SIPROS_DEMO=false');
  });

  it('seedDemo itself refuses a production server (second lock behind the configuration)', async () => {
    const productionApp = Object.create(t.app, { config: { value: { ...t.app.config, production: true } } }) as typeof t.app;
    await expect(seedDemo(productionApp)).rejects.toThrow(/no se crean en producción/);
  });
});
