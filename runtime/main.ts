/**
 * `npm start`: the SIPROS server. With no configuration it runs on a bare machine with Node:
 * embedded PGlite in ./data, jobs in-process, the seed programs published and demo accounts.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from './server/app.ts';
import { ConfigError, loadConfig } from './server/config.ts';

const WEB_DIST = fileURLToPath(new URL('./web/dist/index.html', import.meta.url));

async function buildWebIfMissing(): Promise<void> {
  if (existsSync(WEB_DIST)) return;
  console.log('Construyendo la aplicación web (solo la primera vez)…');
  const { build } = await import('vite');
  await build({ configFile: fileURLToPath(new URL('./web/vite.config.ts', import.meta.url)), logLevel: 'warn' });
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  await buildWebIfMissing();
  const app = await buildApp({ config });
  if (process.env.SIPROS_DEMO !== 'false') {
    const { seedDemo } = await import('./server/demo.ts');
    await seedDemo(app);
  }
  // Graceful shutdown: stop accepting, finish requests and jobs, close the database.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info(`${signal}: cerrando SIPROS…`);
      app.close().then(
        () => process.exit(0),
        (error) => {
          app.log.error(error);
          process.exit(1);
        },
      );
    });
  }
  await app.listen({ host: config.host, port: config.port });
  app.log.info(`SIPROS en http://${config.host}:${config.port} (base de datos: ${app.db.kind}; trabajos: ${app.jobs.kind})`);
}

await main();
