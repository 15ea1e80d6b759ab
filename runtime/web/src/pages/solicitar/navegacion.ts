/**
 * Where the person is in the application form, as a pure reducer: the step shown, the furthest step
 * reached (the step list opens any step up to it), whether «Cambiar» on the review page brought her
 * here (the step then offers «Volver a revisión»), and the errors that keep her on the step.
 */
import type { ErrorCampo, Json, PosicionBorrador } from '../../api.ts';
import { getAt } from '../../forms/schema.ts';

export interface Navegacion {
  step: number;
  reached: number;
  fromReview: boolean;
  /** Whether the draft reopened at the step where the person left it. */
  resumed: boolean;
  /** Counts tries to move on: each one moves the focus to the error summary again. */
  attempt: number;
  errors: ErrorCampo[];
  saveError: string | null;
  /** Documents «Siguiente» found missing on the documents step. */
  docsMissing: string[];
}

export type Accion =
  | { type: 'reanudar'; posicion: PosicionBorrador; formSteps: number }
  | { type: 'ir'; step: number }
  | { type: 'cambiarDesdeRevision'; step: number }
  | { type: 'volverARevision' }
  | { type: 'pasoRevisado'; errors: ErrorCampo[] }
  | { type: 'documentosRevisados'; missing: string[] }
  | { type: 'limpiarErrores' }
  | { type: 'respuestasCambiaron'; before: Json; after: Json }
  | { type: 'guardando' }
  | { type: 'noSeGuardo'; message: string }
  | { type: 'intento' }
  | { type: 'corregirPaso'; step: number; errors: ErrorCampo[] };

export const INICIO: Navegacion = { step: 0, reached: 0, fromReview: false, resumed: false, attempt: 0, errors: [], saveError: null, docsMissing: [] };

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function navegacion(state: Navegacion, action: Accion): Navegacion {
  switch (action.type) {
    case 'reanudar': {
      const { paso, alcanzado, desdeRevision } = action.posicion;
      return { ...state, step: paso, reached: alcanzado, fromReview: desdeRevision && paso < action.formSteps + 1, resumed: true };
    }
    case 'ir':
      return { ...state, step: action.step, reached: Math.max(state.reached, action.step), attempt: 0, saveError: null };
    case 'cambiarDesdeRevision':
      return navegacion({ ...state, fromReview: true }, { type: 'ir', step: action.step });
    case 'volverARevision':
      return { ...state, fromReview: false };
    case 'pasoRevisado':
      return { ...state, errors: action.errors, attempt: state.attempt + 1 };
    case 'documentosRevisados':
      return { ...state, docsMissing: action.missing, attempt: state.attempt + 1 };
    case 'limpiarErrores':
      return state.errors.length === 0 ? state : { ...state, errors: [] };
    case 'respuestasCambiaron':
      // An error disappears as soon as its answer changes; the server checks again on «Siguiente».
      if (state.errors.length === 0) return state;
      return { ...state, errors: state.errors.filter((e) => sameValue(getAt(action.before, e.path), getAt(action.after, e.path))) };
    case 'guardando':
      return state.saveError === null ? state : { ...state, saveError: null };
    case 'noSeGuardo':
      return { ...state, saveError: action.message };
    case 'intento':
      return { ...state, attempt: state.attempt + 1 };
    case 'corregirPaso':
      // From the review page's summary: that step with its errors, and a way straight back.
      return { ...state, errors: action.errors, fromReview: true, step: action.step };
  }
}
