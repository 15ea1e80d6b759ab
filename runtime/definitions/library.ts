import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDefinition, loadRuleSet, type DefinitionError, type LoadOptions, type LoadResult, type RuleSet } from '../../engine/index.ts';
import { loadMatchingModel, type MatchingModel, type ModelError, type NameTables } from '../../engine/matching/index.ts';

/** The definitions folder shipped with SIPROS: fragments, rule sets, catalogs and the seed programs. */
export const DEFINITIONS_DIR = fileURLToPath(new URL('../../definitions/', import.meta.url));

export class JsonFileError extends Error {
  constructor(
    readonly file: string,
    readonly code: 'FILE_NOT_FOUND' | 'JSON_MALFORMED',
    message: string,
  ) {
    super(message);
  }
}

/** Line and column of a character offset, for JSON syntax errors a person can find in an editor. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `línea ${line}, columna ${offset - before.lastIndexOf('\n')}`;
}

export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new JsonFileError(file, 'FILE_NOT_FOUND', `No se encontró el archivo ${file}.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const where = position ? ` (${lineAndColumn(text, Number(position[1]))})` : '';
    throw new JsonFileError(file, 'JSON_MALFORMED', `El archivo no es JSON válido${where}: ${(error as Error).message}`);
  }
}

async function jsonFilesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
  } catch {
    return [];
  }
}

export interface Library extends Required<LoadOptions> {
  /** Rule-set files that failed their own checks, reported by `validate`. */
  ruleSetErrors: Array<{ file: string; errors: DefinitionError[] }>;
}

/**
 * Reads the shared fragments and rule sets a definition may use — SIPROS's own, then those of
 * each extra library folder (a state's own blocks, with `fragments/` and `rulesets/` inside) —
 * and the INEGI municipio catalog.
 */
export async function loadLibrary(extraDirs: readonly string[] = []): Promise<Library> {
  const fragments: Record<string, unknown> = {};
  const ruleSets: Record<string, RuleSet> = {};
  const ruleSetErrors: Library['ruleSetErrors'] = [];
  for (const dir of [DEFINITIONS_DIR, ...extraDirs]) {
    for (const file of await jsonFilesIn(join(dir, 'fragments'))) fragments[basename(file)] = await readJsonFile(file);
    for (const file of await jsonFilesIn(join(dir, 'rulesets'))) {
      const result = loadRuleSet(await readJsonFile(file));
      if (result.ok) ruleSets[result.ruleSet.id] = result.ruleSet;
      else ruleSetErrors.push({ file, errors: result.errors });
    }
  }
  const catalog = (await readJsonFile(join(DEFINITIONS_DIR, 'catalogs', 'municipios.json'))) as Array<{ clave: string }>;
  return { fragments, ruleSets, municipios: new Set(catalog.map((m) => m.clave)), ruleSetErrors };
}

/** Program files under the given paths: files as given, and every `program.json` inside folders. */
/** A matching model is a `modelo.json` in a folder named `matching` (definitions/matching/modelo.json). */
const isMatchingModel = (file: string) => basename(file) === 'modelo.json' && basename(dirname(file)) === 'matching';

/** The program definitions and matching models under the given files and folders. */
export async function findDefinitionFiles(paths: readonly string[]): Promise<{ programs: string[]; matchingModels: string[] }> {
  const programs: string[] = [];
  const matchingModels: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') await walk(full);
      else if (entry.name === 'program.json' || entry.name.endsWith('.program.json')) programs.push(full);
      else if (isMatchingModel(full)) matchingModels.push(full);
    }
  };
  for (const p of paths) {
    const full = resolve(p);
    const info = await stat(full).catch(() => null);
    if (!info) throw new JsonFileError(full, 'FILE_NOT_FOUND', `No existe ${p}.`);
    if (info.isDirectory()) await walk(full);
    else (isMatchingModel(full) ? matchingModels : programs).push(full);
  }
  return { programs, matchingModels };
}

export async function findProgramFiles(paths: readonly string[]): Promise<string[]> {
  return (await findDefinitionFiles(paths)).programs;
}

/** SIPROS's own matching model and name tables (definitions/matching). */
export const MATCHING_MODEL_FILE = join(DEFINITIONS_DIR, 'matching', 'modelo.json');

/** A matching model file and the name tables beside it (nombres.json), or SIPROS's own tables when it has none. */
export async function loadMatchingFiles(modelFile: string = MATCHING_MODEL_FILE): Promise<{ ok: true; model: MatchingModel; tables: NameTables } | { ok: false; errors: ModelError[] }> {
  const loaded = loadMatchingModel(await readJsonFile(modelFile));
  if (!loaded.ok) return loaded;
  const beside = join(dirname(modelFile), 'nombres.json');
  const tablesFile = (await stat(beside).catch(() => null)) ? beside : join(DEFINITIONS_DIR, 'matching', 'nombres.json');
  return { ok: true, model: loaded.model, tables: (await readJsonFile(tablesFile)) as NameTables };
}

/** Reads and loads one program file with the library. */
export async function loadProgramFile(file: string, library: LoadOptions): Promise<LoadResult> {
  return loadDefinition(await readJsonFile(file), library);
}
