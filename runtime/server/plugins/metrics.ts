import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AbstractSqlConnection } from '@mikro-orm/postgresql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AppError } from '../errors.ts';
import { errorsPlugin } from './errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: {
      /** This process's metrics: modules add their own to it (e.g. modules/sms). */
      registry: Registry;
      /**
       * Serves GET /api/metrics alone on `port` (of HOST): for a process that serves no HTTP,
       * `npm run worker`. Closed with the app. Resolves to the address it listens on.
       */
      listenAlone(port: number): Promise<string>;
      /** Notes how many calls went to the database together as one grouped statement (runtime/db/batch.ts). */
      grouped(statement: string, calls: number): void;
    };
  }
}

export const METRICS_PATH = '/api/metrics';

/** The label of requests no route matched (any URL at all): one series, however many URLs are tried. */
export const NO_ROUTE = 'sin_ruta';

/** Seconds. Finer below 100 ms, where the intake aims (p99 < 100 ms), coarser up to the 30 s statement limit. */
const REQUEST_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const JOB_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/** Requests that reach the server straight from this machine; an IPv4 address may come mapped into IPv6. */
const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3})$/;
/** Set by a reverse proxy: behind one on the same machine, every outside request arrives from loopback. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'] as const;

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may read the metrics: with METRICS_TOKEN, whoever sends it as a bearer token; without it,
 * only requests made directly from this machine. Throws the refusal (401 or 403, in Spanish).
 */
function metricsAccess(token: string | null): (request: FastifyRequest) => void {
  const expected = token === null ? null : digest(token);
  return (request) => {
    if (expected) {
      const given = /^Bearer +(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
      // Digests of equal length, compared in constant time: the answer's timing says nothing of the token.
      if (!timingSafeEqual(digest(given), expected)) throw new AppError('AUTH_REQUIRED', 'Las métricas piden el token de METRICS_TOKEN en el encabezado «Authorization: Bearer <token>».');
      return;
    }
    const direct = PROXY_HEADERS.every((header) => request.headers[header] === undefined);
    if (!direct || !LOOPBACK.test(request.socket.remoteAddress ?? '')) {
      throw new AppError('FORBIDDEN', 'Las métricas solo se sirven a esta misma máquina; para leerlas desde otra, configura METRICS_TOKEN y envíalo en el encabezado «Authorization: Bearer <token>».');
    }
  };
}

function addMetricsRoute(server: FastifyInstance, registry: Registry, token: string | null): void {
  const allowed = metricsAccess(token);
  server.get(
    METRICS_PATH,
    {
      schema: {
        tags: ['sistema'],
        summary: 'Métricas (Prometheus)',
        description: 'Formato de texto de Prometheus. Con METRICS_TOKEN, pide «Authorization: Bearer <token>» (401 sin él); sin METRICS_TOKEN, solo responde a peticiones directas desde la misma máquina (403 las demás).',
      },
      onRequest: async (request) => allowed(request),
    },
    async (_request: FastifyRequest, reply: FastifyReply) => reply.header('cache-control', 'no-store').type(registry.contentType).send(await registry.metrics()),
  );
}

/**
 * Request rate and latency per route pattern. Kept tiny, it runs for every request: one histogram
 * observation, no hook before the handler (Fastify already timed the request).
 */
export function requestMetrics(app: FastifyInstance, registry: Registry): void {
  const requests = new Histogram({
    name: 'sipros_http_request_duration_seconds',
    help: 'Duración de las peticiones HTTP por método, ruta (su patrón, p. ej. /api/solicitudes/:id) y código de respuesta; su _count da la tasa de peticiones.',
    labelNames: ['method', 'route', 'status_code'],
    buckets: REQUEST_BUCKETS,
    registers: [registry],
  });
  app.addHook('onResponse', (request, reply, done) => {
    requests.observe({ method: request.method, route: request.routeOptions.url ?? NO_ROUTE, status_code: reply.statusCode }, reply.elapsedTime / 1000);
    done();
  });
}

/** The part of knex's pool (tarn) read here: the one pool MikroORM and the hand-written SQL share. */
interface ConnectionPool {
  max: number;
  numUsed(): number;
  numFree(): number;
  numPendingCreates(): number;
  numPendingAcquires(): number;
}

function poolOf(app: FastifyInstance): ConnectionPool | null {
  const knex = (app.db.orm.em.getConnection() as AbstractSqlConnection).getKnex();
  return (knex.client as { pool?: ConnectionPool }).pool ?? null;
}

/**
 * The connection pool, read when scraped (nothing per query). PostgreSQL: up to 20 connections;
 * PGlite: its one in-process connection, so `waiting` is the statements queued behind it.
 */
function poolMetrics(app: FastifyInstance, registry: Registry): void {
  const database = app.db.kind;
  new Gauge({
    name: 'sipros_db_pool_connections',
    help: 'Conexiones del pool a la base de datos por estado: used (en uso), free (libres), creating (abriéndose).',
    labelNames: ['database', 'state'],
    registers: [registry],
    collect() {
      const pool = poolOf(app);
      if (!pool) return this.reset();
      this.set({ database, state: 'used' }, pool.numUsed());
      this.set({ database, state: 'free' }, pool.numFree());
      this.set({ database, state: 'creating' }, pool.numPendingCreates());
    },
  });
  new Gauge({
    name: 'sipros_db_pool_waiting',
    help: 'Peticiones que esperan una conexión libre del pool (si crece, el pool está saturado).',
    labelNames: ['database'],
    registers: [registry],
    collect() {
      const pool = poolOf(app);
      if (pool) this.set({ database }, pool.numPendingAcquires());
      else this.reset();
    },
  });
  new Gauge({
    name: 'sipros_db_pool_max',
    help: 'Conexiones que el pool puede abrir como máximo.',
    labelNames: ['database'],
    registers: [registry],
    collect() {
      const pool = poolOf(app);
      if (pool) this.set({ database }, pool.max);
      else this.reset();
    },
  });
}

/**
 * Jobs: what this process ran (counted as each attempt ends) and the queue's depth, read when
 * scraped (one atomic count in Redis). The depth is the whole queue's, the same from every process.
 */
function jobMetrics(app: FastifyInstance, registry: Registry): void {
  const attempts = new Counter({
    name: 'sipros_jobs_total',
    help: 'Intentos de trabajos en segundo plano que corrió este proceso, por trabajo y resultado: completed, retry (falló y se reintentará) o failed (falló su último intento).',
    labelNames: ['job', 'result'],
    registers: [registry],
  });
  const seconds = new Histogram({ name: 'sipros_job_duration_seconds', help: 'Duración de cada intento de un trabajo.', labelNames: ['job'], buckets: JOB_BUCKETS, registers: [registry] });
  app.jobs.observe((job, result, took) => {
    attempts.inc({ job, result });
    seconds.observe({ job }, took);
  });
  const kind = app.jobs.kind;
  new Gauge({
    name: 'sipros_job_queue_jobs',
    help: 'Trabajos en la cola por estado: waiting, active, delayed (programados o esperando reintento), prioritized y failed (fallidos, guardados 7 días; solo BullMQ). Sin valor si Redis no responde.',
    labelNames: ['kind', 'state'],
    registers: [registry],
    async collect() {
      const depth = await app.jobs.depth().catch(() => null);
      this.reset();
      for (const [state, count] of Object.entries(depth ?? {})) this.set({ kind, state }, count ?? 0);
    },
  });
}

/**
 * GET /api/metrics in Prometheus's text format, one registry per process: request rate and
 * latency per route pattern (never the raw URL, so ids do not multiply the series), the database
 * pool, the job queue, jobs run and failed, the SMS (modules/sms) and Node's own (CPU, memory,
 * event loop, GC). API processes answer on their port; `npm run worker` on METRICS_PORT.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance) => {
    const registry = new Registry();
    // Applied when the text is written, not at each observation: tells an API process from a worker.
    registry.setDefaultLabels({ role: app.config.role });
    collectDefaultMetrics({ register: registry });

    requestMetrics(app, registry);
    poolMetrics(app, registry);
    jobMetrics(app, registry);
    addMetricsRoute(app, registry, app.config.metricsToken);

    const groups = new Histogram({
      name: 'sipros_db_grouped_calls',
      help: 'Llamadas que fueron juntas a la base de datos en una sentencia agrupada (sesiones, borradores y folios del envío), por sentencia; su _sum / _count es el tamaño medio del grupo.',
      labelNames: ['statement'],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers: [registry],
    });
    const alone: FastifyInstance[] = [];
    app.decorate('metrics', {
      registry,
      grouped: (statement: string, calls: number) => groups.observe({ statement }, calls),
      async listenAlone(port: number) {
        const server = Fastify({ logger: false });
        await server.register(errorsPlugin);
        addMetricsRoute(server, registry, app.config.metricsToken);
        alone.push(server);
        return server.listen({ host: app.config.host, port });
      },
    });
    app.addHook('onClose', async () => {
      await Promise.all(alone.map((server) => server.close()));
    });
  },
  { name: 'sipros-metrics', fastify: '5.x', dependencies: ['sipros-db', 'sipros-jobs'] },
);
