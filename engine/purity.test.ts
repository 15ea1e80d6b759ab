import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENGINE = fileURLToPath(new URL('.', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

// d3-geo: spherical geometry on data passed in (engine/territorio/municipios.ts), no I/O.
const ALLOWED_PACKAGES = ['ajv', 'ajv-formats', 'xstate', 'json-logic-engine', 'd3-geo'];
const FORBIDDEN_CALLS: Array<[RegExp, string]> = [
  [/\bDate\.now\s*\(/, 'reads the clock'],
  [/\bnew Date\(\s*\)/, 'reads the clock'],
  [/\bMath\.random\s*\(/, 'uses randomness'],
  [/\bperformance\.now\s*\(/, 'reads the clock'],
  [/\bprocess\.(env|argv|exit|cwd|stdout|stderr|stdin|hrtime)\b/, 'reads the process'],
  [/\bfetch\s*\(/, 'does network I/O'],
  [/\brequire\s*\(/, 'loads modules dynamically'],
];

describe('engine purity', () => {
  const files = sourceFiles(ENGINE);

  it('finds the engine sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(ENGINE, f), f]))('%s imports only pure modules and does no I/O', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(/(?:import|export)[^'"]*from\s*['"]([^'"]+)['"]/g)) {
      const isRelative = spec.startsWith('.');
      if (isRelative) {
        // Only the engine itself and the definitions' JSON meta-schemas (data, no code).
        const target = join(file, '..', spec);
        const inside = target.startsWith(ENGINE) || /definitions\/schema\/[a-z-]+\.schema\.json$/.test(target);
        expect(inside, `${spec} sale del motor`).toBe(true);
      } else {
        expect(ALLOWED_PACKAGES, `${spec} no es una dependencia pura permitida`).toContain(spec.split('/')[0]);
      }
    }
    for (const [pattern, why] of FORBIDDEN_CALLS) expect(pattern.test(source), `${why}: ${pattern}`).toBe(false);
  });
});
