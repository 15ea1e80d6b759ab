/**
 * The web app's build for `npm start`, in a child process: vite and its bundler keep about 1 GB
 * that a long-running server would otherwise hold until restart; a child gives it back on exit.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The apps' pages: the portal's, the designer's and the brigades' field app's (built into the portal's folder, after it). */
export const WEB_DIST_INDEXES = [
  fileURLToPath(new URL('./web/dist/index.html', import.meta.url)),
  fileURLToPath(new URL('./web/dist/disenador/index.html', import.meta.url)),
  fileURLToPath(new URL('./web/dist/campo/index.html', import.meta.url)),
];
/** In this order: the portal's build empties runtime/web/dist, the designer's and the field app's then write into it. */
const VITE_CONFIGS = [
  fileURLToPath(new URL('./web/vite.config.ts', import.meta.url)),
  fileURLToPath(new URL('../designer/vite.config.ts', import.meta.url)),
  fileURLToPath(new URL('../campo/vite.config.ts', import.meta.url)),
];

/** One `vite build` per app, run by this same Node binary (no npm or npx needed on PATH). */
export function viteBuildCommands(): string[][] {
  const viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  return VITE_CONFIGS.map((config) => [process.execPath, viteBin, 'build', '--config', config, '--logLevel', 'warn']);
}

export class WebBuildError extends Error {}

/** Runs `commands` one after the other, each a child process with its output shown; rejects with a Spanish WebBuildError. */
export async function buildWebInChildProcess(commands: string[][] = viteBuildCommands()): Promise<void> {
  for (const command of commands) await runBuild(command);
}

function runBuild(command: string[]): Promise<void> {
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
 * Builds the web apps when a build is missing; `log` shows the Spanish progress message.
 * `distIndexes` and `commands` default to the real ones (tests pass others).
 */
export async function buildWebIfMissing(log: (message: string) => void, options: { distIndexes?: string[]; commands?: string[][] } = {}): Promise<boolean> {
  if ((options.distIndexes ?? WEB_DIST_INDEXES).every((index) => existsSync(index))) return false;
  log('Construyendo la aplicación web (solo la primera vez, alrededor de un minuto)…');
  await buildWebInChildProcess(options.commands);
  log('Aplicación web construida.');
  return true;
}
