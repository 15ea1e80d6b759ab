/**
 * Prints the size figures the code is held to (issue 10): functions over 150 lines in non-test code,
 * the p90 length of React components, and files over 400 lines (tables and generated types aside).
 * Run with `npm run sizes`; `--json` prints the figures for a test or a note.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = new URL('../../', import.meta.url).pathname;
const SOURCE_DIRS = ['engine', 'runtime', 'designer', 'campo'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'generated', '.git']);
/** Files that are data, not logic: long by nature. */
const TABLE_FILES = [/\/generated\//, /\/migrations\//, /fuzz-payloads\.ts$/];

export interface SizeReport {
  longFunctions: Array<{ file: string; name: string; lines: number }>;
  components: Array<{ file: string; name: string; lines: number }>;
  componentP90: number;
  longFiles: Array<{ file: string; lines: number }>;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (SKIP_DIRS.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function lineSpan(node: ts.Node, source: ts.SourceFile): number {
  const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
  const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
  return end - start + 1;
}

function functionName(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) return node.name.getText();
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText();
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  return '(anónima)';
}

const isFunction = (node: ts.Node): node is ts.FunctionLikeDeclaration =>
  ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node);

/** A React component: a PascalCase function in a .tsx file. */
const isComponent = (file: string, name: string) => file.endsWith('.tsx') && /^[A-Z]/.test(name);

export function measure(): SizeReport {
  const report: SizeReport = { longFunctions: [], components: [], componentP90: 0, longFiles: [] };
  for (const path of SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
    if (TABLE_FILES.some((pattern) => pattern.test(path))) continue;
    const file = relative(ROOT, path);
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n').length;
    if (lines > 400) report.longFiles.push({ file, lines });
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const visit = (node: ts.Node) => {
      if (isFunction(node)) {
        const name = functionName(node);
        const span = lineSpan(node, source);
        if (span > 150) report.longFunctions.push({ file, name, lines: span });
        if (isComponent(file, name)) report.components.push({ file, name, lines: span });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const sorted = report.components.map((c) => c.lines).sort((a, b) => a - b);
  report.componentP90 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)] : 0;
  report.longFiles.sort((a, b) => b.lines - a.lines);
  report.longFunctions.sort((a, b) => b.lines - a.lines);
  return report;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const report = measure();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(`Funciones de más de 150 líneas: ${report.longFunctions.length}`);
    for (const f of report.longFunctions) console.log(`  ${f.lines}\t${f.file} ${f.name}`);
    console.log(`Componentes de React: ${report.components.length}; p90 = ${report.componentP90} líneas (meta ≤ 60)`);
    for (const c of report.components.filter((c) => c.lines > 60).sort((a, b) => b.lines - a.lines)) console.log(`  ${c.lines}\t${c.file} ${c.name}`);
    console.log(`Archivos de más de 400 líneas (sin tablas ni tipos generados): ${report.longFiles.length}`);
    for (const f of report.longFiles) console.log(`  ${f.lines}\t${f.file}`);
  }
}
