/**
 * `npm run worker`: a process that only runs background jobs (SMS, …) from Redis, beside any
 * number of API processes started with SIPROS_ROLE=api. Needs REDIS_URL and, to share the
 * database, DATABASE_URL. Stops gracefully on SIGINT/SIGTERM, finishing the jobs in hand.
 */
import { buildApp } from './server/app.ts';
import { ConfigError, loadConfig } from './server/config.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig({ ...process.env, SIPROS_ROLE: 'worker' });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  // Publishing the seed programs is the API processes' business on start, not the workers'.
  const app = await buildApp({ config: { ...config, seedPrograms: false } });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.close().then(
        () => process.exit(0),
        (error) => {
          app.log.error(error);
          process.exit(1);
        },
      );
    });
  }
  app.log.info(`SIPROS: proceso de trabajos en marcha (base de datos: ${app.db.kind}; trabajos: ${app.jobs.kind})`);
  process.send?.({ ready: true });
}

await main();
