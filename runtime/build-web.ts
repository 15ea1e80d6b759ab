/**
 * The web app's build for `npm start`, in a child process: vite and its bundler keep about 1 GB
 * that a long-running server would otherwise hold until restart; a child gives it back on exit.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIST_INDEX = fileURLToPath(new URL('./web/dist/index.html', import.meta.url));
const VITE_CONFIG = fileURLToPath(new URL('./web/vite.config.ts', import.meta.url));

/** `vite build` run by this same Node binary (no npm or npx needed on PATH). */
export function viteBuildCommand(): string[] {
  const viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  return [process.execPath, viteBin, 'build', '--config', VITE_CONFIG, '--logLevel', 'warn'];
}

export class WebBuildError extends Error {}

/** Runs `command` as a child process with the build's output shown; rejects with a Spanish WebBuildError. */
export function buildWebInChildProcess(command: string[] = viteBuildCommand()): Promise<void> {
  const [file, ...args] = command;
  return new Promise((resolve, reject) => {
    // Always a production build (React's production code, no JSX debug calls), whatever NODE_ENV the caller
    // runs under: vitest sets `test`, which vite would otherwise carry into the bundle (twice the size).
    const child = spawn(file, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
    child.once('error', (error) => reject(new WebBuildError(`No se pudo iniciar la construcción de la aplicación web (${error.message}).${HOW_TO_RECOVER}`)));
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new WebBuildError(`La construcción de la aplicación web falló (${signal ? `señal ${signal}` : `código de salida ${code}`}); los mensajes de arriba dicen por qué.${HOW_TO_RECOVER}`));
    });
  });
}

const HOW_TO_RECOVER = ' Puedes repetirla a mano con «npm run build:web», o arrancar solo la API con SIPROS_WEB_BUILD=false.';

/**
 * Builds the web app when its build is missing; `log` shows the Spanish progress message.
 * `distIndex` and `command` default to the real ones (tests pass others).
 */
export async function buildWebIfMissing(log: (message: string) => void, options: { distIndex?: string; command?: string[] } = {}): Promise<boolean> {
  if (existsSync(options.distIndex ?? WEB_DIST_INDEX)) return false;
  log('Construyendo la aplicación web (solo la primera vez, alrededor de un minuto)…');
  await buildWebInChildProcess(options.command);
  log('Aplicación web construida.');
  return true;
}
