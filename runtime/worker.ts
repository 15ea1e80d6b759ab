/**
 * `npm run worker`: a process that only runs background jobs (SMS, …) from Redis, beside any
 * number of API processes started with SIPROS_ROLE=api. Needs REDIS_URL and, to share the
 * database, DATABASE_URL. With METRICS_PORT it answers its own metrics there (GET /api/metrics,
 * README «Métricas»). Stops gracefully on SIGINT/SIGTERM, finishing the jobs in hand, and
 * within SHUTDOWN_DEADLINE_MS whatever happens (lifecycle.ts).
 */
import { closeOnSignals, EXIT_CONFIG, loadConfigOrExit, startOrExit } from './lifecycle.ts';
import { buildApp } from './server/app.ts';

async function main(): Promise<void> {
  const config = loadConfigOrExit({ ...process.env, SIPROS_ROLE: 'worker' });
  // Publishing the seed programs is the API processes' business on start, not the workers'.
  const app = await startOrExit(() => buildApp({ config: { ...config, seedPrograms: false } }));
  closeOnSignals(app);
  app.log.info(`SIPROS: proceso de trabajos en marcha (base de datos: ${app.db.kind}; trabajos: ${app.jobs.kind})`);
  // The job and SMS counters live in this process: Prometheus scrapes them here, beside each API process.
  if (config.metricsPort !== null) {
    const address = await app.metrics.listenAlone(config.metricsPort).catch((error: Error) => {
      console.error(`No se pudo abrir el puerto de métricas METRICS_PORT=${config.metricsPort} en ${config.host} (${error.message}); elige otro puerto o quita METRICS_PORT.`);
      process.exit(EXIT_CONFIG);
    });
    app.log.info(`SIPROS: métricas del proceso de trabajos en ${address}/api/metrics`);
  }
  process.send?.({ ready: true });
}

await main();
