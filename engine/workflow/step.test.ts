import { describe, expect, it } from 'vitest';
import { availableEvents, startWorkflow, stepWorkflow, type StoredSnapshot } from '../index.ts';
import { miniProgram } from '../../test/helpers/fixtures.ts';

const program = miniProgram();
const now = new Date('2026-01-21T16:30:00Z');
const revisor = { actor: 'revisor1', role: 'revisor', now };
const dictaminador = { actor: 'dictaminador1', role: 'dictaminador', now };

/** Sends a sequence of events, asserting each succeeds, and returns the last snapshot. */
function walk(steps: Array<[string, Parameters<typeof stepWorkflow>[3]]>, from = startWorkflow(program).snapshot): StoredSnapshot {
  let snapshot = from;
  for (const [event, input] of steps) {
    const result = stepWorkflow(program, snapshot, event, input);
    if (!result.ok) throw new Error(`${event}: ${result.message}`);
    snapshot = result.snapshot;
  }
  return snapshot;
}

/** What the database does to a snapshot: store it as JSON text and read it back. */
const roundTrip = (s: StoredSnapshot): StoredSnapshot => JSON.parse(JSON.stringify(s));

describe('workflow', () => {
  it('starts in the initial state with its status', () => {
    expect(startWorkflow(program)).toEqual({
      snapshot: { state: 'en_revision', context: { lastDecisionBy: null, correction: null, correctionRounds: 0 } },
      status: 'En proceso',
      stateLabel: 'Revisión documental',
      effects: [],
    });
  });

  it('requests a correction with flags, notifies, and the citizen resubmits', () => {
    const start = startWorkflow(program).snapshot;
    const correction = stepWorkflow(program, start, 'SOLICITAR_CORRECCION', { ...revisor, comment: 'Corregir domicilio', flags: { fields: ['domicilio.calle'], documents: ['identificacion'] } });
    expect(correction).toMatchObject({
      ok: true,
      status: 'Corrección',
      snapshot: { state: 'correccion', context: { correction: { fields: ['domicilio.calle'], documents: ['identificacion'], comment: 'Corregir domicilio' }, correctionRounds: 1 } },
      effects: [{ type: 'notification', id: 'correccion', sms: expect.stringContaining('{{comentario}}') }],
      historyEntry: { event: 'SOLICITAR_CORRECCION', from: 'en_revision', to: 'correccion', fromStatus: 'En proceso', toStatus: 'Corrección', actor: 'revisor1', role: 'revisor', at: '2026-01-21T16:30:00.000Z', comment: 'Corregir domicilio' },
    });
    if (!correction.ok) return;
    const resubmitted = stepWorkflow(program, roundTrip(correction.snapshot), 'REENVIAR', { actor: 'PEGL890909MJCRMS08', role: 'ciudadano', now });
    expect(resubmitted).toMatchObject({ ok: true, status: 'En proceso', snapshot: { state: 'en_revision', context: { correction: null, correctionRounds: 1 } } });
  });

  it('returns the effects of the named actions for the runtime to carry out', () => {
    const inDictamen = walk([['VALIDAR', revisor]]);
    const approval = stepWorkflow(program, inDictamen, 'APROBAR', dictaminador);
    expect(approval).toMatchObject({
      ok: true,
      status: 'Aprobada',
      effects: [
        { type: 'action', name: 'emitirQrEntrega', params: {} },
        { type: 'action', name: 'incorporarAlPadron', params: {} },
        { type: 'notification', id: 'aprobada' },
      ],
    });
  });

  it('refuses an event not allowed in the current state', () => {
    const result = stepWorkflow(program, startWorkflow(program).snapshot, 'ENTREGAR', { actor: 'e1', role: 'entregador', now });
    expect(result).toEqual({ ok: false, code: 'WF_EVENT_NOT_ALLOWED', message: 'La acción «Entregar apoyo» no se puede realizar cuando la solicitud está en «Revisión documental».' });
  });

  it('refuses a role not allowed to send the event', () => {
    const result = stepWorkflow(program, startWorkflow(program).snapshot, 'VALIDAR', dictaminador);
    expect(result).toMatchObject({ ok: false, code: 'WF_ROLE_NOT_ALLOWED' });
  });

  it('refuses when a guard is false, with the guard reason', () => {
    const start = startWorkflow(program).snapshot;
    expect(stepWorkflow(program, start, 'SOLICITAR_CORRECCION', { ...revisor, comment: 'Revisa' })).toEqual({
      ok: false,
      code: 'WF_GUARD_FAILED',
      message: 'Marca al menos un campo o documento que la persona solicitante debe corregir.',
    });
    // Four eyes: whoever validated cannot also approve.
    const inDictamen = walk([['VALIDAR', revisor]]);
    expect(stepWorkflow(program, inDictamen, 'APROBAR', revisor)).toMatchObject({ ok: false, code: 'WF_GUARD_FAILED', message: expect.stringMatching(/distinto/) });
    expect(stepWorkflow(program, roundTrip(inDictamen), 'APROBAR', revisor)).toMatchObject({ ok: false, code: 'WF_GUARD_FAILED' });
  });

  it('requires a comment where the event says so, and refuses flags where it does not take them', () => {
    const start = startWorkflow(program).snapshot;
    expect(stepWorkflow(program, start, 'RECHAZAR', { ...revisor, comment: '   ' })).toMatchObject({ ok: false, code: 'WF_COMMENT_REQUIRED' });
    expect(stepWorkflow(program, start, 'VALIDAR', { ...revisor, flags: { fields: ['domicilio.calle'] } })).toMatchObject({ ok: false, code: 'WF_FLAGS_NOT_ALLOWED' });
  });

  it('uses runtime conditions for guards such as the quota', () => {
    const quota = miniProgram((d) => (d.workflow.states.en_dictamen.on.APROBAR.guard = 'cupoDisponible'));
    const inDictamen = stepWorkflow(quota, startWorkflow(quota).snapshot, 'VALIDAR', revisor);
    if (!inDictamen.ok) throw new Error(inDictamen.message);
    expect(stepWorkflow(quota, inDictamen.snapshot, 'APROBAR', { ...dictaminador, conditions: { quotaAvailable: false } })).toMatchObject({ ok: false, message: expect.stringMatching(/cupo/) });
    expect(stepWorkflow(quota, inDictamen.snapshot, 'APROBAR', { ...dictaminador, conditions: { quotaAvailable: true } })).toMatchObject({ ok: true, status: 'Aprobada' });
  });

  it('a guard list refuses with the reason of the first guard that fails', () => {
    const both = miniProgram((d) => (d.workflow.states.en_dictamen.on.APROBAR.guard = ['otroFuncionario', 'cupoDisponible']));
    const validated = stepWorkflow(both, startWorkflow(both).snapshot, 'VALIDAR', revisor);
    if (!validated.ok) throw new Error(validated.message);
    const at = validated.snapshot;
    expect(stepWorkflow(both, at, 'APROBAR', { ...revisor, conditions: { quotaAvailable: true } })).toMatchObject({ ok: false, message: expect.stringMatching(/distinto/) });
    expect(stepWorkflow(both, at, 'APROBAR', { ...dictaminador, conditions: { quotaAvailable: false } })).toMatchObject({ ok: false, message: expect.stringMatching(/cupo/) });
    expect(stepWorkflow(both, at, 'APROBAR', { ...dictaminador, conditions: { quotaAvailable: true } })).toMatchObject({ ok: true, status: 'Aprobada' });
  });

  it('snapshots survive JSON round trips at every step and give the same results', () => {
    const path: Array<[string, Parameters<typeof stepWorkflow>[3]]> = [
      ['SOLICITAR_CORRECCION', { ...revisor, comment: 'Falta INE', flags: { fields: [], documents: ['identificacion'] } }],
      ['REENVIAR', { actor: 'ciudadano1', role: 'ciudadano', now }],
      ['VALIDAR', revisor],
      ['APROBAR', dictaminador],
      ['ENTREGAR', { actor: 'entregador1', role: 'entregador', now }],
      ['DAR_DE_BAJA', { ...dictaminador, comment: 'Duplicado en otro programa' }],
    ];
    let live = startWorkflow(program).snapshot;
    let stored = roundTrip(live);
    for (const [event, input] of path) {
      const a = stepWorkflow(program, live, event, input);
      const b = stepWorkflow(program, stored, event, input);
      expect(b).toEqual(a);
      if (!a.ok || !b.ok) throw new Error(event);
      live = a.snapshot;
      stored = roundTrip(b.snapshot);
    }
    expect(stored).toEqual({ state: 'baja', context: { lastDecisionBy: 'dictaminador1', correction: null, correctionRounds: 1 } });
    expect(stepWorkflow(program, stored, 'REENVIAR', { actor: 'c', role: 'ciudadano', now })).toMatchObject({ ok: false, code: 'WF_EVENT_NOT_ALLOWED' });
  });

  it('refuses a snapshot whose state this version does not have', () => {
    expect(stepWorkflow(program, { state: 'archivada', context: startWorkflow(program).snapshot.context }, 'VALIDAR', revisor)).toMatchObject({ ok: false, code: 'WF_UNKNOWN_STATE' });
  });

  it('lists the events a role may send now', () => {
    const start = startWorkflow(program).snapshot;
    expect(availableEvents(program, start, 'revisor').map((e) => e.event)).toEqual(['SOLICITAR_CORRECCION', 'VALIDAR', 'RECHAZAR']);
    expect(availableEvents(program, start, 'dictaminador')).toEqual([{ event: 'RECHAZAR', label: 'Rechazar', requiresComment: true, allowsFlags: false, targetStatus: 'Rechazada' }]);
    expect(availableEvents(program, start, 'ciudadano')).toEqual([]);
  });
});
