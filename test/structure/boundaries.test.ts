/**
 * The import boundaries of the runtime (issue 10), beside engine/purity.test.ts: each feature module
 * of runtime/server/modules is used by the others only through its entry point (index.ts), the
 * modules import each other without cycles, no production file imports test code, and the two browser
 * apps (runtime/web and designer/) reach no server code through any chain of imports. ESLint checks the
 * same per file as it is written, and that the engine stays pure.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MODULES = join(ROOT, 'runtime/server/modules');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Relative imports of a file, resolved to absolute paths. */
export function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) => resolve(dirname(file), m[1] ?? m[2]));
}

const moduleIn = (modules: string, path: string): string | null => {
  const rel = relative(modules, path);
  return rel.startsWith('..') ? null : rel.split('/')[0];
};

/** Imports that reach into another module's files instead of its index.ts. */
export function internalImports(files: readonly string[], modules = MODULES): string[] {
  return files.flatMap((file) => {
    const own = moduleIn(modules, file);
    return importsOf(file)
      .filter((target) => {
        const other = moduleIn(modules, target);
        return other !== null && other !== own && relative(join(modules, other), target) !== 'index.ts';
      })
      .map((target) => `${relative(ROOT, file)} → ${relative(ROOT, target)}`);
  });
}

/** Every cycle between modules, each as «a → b → a». */
export function moduleCycles(files: readonly string[], modules = MODULES): string[] {
  const edges = new Map<string, Set<string>>();
  for (const file of files) {
    const from = moduleIn(modules, file);
    if (!from) continue;
    for (const target of importsOf(file)) {
      const to = moduleIn(modules, target);
      if (to && to !== from) edges.set(from, new Set([...(edges.get(from) ?? []), to]));
    }
  }
  const cycles = new Set<string>();
  const walk = (node: string, path: string[]) => {
    for (const next of edges.get(node) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) {
        const loop = path.slice(at);
        const start = loop.indexOf([...loop].sort()[0]);
        cycles.add([...loop.slice(start), ...loop.slice(0, start), loop[start]].join(' → '));
      } else walk(next, [...path, next]);
    }
  };
  for (const node of edges.keys()) walk(node, [node]);
  return [...cycles].sort();
}

/** Code that runs only in the server: the browser apps must never reach it. */
const SERVER_ONLY = /^(?:runtime\/(?:server|db|jobs|cli|definitions)\/|runtime\/[^/]+\.ts$|definitions\/|test\/)/;
const SERVER_PACKAGE = /^(?:node:|fastify|@fastify\/|@mikro-orm\/|pg$|pg-|bullmq|ioredis|@electric-sql\/pglite)/;

function packagesOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^.'"][^'"]*)['"]|import\(\s*['"]([^.'"][^'"]*)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
}

/**
 * The relative imports of a file that stay in the built code: `import type` / `export type` are erased by the
 * compiler (the field app uses the engine's eligibility, whose file names the loader's types only as types).
 */
function runtimeImportsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/\b(?:import|export) type\s+(?:\{[^}]*\}|\*\s+as\s+\w+|\w+)\s+from\s*['"][^'"]+['"]/g, '');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) => resolve(dirname(file), m[1] ?? m[2]));
}

/** Every chain of imports from `entries` that ends in server code or a server package, as «a → b → server». */
export function serverReach(entries: readonly string[], root = ROOT): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const here = [...chain, relative(root, file)];
    for (const pkg of packagesOf(file)) if (SERVER_PACKAGE.test(pkg)) found.push([...here, pkg].join(' → '));
    for (const target of runtimeImportsOf(file)) {
      const rel = relative(root, target);
      if (SERVER_ONLY.test(rel)) found.push([...here, rel].join(' → '));
      else if (/\.tsx?$/.test(target)) visit(target, here);
    }
  };
  for (const entry of entries) visit(entry, []);
  return found;
}

describe('the browser apps reach no server code', () => {
  it('from the portal\'s, the designer\'s and the field app\'s entries, through every import', () => {
    const entries = ['runtime/web/src/main.tsx', 'designer/src/main.tsx', 'campo/src/main.tsx'].map((f) => join(ROOT, f));
    expect(serverReach(entries)).toEqual([]);
  });

  it('catches a server import two steps away (the check can fail)', () => {
    const root = mkdtempSync(join(tmpdir(), 'sipros-navegador-'));
    try {
      const write = (path: string, text: string) => {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      };
      write('designer/src/main.tsx', "import { a } from './a.ts';\nimport { b } from './b.ts';\nexport const m = [a, b];\n");
      write('designer/src/a.ts', "import { db } from '../../runtime/db/orm.ts';\nimport { readFileSync } from 'node:fs';\nexport const a = [db, readFileSync];\n");
      write('runtime/db/orm.ts', 'export const db = 1;\n');
      // A type-only import is erased from the built code: not a reach.
      write('designer/src/b.ts', "import type {\n  Db,\n} from '../../runtime/db/orm.ts';\nexport type B = Db;\nexport const b: B | null = null;\n");
      expect(serverReach([join(root, 'designer/src/main.tsx')], root)).toEqual([
        'designer/src/main.tsx → designer/src/a.ts → node:fs',
        'designer/src/main.tsx → designer/src/a.ts → runtime/db/orm.ts',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('runtime boundaries', () => {
  const files = sourceFiles(join(ROOT, 'runtime'));

  it('finds the runtime sources', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('each module is used by the others only through its index.ts', () => {
    expect(internalImports(files)).toEqual([]);
  });

  it('modules import each other without cycles', () => {
    expect(moduleCycles(files)).toEqual([]);
  });

  it('no production file imports test code', () => {
    const intoTests = files.flatMap((file) => importsOf(file).filter((t) => relative(ROOT, t).startsWith('test/')).map((t) => `${relative(ROOT, file)} → ${relative(ROOT, t)}`));
    expect(intoTests).toEqual([]);
  });

  it('catches a deep import and a cycle in a tree that has them (the checks can fail)', () => {
    const modules = mkdtempSync(join(tmpdir(), 'sipros-limites-'));
    try {
      const write = (path: string, text: string) => {
        mkdirSync(dirname(join(modules, path)), { recursive: true });
        writeFileSync(join(modules, path), text);
      };
      write('a/index.ts', "export { x } from './x.ts';\n");
      write('a/x.ts', "import { y } from '../b/index.ts';\nexport const x = y;\n");
      write('b/index.ts', "export { y } from './y.ts';\n");
      write('b/y.ts', "import { x } from '../a/x.ts';\nexport const y = x;\n");
      const files = ['a/index.ts', 'a/x.ts', 'b/index.ts', 'b/y.ts'].map((f) => join(modules, f));
      expect(internalImports(files, modules)).toEqual([expect.stringMatching(/b\/y\.ts → .*a\/x\.ts$/)]);
      expect(moduleCycles(files, modules)).toEqual(['a → b → a']);
    } finally {
      rmSync(modules, { recursive: true, force: true });
    }
  });
});
