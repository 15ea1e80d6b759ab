/**
 * Queue cursors carry nothing a role may not see (issue 16: paging by name one row at a time used
 * to de-mask every applicant through the `siguiente` cursor). For every official role: page the
 * whole queue in name order with limite=1 and try to read each cursor the ways a client would
 * (base64/base64url, as UTF-8 or Latin-1, as JSON): no applicant's name or CURP may come out.
 * And a forged, tampered, foreign or impossible cursor is a 400 with the Spanish message, never
 * a 500.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor, type Position } from '../../runtime/server/modules/queue/cursor.ts';
import { seedApplications, type SeededApplication } from '../helpers/seed-applications.ts';
import { officialWithSession } from '../helpers/actors.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';

const AREA = 'subsecretaria-desarrollo-social';
const ROLES = ['funcionario', 'revisor', 'dictaminador', 'coordinador', 'entregador', 'atencion-ciudadana', 'administrador', 'planeacion'] as const;
/**
 * Who sees names in which of PROGRAMS: every program's workflow names revisor, coordinador and
 * entregador; only tarjeta-contigo's names dictaminador; a plain funcionario and planeación see none.
 */
const SEES_NAMES: Record<(typeof ROLES)[number], readonly string[]> = {
  funcionario: [],
  planeacion: [],
  dictaminador: ['tarjeta-contigo'],
  revisor: ['becas-escolares', 'tarjeta-contigo', 'queretaro-fuerte'],
  coordinador: ['becas-escolares', 'tarjeta-contigo', 'queretaro-fuerte'],
  entregador: ['becas-escolares', 'tarjeta-contigo', 'queretaro-fuerte'],
  'atencion-ciudadana': ['becas-escolares', 'tarjeta-contigo', 'queretaro-fuerte'],
  administrador: ['becas-escolares', 'tarjeta-contigo', 'queretaro-fuerte'],
};
const PEOPLE: Array<[string, string, string]> = [
  ['XIMENA', 'QUINTANILLA', 'ZAVALETA'],
  ['BERENICE', 'OCAMPO', 'YÁÑEZ'],
  ['FILOMENA', 'ÚRSULO', 'WENCESLAO'],
  ['GUMERSINDA', 'VELÁZQUEZ', 'ITURBIDE'],
  ['HORTENSIA', 'ARREOLA', 'MÚZQUIZ'],
];
const PROGRAMS = ['becas-escolares', 'tarjeta-contigo', 'queretaro-fuerte'];
const INVALID = /referencia de página/;

let t: TestApp;
let apps: SeededApplication[];
const officials = new Map<string, { id: string; cookie: string }>();

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
/** Everything personal a cursor must not reveal: each name word (as typed and folded) and each CURP. */
const secrets = () => apps.flatMap((a) => [a.curp, a.curp.slice(0, 10), ...[a.nombres, a.primerApellido, a.segundoApellido ?? ''].flatMap((w) => w.split(' ')).filter((w) => w.length >= 3).flatMap((w) => [w, fold(w)])]);

/** What a curious client can read out of a cursor without the server's key. */
function readings(cursor: string): string[] {
  const out = [cursor];
  for (const encoding of ['base64url', 'base64'] as const) {
    const bytes = Buffer.from(cursor, encoding);
    for (const text of [bytes.toString('utf8'), bytes.toString('latin1')]) {
      out.push(text, fold(text));
      try {
        out.push(JSON.stringify(JSON.parse(text)));
      } catch {
        // not JSON: the text itself was already kept
      }
    }
  }
  return out;
}

beforeAll(async () => {
  t = await startTestApp();
  apps = await seedApplications(
    t.app,
    PEOPLE.flatMap(([nombres, primerApellido, segundoApellido], i) =>
      PROGRAMS.map((program, j) => ({ program, citizen: { nombres, primerApellido, segundoApellido }, submittedAt: new Date(Date.UTC(2026, 10, 10, 12, i, j)).toISOString() })),
    ),
  );
  for (const role of ROLES) {
    const { official, cookie } = await officialWithSession(t.app, [role], AREA);
    officials.set(role, { id: official.id, cookie });
  }
}, 120_000);
afterAll(() => t?.close());

const queue = (query: string, cookie: string) => t.app.inject({ method: 'GET', url: `/api/funcionario/solicitudes?${query}`, headers: { cookie } });

describe('queue cursors', () => {
  for (const role of ROLES) {
    it(`${role}: paging by name one row at a time, no cursor reveals a name or a CURP`, async () => {
      const { cookie } = officials.get(role)!;
      const seen: string[] = [];
      const leaks: string[] = [];
      let despues = '';
      for (;;) {
        const res = await queue(`orden=nombre&limite=1${despues ? `&despues=${despues}` : ''}`, cookie);
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json() as { filas: Array<{ id: string; nombre: string; programa: string }>; siguiente: string | null };
        seen.push(...body.filas.map((f) => f.id));
        // The control: where the role sees names the rows show them, so elsewhere the cursor would be the only way.
        for (const fila of body.filas) expect(fila.nombre !== '', `${role} ve el nombre en ${fila.programa}`).toBe(SEES_NAMES[role].includes(fila.programa));
        if (!body.siguiente) break;
        const texts = readings(body.siguiente);
        for (const secret of secrets()) if (texts.some((text) => text.includes(secret))) leaks.push(secret);
        despues = body.siguiente;
      }
      expect(leaks).toEqual([]);
      expect(seen.sort()).toEqual(apps.map((a) => a.id).sort());
    });
  }

  it('a tampered, truncated, foreign, unsealed or other-order cursor is a 400 with the Spanish message', async () => {
    const { id, cookie } = officials.get('revisor')!;
    const other = officials.get('coordinador')!;
    const first = (await queue('orden=nombre&limite=1', cookie)).json().siguiente as string;
    const byDate = (await queue('limite=1', cookie)).json().siguiente as string;
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const unsealed = Buffer.from(JSON.stringify(['nombre', 'ocampo yanez berenice', apps[0].id])).toString('base64url');
    const forged: Array<[string, string, string]> = [
      ['basura', 'orden=nombre', 'bm8tZXMtdW4tY3Vyc29y'],
      ['sin sellar (el formato anterior)', 'orden=nombre', unsealed],
      ['alterado al principio', 'orden=nombre', flip(first, 3)],
      ['alterado en medio', 'orden=nombre', flip(first, Math.floor(first.length / 2))],
      ['alterado al final', 'orden=nombre', flip(first, first.length - 2)],
      ['truncado', 'orden=nombre', first.slice(0, -6)],
      ['de otro orden', 'orden=nombre', byDate],
      ['sellado con otra clave', 'orden=nombre', encodeCursor({ orden: 'nombre', nombre: 'a', id: apps[0].id }, { secret: 'otra-clave-de-otra-instalacion-123456', officialId: id })],
    ];
    const wrong: string[] = [];
    for (const [label, query, cursor] of forged) {
      const res = await queue(`${query}&despues=${cursor}`, cookie);
      if (res.statusCode !== 400 || res.json().error.code !== 'BAD_REQUEST' || !INVALID.test(res.json().error.message)) wrong.push(`${label}: ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    // Another official's cursor: valid for them, not for anyone else.
    const foreign = await queue(`orden=nombre&limite=1&despues=${first}`, other.cookie);
    if (foreign.statusCode !== 400 || foreign.json().error.code !== 'BAD_REQUEST') wrong.push(`ajeno: ${foreign.statusCode} ${foreign.body.slice(0, 120)}`);
    expect((await queue(`orden=nombre&limite=1&despues=${first}`, cookie)).statusCode).toBe(200);
    expect(wrong).toEqual([]);
  });

  it('a sealed cursor with an impossible instant or folio number is a 400, never a 500', async () => {
    const { id, cookie } = officials.get('revisor')!;
    const owner = { secret: t.app.config.secret, officialId: id };
    const positions: Array<[string, Position]> = [
      ['mes 13', { orden: 'fecha_desc', fecha: '2026-13-01T00:00:00.000000Z', id: randomUUID() }],
      ['9999-99-99', { orden: 'fecha_asc', fecha: '9999-99-99T99:99:99.999999Z', id: randomUUID() }],
      ['30 de febrero', { orden: 'fecha_desc', fecha: '2026-02-30T10:00:00.000000Z', id: randomUUID() }],
      ['hora 24', { orden: 'fecha_desc', fecha: '2026-11-10T24:00:00.000000Z', id: randomUUID() }],
      ['año cero', { orden: 'fecha_desc', fecha: '0000-01-01T00:00:00.000000Z', id: randomUUID() }],
      ['folio enorme', { orden: 'folio', programa: 'becas-escolares', numero: '99999999999999999999', id: randomUUID() }],
    ];
    const wrong: string[] = [];
    for (const [label, position] of positions) {
      const res = await queue(`orden=${position.orden}&despues=${encodeCursor(position, owner)}`, cookie);
      if (res.statusCode !== 400 || res.json().error.code !== 'BAD_REQUEST' || !INVALID.test(res.json().error.message)) wrong.push(`${label}: ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    // The control: a real instant sealed the same way is accepted.
    const real = await queue(`orden=fecha_desc&despues=${encodeCursor({ orden: 'fecha_desc', fecha: '2026-11-10T12:00:00.000000Z', id: randomUUID() }, owner)}`, cookie);
    expect(real.statusCode, real.body).toBe(200);
    expect(wrong).toEqual([]);
  });
});
