/**
 * npm run bench:engine — engine throughput on the largest program definition, measured side by
 * side in one run: load+compile, form validation, eligibility, both together (the per-application
 * work of a submission), and workflow steps. Prints figures and ratios; asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { evaluateEligibility, loadDefinition, startWorkflow, stepWorkflow, validateAnswers, type LoadedProgram } from '../engine/index.ts';
import { logicEngine } from '../engine/rules/logic.ts';
import { findProgramFiles, loadLibrary, DEFINITIONS_DIR } from '../runtime/definitions/library.ts';

const TARGET_PER_SECOND = 20_000;

/** Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up) and returns operations per second. */
function opsPerSecond(fn: (i: number) => void, ms = 1500): number {
  for (let i = 0; i < 2000; i++) fn(i);
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 500; i++) fn(n++);
    elapsed = performance.now() - start;
  }
  return (n / elapsed) * 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const fmt = (n: number) => Math.round(n).toLocaleString('es-MX');

const library = await loadLibrary();
const files = await findProgramFiles([DEFINITIONS_DIR + 'programs']);
const raw = files.map((file) => ({ file, json: JSON.parse(readFileSync(file, 'utf8')) }));
const loaded = raw.map(({ file, json }) => {
  const result = loadDefinition(json, library);
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.errors)}`);
  return { file, json, program: result.program, size: JSON.stringify(result.program.definition.form.schema).length };
});
const largest = loaded.sort((a, b) => b.size - a.size)[0];
const program: LoadedProgram = largest.program;
const def = program.definition;
console.log(`Definición más grande: ${def.name} (${largest.size.toLocaleString('es-MX')} bytes de esquema de formulario, ${files.length} programas)`);

// Load + compile: a fresh Ajv and fresh rule compilation each time, as when a version is published.
const loadTimes: number[] = [];
for (let i = 0; i < 30; i++) {
  const t = performance.now();
  loadDefinition(largest.json, library);
  loadTimes.push(performance.now() - t);
}

/** A full CUIS application of a program: its test table's base applicant, with a household of five. */
function fullApplication(p: LoadedProgram) {
  const base = p.definition.tests?.base;
  if (!base?.answers || !base.curp || !base.at) throw new Error(`${p.definition.id} necesita tests.base completo.`);
  const answers = structuredClone(base.answers) as Record<string, any>;
  const member0 = answers.hogar?.integrantes?.[0];
  if (member0) answers.hogar.integrantes = Array.from({ length: 5 }, (_, i) => ({ ...member0, nombre: `${member0.nombre} ${i}` }));
  const check = validateAnswers(p, answers);
  if (!check.valid) throw new Error(`${p.definition.id}: las respuestas de prueba no son válidas: ${JSON.stringify(check.errors)}`);
  return { curp: base.curp, at: new Date(base.at), answers, cleaned: check.data };
}

// The largest definition alone first, in a fresh process, as the issue asks; then every program in
// turn, as a server that serves all of them sees it (shared engine code meets many shapes, so the
// JIT keeps it generic and every figure is lower), including the heaviest rules (CONEVAL).
const largestApp = fullApplication(program);
const largestAlone = opsPerSecond(() => {
  const form = validateAnswers(program, largestApp.answers);
  evaluateEligibility(program, { curp: largestApp.curp, answers: form.data, at: largestApp.at });
});
console.log(`Validación + elegibilidad de una solicitud CUIS completa (hogar de 5), ${def.id} sola: ${fmt(largestAlone)} por segundo (${(largestAlone / TARGET_PER_SECOND).toFixed(2)}× la meta de ${fmt(TARGET_PER_SECOND)})`);
console.log('\nPrograma                      validaciones/s  elegibilidad/s  ambas/s  (meta 20,000 ambas/s)');
const rows = loaded.map(({ program: p }) => {
  const app = fullApplication(p);
  const validation = opsPerSecond(() => validateAnswers(p, app.answers), 700);
  const eligibility = opsPerSecond(() => evaluateEligibility(p, { curp: app.curp, answers: app.cleaned, at: app.at }), 700);
  const both = opsPerSecond(() => {
    const form = validateAnswers(p, app.answers);
    evaluateEligibility(p, { curp: app.curp, answers: form.data, at: app.at });
  }, 700);
  console.log(`${p.definition.id.padEnd(30)}${fmt(validation).padStart(14)}${fmt(eligibility).padStart(16)}${fmt(both).padStart(9)}  ${(both / TARGET_PER_SECOND).toFixed(2)}×`);
  return { id: p.definition.id, both };
});
const slowest = rows.reduce((a, b) => (a.both < b.both ? a : b));
const largestRow = rows.find((r) => r.id === def.id)!;
const { curp, at, cleaned } = fullApplication(program);

// Side by side: the rules of the slowest program (eligibility, priority and rule-set facts)
// compiled once, as the engine runs them, versus interpreted on every evaluation.
const heavy = loaded.find((l) => l.program.definition.id === slowest.id)!.program;
const heavyApp = fullApplication(heavy);
const heavyFacts = evaluateEligibility(heavy, { curp: heavyApp.curp, answers: heavyApp.cleaned, at: heavyApp.at }).facts;
const heavyRules = [
  ...heavy.definition.eligibility.map((r) => r.rule),
  ...(heavy.definition.priority ?? []).map((r) => r.rule),
  ...heavy.ruleSets.flatMap((set) => set.facts.map((f) => f.rule)),
];
const heavyCompiled = [...heavy.compiled.eligibility, ...heavy.compiled.priority, ...heavy.compiled.ruleSets.flatMap((s) => s.facts)].map((r) => r.run);
const interpretedRate = opsPerSecond(() => heavyRules.forEach((r) => logicEngine.run(r, heavyFacts)));
const compiledRate = opsPerSecond(() => heavyCompiled.forEach((f) => f(heavyFacts)));

// Workflow: the first transition available to some role from the initial state, with a JSON round trip as stored.
const start = startWorkflow(program).snapshot;
const [event, transition] = Object.entries(def.workflow.states[start.state].on ?? {}).find(([, t]) => !t.guard) ?? Object.entries(def.workflow.states[start.state].on ?? {})[0];
const stepInput = { actor: 'funcionario1', role: transition.roles[0], now: at, comment: 'Revisado', flags: { fields: ['domicilio.calle'], documents: [] }, conditions: { quotaAvailable: true, eligible: true, documentsComplete: true } };
const probe = stepWorkflow(program, start, event, stepInput);
if (!probe.ok) throw new Error(`${event}: ${probe.message}`);
const stepRate = opsPerSecond(() => stepWorkflow(program, JSON.parse(JSON.stringify(start)), event, stepInput));

console.log(`Carga y compilación de la definición: mediana ${median(loadTimes).toFixed(1)} ms (30 cargas)`);
console.log(`Con los ocho programas en el mismo proceso: ${def.id} ${fmt(largestRow.both)} por segundo (${(largestRow.both / TARGET_PER_SECOND).toFixed(2)}×); la más lenta, ${slowest.id}, ${fmt(slowest.both)} por segundo (${(slowest.both / TARGET_PER_SECOND).toFixed(2)}×)`);
console.log(`Las ${heavyRules.length} reglas de ${heavy.definition.id}, compiladas vs interpretadas: ${fmt(compiledRate)} vs ${fmt(interpretedRate)} evaluaciones completas por segundo (${(compiledRate / interpretedRate).toFixed(1)}×)`);
console.log(`Pasos de flujo (${event}, con ida y vuelta JSON del snapshot): ${fmt(stepRate)} por segundo`);
