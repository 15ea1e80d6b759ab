import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import helmet from '@fastify/helmet';
import compress from '@fastify/compress';
import type { Config } from './config.ts';
import { openDatabase, type Database } from '../db/orm.ts';
import { createJobQueue, type JobQueue } from '../jobs/queue.ts';
import { loadLibrary, type Library } from '../definitions/library.ts';
import { errorsPlugin, frameworkErrors } from './plugins/errors.ts';
import { inputGuardPlugin } from './plugins/input-guard.ts';
import { dbPlugin } from './plugins/db.ts';
import { jobsPlugin } from './plugins/jobs.ts';
import { metricsPlugin } from './plugins/metrics.ts';
import { healthRoutes } from './modules/health/index.ts';
import { programsRoutes } from './modules/programs/index.ts';
import { accountsRoutes } from './modules/accounts/index.ts';
import { applicationsRoutes, officialEventsRoutes } from './modules/applications/index.ts';
import { privateLogOptions } from './modules/officials/index.ts';
import { queueRoutes } from './modules/queue/index.ts';
import { dashboardRoutes } from './modules/dashboard/index.ts';
import { deliveryRoutes } from './modules/delivery/index.ts';
import { adminRoutes, loadAreaCatalog } from './modules/admin/index.ts';
import { citizenServiceRoutes } from './modules/citizen-service/index.ts';
import { ventanillaRoutes } from './modules/ventanilla/index.ts';
import { designerRoutes } from './modules/designer/index.ts';
import { padronRoutes } from './modules/padron/index.ts';
import { seedTerritory, territorioRoutes } from './modules/territorio/index.ts';
import { campoRoutes } from './modules/campo/index.ts';
import { resumeDurableWork } from '../jobs/durable-work.ts';
import { ProgramCache } from './modules/programs/index.ts';
import { seedPrograms } from './modules/programs/index.ts';
import { authPlugin } from './plugins/auth.ts';
import { originPlugin } from './plugins/origin.ts';
import { smsPlugin } from './modules/sms/index.ts';
import { webPlugin } from './plugins/web.ts';
import type { SmsProvider } from './modules/sms/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    /** The current instant: injected so tests can fix the date of a call. */
    clock: () => Date;
    library: Library;
    programs: ProgramCache;
  }
}

export interface AppOptions {
  config: Config;
  clock?: () => Date;
  /** Already opened services (tests share or inspect them); opened from the config otherwise. */
  db?: Database;
  jobs?: JobQueue;
  /** Replaces the configured SMS provider (tests). */
  smsProvider?: SmsProvider;
  /** Where log lines go instead of standard output (tests read them). */
  logStream?: { write(line: string): void };
}

/** Builds the SIPROS server: plugins per concern, modules per feature, all under /api. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    // CURPs masked and search text left out of every log line (officials/log-privacy.ts).
    logger: { level: config.logLevel, ...privateLogOptions, ...(options.logStream ? { stream: options.logStream } : {}) },
    bodyLimit: 1024 * 1024,
    // Router errors (bad URL encoding, path values over maxParamLength) through the one error handler.
    frameworkErrors,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  });
  app.decorate('config', config);
  app.decorate('clock', options.clock ?? (() => new Date()));
  const library = await loadLibrary();
  app.decorate('library', library);
  app.decorate('programs', new ProgramCache(library.municipios));

  await app.register(errorsPlugin);
  await app.register(inputGuardPlugin);
  await app.register(originPlugin);
  await app.register(helmet, { contentSecurityPolicy: false });
  // Answers of 1 KB or more travel gzipped when the browser accepts it: the portal's scripts, catalog slices
  // (colonias of a postal code, localidades), the map's outlines, JSON lists and downloads. gzip only: brotli
  // on the fly at its default quality costs far more CPU than it saves on a phone's connection.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['gzip'] });
  await app.register(swagger, {
    openapi: { info: { title: 'SIPROS API', description: 'API del Sistema de Programas Sociales. Todos los errores: {error: {code, message, details?}}.', version: '0.1.0' } },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  const db = options.db ?? (await openDatabase(config));
  await app.register(dbPlugin, { db });
  const jobs = options.jobs ?? createJobQueue(config.redisUrl, (msg, extra) => app.log.warn(extra, msg), config.role !== 'api', config.queueName);
  await app.register(jobsPlugin, { jobs });
  await app.register(metricsPlugin);
  await app.register(authPlugin);
  await app.register(smsPlugin, { provider: options.smsProvider });

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(programsRoutes);
      await api.register(accountsRoutes);
      await api.register(applicationsRoutes);
      await api.register(officialEventsRoutes);
      await api.register(queueRoutes);
      await api.register(dashboardRoutes);
      await api.register(deliveryRoutes);
      await api.register(adminRoutes);
      await api.register(citizenServiceRoutes);
      await api.register(ventanillaRoutes);
      await api.register(designerRoutes);
      await api.register(padronRoutes);
      await api.register(territorioRoutes);
      await api.register(campoRoutes);
    },
    { prefix: '/api' },
  );
  await app.register(webPlugin);
  await app.ready();
  if (config.seedPrograms) await seedPrograms(app);
  await seedTerritory(app.db.sql, app.clock());
  await loadAreaCatalog(app);
  // Never fatal: with Redis away the server still starts (health answers 503) and the pending
  // work stays in the database until the periodic sweep of the jobs plugin enqueues it.
  await resumeDurableWork(app);
  return app;
}
