/**
 * Where a person is in an application form, remembered in this browser by draft id. The server saves
 * the answers but not the step (PUT /programas/:id/borrador only uses `paso` to choose which errors to
 * answer), so a draft reopened on the same device continues at its step; on another device it starts at
 * the first one. Only two numbers and a flag are stored, never answers (nothing personal stays on a shared phone).
 */
export interface FormProgress {
  /** The step shown when the person left. */
  paso: number;
  /** The furthest step reached with «Siguiente»: the steps up to it can be opened from the step list. */
  alcanzado: number;
  /** Whether the person came from the review page with «Cambiar» (the step offers «Volver a revisión»). */
  desdeRevision: boolean;
}

const key = (draftId: string) => `sipros.borrador.${draftId}.paso`;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage can be disabled (private modes, policies): the form still works, starting at step 1.
    return null;
  }
}

/** The remembered progress of a draft, limited to the steps the form has now (a new version may have fewer). */
export function savedProgress(draftId: string, lastStep: number): FormProgress | null {
  try {
    const raw = JSON.parse(storage()?.getItem(key(draftId)) ?? 'null') as Partial<FormProgress> | null;
    if (!raw || !Number.isInteger(raw.paso) || !Number.isInteger(raw.alcanzado)) return null;
    const paso = Math.min(Math.max(0, raw.paso!), lastStep);
    return { paso, alcanzado: Math.min(Math.max(paso, raw.alcanzado!), lastStep), desdeRevision: raw.desdeRevision === true };
  } catch {
    return null;
  }
}

export function rememberProgress(draftId: string, progress: FormProgress): void {
  try {
    storage()?.setItem(key(draftId), JSON.stringify(progress));
  } catch {
    // Full or disabled storage: only the convenience of resuming is lost.
  }
}

/** Once the application is sent its draft is gone: nothing to resume. */
export function forgetProgress(draftId: string): void {
  try {
    storage()?.removeItem(key(draftId));
  } catch {
    // Nothing to do.
  }
}
