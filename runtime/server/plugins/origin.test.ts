import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenWithSession } from '../../../test/helpers/actors.ts';
import { startCustomApp } from '../../../test/helpers/custom-app.ts';
import type { TestApp } from '../../../test/helpers/server.ts';

// inject() sends Host: localhost:80, which a browser on that page states as Origin http://localhost.
const OWN = 'http://localhost';
const HOSTILE = 'https://premios-gratis.example';
const LOGIN = { curp: 'ZAZZ890909MQTRMS06', contrasena: 'nogal del patio viejo' };

let t: TestApp;
let citizenCookie: string;
beforeAll(async () => {
  t = await startCustomApp();
  citizenCookie = (await citizenWithSession(t.app, { verified: false })).cookie;
}, 60_000);
afterAll(() => t?.close());

function send(method: 'POST' | 'PUT' | 'DELETE' | 'GET', url: string, headers: Record<string, string>, payload?: string | object) {
  return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
}

const code = (res: { json(): { error?: { code?: string } } }) => res.json().error?.code;

describe('changes to the API only from SIPROS pages', () => {
  it('refuses a request whose Origin is another site, or "null", before doing anything', async () => {
    for (const origin of [HOSTILE, 'null', 'http://localhost.premios.example', 'https://localhost:8443']) {
      const res = await send('POST', '/api/sesion', { origin }, LOGIN);
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'CROSS_SITE_REQUEST', message: 'Esta acción solo se puede hacer desde las páginas de SIPROS; ábrelas en su dirección oficial y vuelve a intentarlo.' });
    }
  });

  it('lets its own pages through, and uses the Referer when a browser sends no Origin', async () => {
    expect(code(await send('POST', '/api/sesion', { origin: OWN }, LOGIN))).toBe('INVALID_CREDENTIALS');
    expect(code(await send('POST', '/api/sesion', { origin: 'http://localhost:80' }, LOGIN))).toBe('INVALID_CREDENTIALS');
    expect(code(await send('POST', '/api/sesion', { referer: `${OWN}/entrar?volver=%2F` }, LOGIN))).toBe('INVALID_CREDENTIALS');
    expect((await send('POST', '/api/sesion', { referer: `${HOSTILE}/gana` }, LOGIN)).statusCode).toBe(403);
  });

  it('accepts clients without Origin (scripts, other servers) only with bodies no HTML form can send', async () => {
    expect(code(await send('POST', '/api/sesion', {}, LOGIN))).toBe('INVALID_CREDENTIALS');
    const forms = [
      ['application/x-www-form-urlencoded', 'curp=ZAZZ890909MQTRMS06&contrasena=x'],
      ['text/plain', '{"curp":"ZAZZ890909MQTRMS06","contrasena":"x"}'],
      ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="curp"\r\n\r\nx\r\n--b--\r\n'],
    ];
    for (const [type, body] of forms) {
      const res = await send('POST', '/api/sesion', { 'content-type': type }, body);
      expect(res.statusCode, type).toBe(403);
      expect(res.json().error.code).toBe('CROSS_SITE_REQUEST');
    }
  });

  it('closes the form-friendly routes: resending the phone code and uploading a document', async () => {
    const asCitizen = (headers: Record<string, string>, url: string, payload?: string) => send('POST', url, { cookie: citizenCookie, ...headers }, payload);
    // A hidden form on another site, submitted with the citizen's cookie.
    expect((await asCitizen({ origin: HOSTILE, 'content-type': 'application/x-www-form-urlencoded' }, '/api/cuenta/telefono/reenviar', '')).statusCode).toBe(403);
    expect((await asCitizen({ 'content-type': 'text/plain' }, '/api/cuenta/telefono/reenviar', 'x')).statusCode).toBe(403);
    expect((await asCitizen({ origin: OWN }, '/api/cuenta/telefono/reenviar')).statusCode).toBe(202);
    const upload = '--b\r\nContent-Disposition: form-data; name="archivo"; filename="ine.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--b--\r\n';
    const multipart = { 'content-type': 'multipart/form-data; boundary=b' };
    const path = '/api/solicitudes/00000000-0000-4000-8000-000000000000/documentos/curp';
    expect((await asCitizen({ ...multipart, origin: HOSTILE }, path, upload)).statusCode).toBe(403);
    expect((await asCitizen(multipart, path, upload)).statusCode).toBe(403);
    // From the citizen's own page the upload reaches the route (which does not know that application).
    expect(code(await asCitizen({ ...multipart, origin: OWN }, path, upload))).toBe('APPLICATION_NOT_FOUND');
  });

  it('leaves reading alone', async () => {
    expect((await send('GET', '/api/programas', { origin: HOSTILE })).statusCode).toBe(200);
  });
});

describe('behind a proxy: SIPROS_PUBLIC_URL', () => {
  let proxied: TestApp;
  beforeAll(async () => {
    proxied = await startCustomApp({ env: { SIPROS_PUBLIC_URL: 'https://sipros.queretaro.gob.mx' } });
  }, 60_000);
  afterAll(() => proxied?.close());

  const login = (origin: string) => proxied.app.inject({ method: 'POST', url: '/api/sesion', headers: { origin, host: '10.0.0.5:3000' }, payload: LOGIN });

  it('accepts pages of the public address even when the proxy sends another Host, and only those', async () => {
    expect(code(await login('https://sipros.queretaro.gob.mx'))).toBe('INVALID_CREDENTIALS');
    expect((await login('http://10.0.0.5:3000')).statusCode).toBe(403);
    expect((await login('http://sipros.queretaro.gob.mx')).statusCode).toBe(403);
  });
});
