/**
 * `npm start`: the SIPROS server. With no configuration it runs on a bare machine with Node:
 * embedded PGlite in ./data, jobs in-process, the seed programs published and, outside
 * production, the demo accounts (SIPROS_DEMO; never in production).
 */
import { buildWebIfMissing } from './build-web.ts';
import { closeOnSignals, loadConfigOrExit, startOrExit } from './lifecycle.ts';
import { buildApp } from './server/app.ts';
import { chooseLogFormat, prettyLogStream } from './server/pretty-log.ts';

/** Readable lines at a developer's terminal, JSON for servers and tests (SIPROS_LOG_FORMAT). */
function logStreamOrExit(production: boolean): { write(line: string): void } | undefined {
  try {
    return chooseLogFormat(process.env, production, process.stdout.isTTY === true) === 'pretty' ? prettyLogStream() : undefined;
  } catch (error) {
    console.error(`Configuración inválida: ${(error as Error).message}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const logStream = logStreamOrExit(config.production);
  const app = await startOrExit(async () => {
    if (config.buildWeb) await buildWebIfMissing((message) => console.log(message));
    return buildApp({ config, logStream });
  });
  closeOnSignals(app);
  if (config.demo) {
    const { seedDemo } = await import('./server/demo.ts');
    await seedDemo(app);
  }
  const address = await app.listen({ host: config.host, port: config.port });
  app.log.info(`SIPROS en ${address} (base de datos: ${app.db.kind}; trabajos: ${app.jobs.kind})`);
}

await main();
