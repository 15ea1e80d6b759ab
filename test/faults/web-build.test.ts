/**
 * Issue 16: the first start built the web app inside the server process, which then kept about
 * 1 GB until restart. The build now runs in a child process (its memory returns to the system when
 * it exits), with the same Spanish progress message and a clear Spanish error when it fails.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWebIfMissing, viteBuildCommands, WebBuildError } from '../../runtime/build-web.ts';

const dir = mkdtempSync(join(tmpdir(), 'sipros-web-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const missingDist = join(dir, 'dist', 'index.html');
const node = (script: string) => [process.execPath, '-e', script];

describe('building the web app on first start', () => {
  it('runs the build in a child process, after saying so in Spanish', async () => {
    const pidFile = join(dir, 'pid');
    const messages: string[] = [];
    const built = await buildWebIfMissing((m) => messages.push(m), { distIndexes: [missingDist], commands: [node(`require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid))`)] });
    expect(built).toBe(true);
    expect(messages[0]).toMatch(/^Construyendo la aplicación web/);
    const builderPid = Number(readFileSync(pidFile, 'utf8'));
    expect(builderPid).toBeGreaterThan(0);
    expect(builderPid, 'the build must not run in the server process').not.toBe(process.pid);
  });

  it('a failed build is a clear Spanish error naming the exit code and how to recover', async () => {
    const failing = buildWebIfMissing(() => {}, { distIndexes: [missingDist], commands: [node('process.exit(3)')] });
    await expect(failing).rejects.toBeInstanceOf(WebBuildError);
    await expect(failing).rejects.toThrow(/La construcción de la aplicación web falló \(código de salida 3\).*npm run build:web.*SIPROS_WEB_BUILD=false/);
  });

  it('does nothing when the build is already there (any existing file stands for it)', async () => {
    const messages: string[] = [];
    expect(await buildWebIfMissing((m) => messages.push(m), { distIndexes: [fileURLToPath(import.meta.url)], commands: [node('process.exit(1)')] })).toBe(false);
    expect(messages).toEqual([]);
  });

  it('the real commands are vite build run by this Node, the portal first and then the designer and the field app, each with its config', () => {
    const commands = viteBuildCommands();
    expect(commands.map((c) => c[4].replaceAll('\\', '/'))).toEqual([
      expect.stringMatching(/runtime\/web\/vite\.config\.ts$/),
      expect.stringMatching(/designer\/vite\.config\.ts$/),
      expect.stringMatching(/campo\/vite\.config\.ts$/),
    ]);
    for (const [file, bin, ...args] of commands) {
      expect(file).toBe(process.execPath);
      expect(existsSync(bin)).toBe(true);
      expect(args.slice(0, 2)).toEqual(['build', '--config']);
      expect(existsSync(args[2])).toBe(true);
    }
  });

  it('a missing designer build is a missing build too', async () => {
    const messages: string[] = [];
    const built = await buildWebIfMissing((m) => messages.push(m), { distIndexes: [fileURLToPath(import.meta.url), missingDist], commands: [node('process.exit(0)')] });
    expect(built).toBe(true);
  });
});
