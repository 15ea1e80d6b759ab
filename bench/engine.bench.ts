/**
 * npm run bench:engine — engine throughput on the largest program definition, measured side by
 * side in one run: load+compile, form validation, eligibility, both together (the per-application
 * work of a submission), and workflow steps. Prints figures and ratios; asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { evaluateEligibility, loadDefinition, mergeAnswers, startWorkflow, stepWorkflow, validateAnswers, type LoadedProgram } from '../engine/index.ts';
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

// A full CUIS application: the test table's base applicant, with a household of five.
const base = def.tests?.base;
if (!base?.answers || !base.curp || !base.at) throw new Error('La definición más grande necesita tests.base completo.');
const answers = mergeAnswers({}, base.answers) as Record<string, any>;
const member0 = answers.hogar?.integrantes?.[0];
if (member0) answers.hogar.integrantes = Array.from({ length: 5 }, (_, i) => ({ ...member0, nombre: `${member0.nombre} ${i}` }));
const at = new Date(base.at);
const check = validateAnswers(program, answers);
if (!check.valid) throw new Error(`Las respuestas de prueba no son válidas: ${JSON.stringify(check.errors)}`);
const cleaned = check.data;

const validationRate = opsPerSecond(() => validateAnswers(program, answers));
const eligibilityRate = opsPerSecond(() => evaluateEligibility(program, { curp: base.curp!, answers: cleaned, at }));
const bothRate = opsPerSecond(() => {
  const form = validateAnswers(program, answers);
  evaluateEligibility(program, { curp: base.curp!, answers: form.data, at });
});

// Side by side: the same eligibility rules interpreted instead of compiled.
const facts = evaluateEligibility(program, { curp: base.curp, answers: cleaned, at }).facts;
const rules = def.eligibility.map((r) => r.rule);
const compiled = program.compiled.eligibility.map((r) => r.run);
const interpretedRate = opsPerSecond(() => rules.forEach((r) => logicEngine.run(r, facts)));
const compiledRate = opsPerSecond(() => compiled.forEach((f) => f(facts)));

// Workflow: the first transition available to some role from the initial state, with a JSON round trip as stored.
const start = startWorkflow(program).snapshot;
const [event, transition] = Object.entries(def.workflow.states[start.state].on ?? {}).find(([, t]) => !t.guard) ?? Object.entries(def.workflow.states[start.state].on ?? {})[0];
const stepInput = { actor: 'funcionario1', role: transition.roles[0], now: at, comment: 'Revisado', flags: { fields: ['domicilio.calle'], documents: [] }, conditions: { quotaAvailable: true, eligible: true, documentsComplete: true } };
const probe = stepWorkflow(program, start, event, stepInput);
if (!probe.ok) throw new Error(`${event}: ${probe.message}`);
const stepRate = opsPerSecond(() => stepWorkflow(program, JSON.parse(JSON.stringify(start)), event, stepInput));

console.log(`Carga y compilación de la definición: mediana ${median(loadTimes).toFixed(1)} ms (30 cargas)`);
console.log(`Validación del formulario CUIS completo (hogar de 5): ${fmt(validationRate)} por segundo`);
console.log(`Elegibilidad (${def.eligibility.length} reglas, ${program.compiled.ruleSets.reduce((n, s) => n + s.facts.length, 0)} hechos derivados, ${def.priority?.length ?? 0} reglas de prioridad): ${fmt(eligibilityRate)} por segundo`);
console.log(`Validación + elegibilidad de una solicitud completa: ${fmt(bothRate)} por segundo (meta ${fmt(TARGET_PER_SECOND)}: ${(bothRate / TARGET_PER_SECOND).toFixed(2)}×)`);
console.log(`Reglas de elegibilidad compiladas vs interpretadas: ${fmt(compiledRate)} vs ${fmt(interpretedRate)} por segundo (${(compiledRate / interpretedRate).toFixed(1)}×)`);
console.log(`Pasos de flujo (${event}, con ida y vuelta JSON del snapshot): ${fmt(stepRate)} por segundo`);
