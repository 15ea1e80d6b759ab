import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { EFFECT_ACTIONS, GUARDS, type CorrectionFlags, type StepConditions, type WorkflowContext, type WorkflowEvent } from './registry.ts';
import { guardList, refName } from './machine.ts';
import type { LoadedProgram } from '../definition/load.ts';

/**
 * What the runtime stores for an application's workflow: plain JSON that survives a round trip
 * through the database. It is only meaningful with the exact definition version that made it.
 */
export interface StoredSnapshot {
  state: string;
  context: WorkflowContext;
}

/** Work the runtime must do after a step: run a named effect action, or send a notification. */
export type Effect =
  | { type: 'action'; name: string; params: Record<string, unknown> }
  | { type: 'notification'; id: string; sms: string };

export interface HistoryEntry {
  event: string;
  from: string;
  to: string;
  fromStatus: string;
  toStatus: string;
  actor: string;
  role: string;
  at: string;
  comment: string;
  flags: CorrectionFlags;
}

export interface StepInput {
  actor: string;
  role: string;
  now: Date;
  comment?: string;
  flags?: Partial<CorrectionFlags>;
  conditions?: StepConditions;
}

export type RefusalCode = 'WF_UNKNOWN_STATE' | 'WF_EVENT_NOT_ALLOWED' | 'WF_ROLE_NOT_ALLOWED' | 'WF_COMMENT_REQUIRED' | 'WF_FLAGS_NOT_ALLOWED' | 'WF_GUARD_FAILED';

export interface StepRefusal {
  ok: false;
  code: RefusalCode;
  message: string;
}

export interface StepSuccess {
  ok: true;
  snapshot: StoredSnapshot;
  status: string;
  stateLabel: string;
  effects: Effect[];
  historyEntry: HistoryEntry;
}

export type StepResult = StepSuccess | StepRefusal;

function refuse(code: RefusalCode, message: string): StepRefusal {
  return { ok: false, code, message };
}

function notificationsFor(program: LoadedProgram, event: string, from: string, to: string): Effect[] {
  return (program.definition.notifications ?? [])
    .filter((n) => n.event === event || (n.state === to && to !== from))
    .map((n) => ({ type: 'notification', id: n.id, sms: n.sms }));
}

function effectsOf(actions: ReadonlyArray<{ type: string; params?: unknown }>): Effect[] {
  return actions
    .filter((a) => Object.prototype.hasOwnProperty.call(EFFECT_ACTIONS, a.type))
    .map((a) => ({ type: 'action', name: a.type, params: (a.params as Record<string, unknown>) ?? {} }));
}

function toStored(snapshot: AnyMachineSnapshot): StoredSnapshot {
  return { state: String(snapshot.value), context: structuredClone(snapshot.context as WorkflowContext) };
}

type WorkflowStart = { snapshot: StoredSnapshot; status: string; stateLabel: string; effects: Effect[] };

/**
 * Every application of a program version starts the same way, so the start is computed once per
 * loaded program (XState's initial transition is the costliest step of a submission's CPU).
 * Callers get their own copy of the snapshot.
 */
const starts = new WeakMap<LoadedProgram, WorkflowStart>();

/** The snapshot of a new application: the workflow's initial state, with its entry effects. */
export function startWorkflow(program: LoadedProgram): WorkflowStart {
  let start = starts.get(program);
  if (!start) {
    const [snapshot, actions] = initialTransition(program.compiled.machine);
    const stored = toStored(snapshot);
    const state = program.definition.workflow.states[stored.state];
    start = { snapshot: stored, status: state.status, stateLabel: state.label, effects: [...effectsOf(actions), ...notificationsFor(program, '', '', stored.state)] };
    starts.set(program, start);
  }
  return { ...start, snapshot: structuredClone(start.snapshot), effects: [...start.effects] };
}

/** Events the given role may send now (what the official's screen offers as buttons). */
export function availableEvents(program: LoadedProgram, snapshot: StoredSnapshot, role: string): Array<{ event: string; label: string; requiresComment: boolean; allowsFlags: boolean; targetStatus: string | undefined }> {
  const { states, events } = program.definition.workflow;
  const state = states[snapshot.state];
  return Object.entries(state?.on ?? {})
    .filter(([, t]) => t.roles.includes(role))
    .map(([event, t]) => {
      const meta = events[event];
      return { event, label: meta.label, requiresComment: meta.requiresComment === true, allowsFlags: meta.allowsFlags === true, targetStatus: states[t.target]?.status };
    });
}

/**
 * One pure workflow step on XState v5's `transition`: `(program, snapshot, event, {actor, role,
 * now}) → {snapshot, status, effects, historyEntry}`, or a refusal saying why (event not allowed
 * in this state, role not allowed, comment missing, guard false). Executes nothing.
 */
export function stepWorkflow(program: LoadedProgram, stored: StoredSnapshot, eventType: string, input: StepInput): StepResult {
  const { states, events } = program.definition.workflow;
  const from = states[stored.state];
  if (!from) return refuse('WF_UNKNOWN_STATE', `La solicitud está en un estado («${stored.state}») que esta versión del programa no tiene.`);
  const t = from.on?.[eventType];
  if (!t) return refuse('WF_EVENT_NOT_ALLOWED', `La acción «${events[eventType]?.label ?? eventType}» no se puede realizar cuando la solicitud está en «${from.label}».`);
  if (!t.roles.includes(input.role)) return refuse('WF_ROLE_NOT_ALLOWED', `Tu rol no puede realizar «${events[eventType].label}» en esta etapa.`);
  const comment = (input.comment ?? '').trim();
  if (events[eventType].requiresComment && comment === '') return refuse('WF_COMMENT_REQUIRED', `Escribe un comentario para «${events[eventType].label}».`);
  const flags: CorrectionFlags = { fields: [...(input.flags?.fields ?? [])], documents: [...(input.flags?.documents ?? [])] };
  if (!events[eventType].allowsFlags && flags.fields.length + flags.documents.length > 0) {
    return refuse('WF_FLAGS_NOT_ALLOWED', `«${events[eventType].label}» no marca campos ni documentos para corregir.`);
  }
  const event: WorkflowEvent = { type: eventType, actor: input.actor, role: input.role, comment, flags, conditions: input.conditions ?? {} };
  for (const ref of guardList(t.guard)) {
    const guard = GUARDS[refName(ref)];
    if (!guard.test(stored.context, event)) return refuse('WF_GUARD_FAILED', guard.refusal);
  }
  const machine = program.compiled.machine;
  const current = machine.resolveState({ value: stored.state, context: stored.context });
  const [next, actions] = transition(machine, current, event);
  const snapshot = toStored(next);
  const to = states[snapshot.state];
  return {
    ok: true,
    snapshot,
    status: to.status,
    stateLabel: to.label,
    effects: [...effectsOf(actions), ...notificationsFor(program, eventType, stored.state, snapshot.state)],
    historyEntry: { event: eventType, from: stored.state, to: snapshot.state, fromStatus: from.status, toStatus: to.status, actor: input.actor, role: input.role, at: input.now.toISOString(), comment, flags },
  };
}
