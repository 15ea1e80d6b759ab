/**
 * The named behaviour a workflow may use. Definitions reference guards and actions by name; this
 * registry supplies the code. An unknown name is a definition error at load time, never a silent no-op.
 */

/** What the runtime knows when an event is sent and the engine cannot compute itself (it has no I/O). */
export interface StepConditions {
  eligible?: boolean;
  documentsComplete?: boolean;
  quotaAvailable?: boolean;
}

export interface CorrectionFlags {
  fields: string[];
  documents: string[];
}

export interface WorkflowContext {
  /** Who took the last decision: the four-eyes guard compares against it. */
  lastDecisionBy: string | null;
  /** The open correction request, shown to the citizen until they resubmit. */
  correction: (CorrectionFlags & { comment: string }) | null;
  correctionRounds: number;
}

export interface WorkflowEvent {
  type: string;
  actor: string;
  role: string;
  comment: string;
  flags: CorrectionFlags;
  conditions: StepConditions;
}

export interface GuardSpec {
  /** Spanish reason given to the official when the guard refuses the event. */
  refusal: string;
  test: (context: WorkflowContext, event: WorkflowEvent) => boolean;
}

export const GUARDS: Readonly<Record<string, GuardSpec>> = {
  elegible: {
    refusal: 'La solicitud no cumple los requisitos de elegibilidad del programa.',
    test: (_c, e) => e.conditions.eligible === true,
  },
  documentosCompletos: {
    refusal: 'Faltan documentos obligatorios en la solicitud.',
    test: (_c, e) => e.conditions.documentsComplete === true,
  },
  cupoDisponible: {
    refusal: 'Ya no hay cupo disponible en la convocatoria para esta solicitud.',
    test: (_c, e) => e.conditions.quotaAvailable === true,
  },
  conComentario: {
    refusal: 'Escribe un comentario que explique la decisión.',
    test: (_c, e) => e.comment.trim().length > 0,
  },
  conMarcas: {
    refusal: 'Marca al menos un campo o documento que la persona solicitante debe corregir.',
    test: (_c, e) => e.flags.fields.length + e.flags.documents.length > 0,
  },
  otroFuncionario: {
    refusal: 'Esta etapa debe resolverla un funcionario distinto de quien resolvió la anterior.',
    test: (c, e) => c.lastDecisionBy !== e.actor,
  },
};

/** Actions that change the workflow context (applied by XState's assign during the pure transition). */
export const CONTEXT_ACTIONS = ['registrarDictamen', 'marcarCorreccion', 'limpiarCorreccion'] as const;

/**
 * Actions the engine only announces: the runtime turns each into work (a job, a row, a token).
 * Their Spanish descriptions document what the runtime does.
 */
export const EFFECT_ACTIONS: Readonly<Record<string, string>> = {
  emitirQrEntrega: 'Genera el código QR firmado para la entrega del apoyo.',
  registrarEntrega: 'Registra quién, cuándo y dónde entregó el apoyo.',
  incorporarAlPadron: 'Incorpora a la persona al Padrón Estatal de Beneficiarios.',
  retirarDelPadron: 'Da de baja a la persona del Padrón Estatal de Beneficiarios.',
  liberarCupo: 'Devuelve el lugar ocupado al cupo de la convocatoria.',
};

export function isRegisteredGuard(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(GUARDS, name);
}

export function isRegisteredAction(name: string): boolean {
  return (CONTEXT_ACTIONS as readonly string[]).includes(name) || Object.prototype.hasOwnProperty.call(EFFECT_ACTIONS, name);
}

export const INITIAL_CONTEXT: WorkflowContext = Object.freeze({ lastDecisionBy: null, correction: null, correctionRounds: 0 }) as WorkflowContext;
