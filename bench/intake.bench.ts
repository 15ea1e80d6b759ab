/**
 * npm run bench:intake — on PostgreSQL, with autocannon over HTTP, side by side in one run:
 * a bare Fastify route, then the submission endpoint (validation + eligibility + workflow +
 * persistence + history + SMS outbox) for thousands of prepared drafts. Prints requests per
 * second, p50/p99 latency and their ratio. DATABASE_URL (default: the local server's `test`
 * database) is used to create and drop a database of its own.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { curpCheckDigit } from '../engine/curp.ts';
import { buildApp } from '../runtime/server/app.ts';
import { loadConfig } from '../runtime/server/config.ts';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PROGRAM = 'apoyo-tecnologico';
const DRAFTS = Number(process.env.BENCH_DRAFTS ?? 30_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const definition = JSON.parse(readFileSync(new URL(`../definitions/programs/${PROGRAM}/program.json`, import.meta.url), 'utf8'));
const base = definition.tests.base as { at: string; answers: Record<string, unknown> };

async function admin<T>(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

/** Distinct, valid CURPs of students born in 2009–2010 (eligible: 15–19 on the reference date). */
function* studentCurps(): Generator<string> {
  const letters = 'BCDFGHJKLMNPRSTVZ';
  const vowels = 'AEIOU';
  for (let i = 0; ; i++) {
    const name = letters[i % 17] + vowels[Math.floor(i / 17) % 5] + letters[Math.floor(i / 85) % 17] + letters[Math.floor(i / 1445) % 17];
    const day = String((Math.floor(i / 24565) % 28) + 1).padStart(2, '0');
    const first17 = `${name}09${String((i % 12) + 1).padStart(2, '0')}${day}${i % 2 ? 'H' : 'M'}QTRMSA`;
    yield first17 + curpCheckDigit(first17);
  }
}

async function prepareDrafts(dbUrl: string, n: number): Promise<Array<{ cookie: string; path: string }>> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const version = (await client.query('select current_version from program where id = $1', [PROGRAM])).rows[0].current_version;
  const docTypes = (definition.documents as Array<{ id: string }>).map((d) => d.id);
  const curps = studentCurps();
  const out: Array<{ cookie: string; path: string }> = [];
  const now = new Date(base.at);
  for (let start = 0; start < n; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, n - start) }, () => {
      const curp = curps.next().value as string;
      return { citizen: randomUUID(), app: randomUUID(), curp, birth: `20${curp.slice(4, 6)}-${curp.slice(6, 8)}-${curp.slice(8, 10)}`, sex: curp[10], token: randomBytes(24).toString('base64url') };
    });
    await client.query('begin');
    await client.query(
      `insert into citizen (id, curp, nombres, primer_apellido, fecha_nacimiento, sexo, telefono, telefono_verificado, password_hash, created_at, updated_at)
       select id, curp, 'ESTUDIANTE', 'PRUEBA', birth::date, sex, '4421234567', true, 'x', $5, $5 from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as t(id, curp, birth, sex)`,
      [rows.map((r) => r.citizen), rows.map((r) => r.curp), rows.map((r) => r.birth), rows.map((r) => r.sex), now],
    );
    await client.query(
      `insert into session (token_hash, subject_type, subject_id, created_at, expires_at)
       select h, 'ciudadano', id, $3, $3::timestamptz + interval '30 days' from unnest($1::text[], $2::uuid[]) as t(h, id)`,
      [rows.map((r) => createHash('sha256').update(r.token).digest('hex')), rows.map((r) => r.citizen), now],
    );
    await client.query(
      `insert into application (id, citizen_id, program_id, program_version, status, answers, created_at, updated_at)
       select a, c, $3, $4, 'Borrador', $5::jsonb, $6, $6 from unnest($1::uuid[], $2::uuid[]) as t(a, c)`,
      [rows.map((r) => r.app), rows.map((r) => r.citizen), PROGRAM, version, JSON.stringify(base.answers), now],
    );
    await client.query(
      `insert into document (id, application_id, document_type, sha256, size, media_type, original_name, uploaded_by, uploaded_at)
       select gen_random_uuid(), a, d, repeat('0', 64), 1000, 'application/pdf', d || '.pdf', 'bench', $3 from unnest($1::uuid[]) as t(a) cross join unnest($2::text[]) as u(d)`,
      [rows.map((r) => r.app), docTypes, now],
    );
    await client.query('commit');
    for (const r of rows) out.push({ cookie: `sipros_sesion=${r.token}`, path: `/api/solicitudes/${r.app}/enviar` });
  }
  await client.end();
  return out;
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

const dbName = `sipros_bench_${randomBytes(4).toString('hex')}`;
await admin(`create database ${dbName}`);
const dbUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${dbName}` }).toString();
const bare = Fastify();
bare.get('/ping', async () => ({ ok: true }));
let app: Awaited<ReturnType<typeof buildApp>> | undefined;
try {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: dbUrl, STORAGE_DIR: `/tmp/${dbName}` });
  app = await buildApp({ config, clock: () => new Date(base.at) });
  console.log(`Preparando ${DRAFTS.toLocaleString('es-MX')} borradores con sus documentos en PostgreSQL…`);
  const drafts = await prepareDrafts(dbUrl, DRAFTS);
  const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

  const ping = await run({ url: `${bareUrl}/ping`, connections: CONNECTIONS, duration: DURATION });
  let next = 0;
  const submissions = await run({
    url: appUrl,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const draft = drafts[next++ % drafts.length];
          return { ...request, path: draft.path, headers: { ...request.headers, cookie: draft.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ respuestas: base.answers }) };
        },
      },
    ],
  });
  await app.jobs.idle();
  const issued = (await app.db.orm.em.fork().getConnection().execute(`select count(*)::int as n from application where folio is not null`))[0].n;
  const fmt = (n: number) => Math.round(n).toLocaleString('es-MX');
  const row = (name: string, r: autocannon.Result) =>
    `${name.padEnd(34)}${fmt(r.requests.average).padStart(10)}/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   2xx ${fmt(r['2xx'])}   no-2xx ${fmt(r.non2xx)}   errores ${r.errors + r.timeouts}`;
  console.log(`\n${CONNECTIONS} conexiones, ${DURATION} s cada prueba, PostgreSQL ${app.db.kind === 'postgresql' ? '' : '(¡no!) '}y trabajos ${app.jobs.kind}:`);
  console.log(row('Ruta Fastify vacía (GET /ping)', ping));
  console.log(row('Envío de solicitud (POST /enviar)', submissions));
  console.log(`Folios emitidos: ${fmt(issued)} para ${fmt(submissions['2xx'])} respuestas 2xx (las peticiones en curso al terminar la medición también se completan).`);
  console.log(`Envíos por segundo / peticiones por segundo de la ruta vacía: ${(submissions.requests.average / ping.requests.average).toFixed(3)}; p99 envío / p99 ruta vacía: ${(submissions.latency.p99 / Math.max(1, ping.latency.p99)).toFixed(1)}×`);
  console.log(`Meta: ≥ 1,500 envíos/s con p99 < 100 ms → ${submissions.requests.average >= 1500 && submissions.latency.p99 < 100 ? 'cumplida' : 'no cumplida'} (${fmt(submissions.requests.average)}/s, p99 ${submissions.latency.p99} ms).`);
} finally {
  await app?.close();
  await bare.close();
  await admin(`drop database if exists ${dbName} with (force)`);
}
