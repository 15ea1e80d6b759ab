/**
 * Where a person is in an application form. The citizen's drafts keep it on the server (PUT
 * /programas/:id/borrador/posicion), so they reopen at their step on any device; a client without that
 * route (a ventanilla) keeps it in this browser by draft id. Only two numbers and a flag are stored,
 * never answers (nothing personal stays on a shared phone).
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

/** A saved progress limited to the steps the form has now (a new version may have fewer), or null when there is none. */
export function withinSteps(raw: Partial<FormProgress> | null | undefined, lastStep: number): FormProgress | null {
  if (!raw || !Number.isInteger(raw.paso) || !Number.isInteger(raw.alcanzado)) return null;
  const paso = Math.min(Math.max(0, raw.paso!), lastStep);
  return { paso, alcanzado: Math.min(Math.max(paso, raw.alcanzado!), lastStep), desdeRevision: raw.desdeRevision === true };
}

/** The progress of a draft remembered in this browser (clients without the server's position: a ventanilla). */
export function savedProgress(draftId: string, lastStep: number): FormProgress | null {
  try {
    return withinSteps(JSON.parse(storage()?.getItem(key(draftId)) ?? 'null') as Partial<FormProgress> | null, lastStep);
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
