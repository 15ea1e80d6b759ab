/**
 * Brotli and gzip copies of the built web app's text files, written next to each file (`x.js.br`,
 * `x.js.gz`) so the server sends them as they are (@fastify/static `preCompressed`) instead of
 * compressing on every request or not at all. Done once at build time, so brotli runs at its slowest,
 * smallest setting.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text formats; images and fonts in the build are compressed formats already. */
export const COMPRESSIBLE_FILE = /\.(?:js|mjs|css|html|svg|json|webmanifest)$/;

export interface CompressedFile {
  file: string;
  raw: number;
  br: number | null;
  gz: number | null;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && COMPRESSIBLE_FILE.test(e.name)).map((e) => join(e.parentPath, e.name));
}

/** Writes `encoded` beside `file` only when it is smaller: the server then falls back to the plain file. */
async function writeIfSmaller(path: string, encoded: Buffer, raw: Buffer): Promise<number | null> {
  if (encoded.length >= raw.length) return null;
  await writeFile(path, encoded);
  return encoded.length;
}

async function compressOne(file: string): Promise<CompressedFile> {
  const raw = await readFile(file);
  const [br, gz] = await Promise.all([
    brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
    gzipAsync(raw, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  return { file, raw: raw.length, br: await writeIfSmaller(`${file}.br`, br, raw), gz: await writeIfSmaller(`${file}.gz`, gz, raw) };
}

/** Compresses every text file under `dir` (the build output, public files included). */
export async function precompressFolder(dir: string): Promise<CompressedFile[]> {
  return Promise.all((await filesUnder(dir)).map(compressOne));
}

/** Vite build step: after the bundle (and the public folder) is written, compress the output folder. */
export function precompressPlugin(): Plugin {
  return {
    name: 'sipros-precompress',
    apply: 'build',
    enforce: 'post',
    async writeBundle(options) {
      if (options.dir) await precompressFolder(options.dir);
    },
  };
}
