/**
 * `npm run worker`: a process that only runs background jobs (SMS, …) from Redis, beside any
 * number of API processes started with SIPROS_ROLE=api. Needs REDIS_URL and, to share the
 * database, DATABASE_URL. Stops gracefully on SIGINT/SIGTERM, finishing the jobs in hand, and
 * within SHUTDOWN_DEADLINE_MS whatever happens (lifecycle.ts).
 */
import { closeOnSignals, loadConfigOrExit, startOrExit } from './lifecycle.ts';
import { buildApp } from './server/app.ts';

async function main(): Promise<void> {
  const config = loadConfigOrExit({ ...process.env, SIPROS_ROLE: 'worker' });
  // Publishing the seed programs is the API processes' business on start, not the workers'.
  const app = await startOrExit(() => buildApp({ config: { ...config, seedPrograms: false } }));
  closeOnSignals(app);
  app.log.info(`SIPROS: proceso de trabajos en marcha (base de datos: ${app.db.kind}; trabajos: ${app.jobs.kind})`);
  process.send?.({ ready: true });
}

await main();
