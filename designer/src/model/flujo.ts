/** The workflow: statuses, roles, transitions, and the diagram's layers. */
import { APPLICATION_STATUSES, CITIZEN_WORKFLOW_ROLE, WORKFLOW_ROLES } from '../../../engine/vocabulary.ts';
import type { Json } from '../../../runtime/web/src/api.ts';

// ── Workflow ────────────────────────────────────────────────────────────────

export const STATUSES: readonly string[] = APPLICATION_STATUSES;
/** Who may fire a transition: the workflow roles, and the applicant herself (engine/vocabulary.ts). */
export const ROLES: Array<{ id: string; nombre: string }> = [
  ...WORKFLOW_ROLES.map((r) => ({ id: r.id, nombre: r.name })),
  { id: CITIZEN_WORKFLOW_ROLE, nombre: 'Persona solicitante' },
];
export const roleName = (r: string) => ROLES.find((x) => x.id === r)?.nombre ?? r;

export interface Transition {
  target: string;
  roles: string[];
  guard?: unknown;
  actions?: unknown[];
  description?: string;
}

export interface WState {
  status: string;
  label: string;
  stage?: number;
  type?: 'final';
  description?: string;
  on?: Record<string, Transition>;
}

export interface Workflow {
  initial: string;
  states: Record<string, WState>;
  events: Record<string, { label: string; requiresComment?: boolean; allowsFlags?: boolean; confirm?: string }>;
}

export function guardsOf(t: Transition): string[] {
  const g = t.guard;
  const name = (x: unknown) => (typeof x === 'string' ? x : String((x as Json | undefined)?.type ?? ''));
  if (g === undefined) return [];
  return Array.isArray(g) ? g.map(name) : [name(g)];
}

export function actionsOf(t: Transition): string[] {
  return (t.actions ?? []).map((x) => (typeof x === 'string' ? x : String((x as Json).type ?? '')));
}

/** Columns for the graph: each state at its distance from the initial one (final states last). */
export function layers(wf: Workflow): string[][] {
  const depth = new Map<string, number>([[wf.initial, 0]]);
  const queue = [wf.initial];
  while (queue.length) {
    const s = queue.shift()!;
    for (const t of Object.values(wf.states[s]?.on ?? {})) {
      if (wf.states[t.target] && !depth.has(t.target)) {
        depth.set(t.target, depth.get(s)! + 1);
        queue.push(t.target);
      }
    }
  }
  const max = Math.max(0, ...depth.values());
  const cols: string[][] = [];
  for (const id of Object.keys(wf.states)) {
    let d = depth.get(id) ?? max + 1;
    if (wf.states[id].type === 'final') d = Math.max(d, max);
    (cols[d] ??= []).push(id);
  }
  return cols.filter(Boolean);
}

/** A copy of `def` with the value at `keys` replaced (undefined deletes it); missing levels are created. */
