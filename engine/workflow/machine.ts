import { and, assign, setup, type AnyStateMachine } from 'xstate';
import { GUARDS, EFFECT_ACTIONS, INITIAL_CONTEXT, type WorkflowContext, type WorkflowEvent } from './registry.ts';
import type { ProgramDefinition } from '../generated/program-definition.ts';

type NamedRef = string | { type: string; params?: Record<string, unknown> };

export function refName(ref: NamedRef): string {
  return typeof ref === 'string' ? ref : ref.type;
}

/** A transition's guard as a list: one guard, or several that must all hold. */
export function guardList(guard: NamedRef | NamedRef[] | undefined): NamedRef[] {
  if (guard === undefined) return [];
  return Array.isArray(guard) ? guard : [guard];
}

function toXStateGuard(guard: NamedRef | NamedRef[]): unknown {
  const list = guardList(guard).map(toXStateRef);
  return list.length === 1 ? list[0] : and(list as never);
}

function toXStateRef(ref: NamedRef): NamedRef {
  return typeof ref === 'string' ? ref : { type: ref.type, params: ref.params ?? {} };
}

/** The plain XState config: the definition's workflow without SIPROS-only keys (roles, labels, statuses). */
function machineConfig(workflow: ProgramDefinition['workflow']): Record<string, unknown> {
  const states: Record<string, unknown> = {};
  for (const [name, state] of Object.entries(workflow.states)) {
    const on: Record<string, unknown> = {};
    for (const [event, t] of Object.entries(state.on ?? {})) {
      on[event] = {
        target: t.target,
        ...(t.guard ? { guard: toXStateGuard(t.guard) } : {}),
        ...(t.actions ? { actions: t.actions.map(toXStateRef) } : {}),
      };
    }
    states[name] = {
      ...(state.type === 'final' ? { type: 'final' } : {}),
      ...(state.entry ? { entry: state.entry.map(toXStateRef) } : {}),
      ...(Object.keys(on).length ? { on } : {}),
    };
  }
  return { id: 'solicitud', initial: workflow.initial, context: () => ({ ...INITIAL_CONTEXT }), states };
}

const xstateGuards = Object.fromEntries(
  Object.entries(GUARDS).map(([name, spec]) => [name, ({ context, event }: { context: WorkflowContext; event: WorkflowEvent }) => spec.test(context, event)]),
);

/** Effect actions do nothing inside the machine: the pure transition returns them and the runtime acts. */
const effectActions = Object.fromEntries(Object.keys(EFFECT_ACTIONS).map((name) => [name, () => undefined]));

const contextActions = {
  registrarDictamen: assign({ lastDecisionBy: ({ event }: { event: WorkflowEvent }) => event.actor }),
  marcarCorreccion: assign({
    correction: ({ event }: { event: WorkflowEvent }) => ({ fields: [...event.flags.fields], documents: [...event.flags.documents], comment: event.comment }),
    correctionRounds: ({ context }: { context: WorkflowContext }) => context.correctionRounds + 1,
  }),
  limpiarCorreccion: assign({ correction: () => null }),
};

/** Builds the XState v5 machine for a workflow, with the registry's guards and actions. */
export function buildMachine(workflow: ProgramDefinition['workflow']): AnyStateMachine {
  return setup({
    types: {} as { context: WorkflowContext; events: WorkflowEvent },
    guards: xstateGuards as never,
    actions: { ...effectActions, ...contextActions } as never,
  }).createMachine(machineConfig(workflow) as never) as unknown as AnyStateMachine;
}
