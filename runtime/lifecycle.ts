/**
 * What `npm start` (main.ts) and `npm run worker` (worker.ts) share: refusing a bad configuration
 * or an unreachable service with a Spanish message and no stack trace, and a shutdown that ends.
 */
import type { FastifyInstance } from 'fastify';
import { WebBuildError } from './build-web.ts';
import { ConfigError, loadConfig, ServiceUnreachableError, type Config } from './server/config.ts';

/** Exit code when the configuration or a service it names is unusable (as `sipros create-admin`). */
export const EXIT_CONFIG = 2;

/**
 * After SIGTERM/SIGINT the process ends within this, even if something hangs (a request that
 * never finishes, a dependency that never answers): orchestrators send SIGKILL at 10 s.
 */
export const SHUTDOWN_DEADLINE_MS = 9000;

export function loadConfigOrExit(env: NodeJS.ProcessEnv): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(EXIT_CONFIG);
    }
    throw error;
  }
}

/** Runs the start-up; expected refusals print their Spanish message alone and exit non-zero. */
export async function startOrExit<T>(start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (error instanceof ServiceUnreachableError) {
      console.error(error.message);
      process.exit(EXIT_CONFIG);
    }
    if (error instanceof WebBuildError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Graceful shutdown on SIGINT/SIGTERM: stop accepting, finish requests and jobs, close the queue
 * and the database; exit 0 when that completes, 1 on an error or when the deadline forces it.
 */
export function closeOnSignals(app: FastifyInstance): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info(`${signal}: cerrando SIPROS…`);
      const deadline = setTimeout(() => {
        app.log.error(`SIPROS no terminó de cerrar en ${SHUTDOWN_DEADLINE_MS / 1000} s: salida forzada (quedó algo sin responder).`);
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS);
      // The deadline must not be what keeps the process alive once everything is closed.
      deadline.unref();
      app.close().then(
        () => {
          app.log.info('SIPROS cerrado.');
          process.exit(0);
        },
        (error: unknown) => {
          app.log.error({ err: error }, 'error al cerrar SIPROS');
          process.exit(1);
        },
      );
    });
  }
}
