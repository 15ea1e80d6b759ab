/**
 * Everything the application form does, for the step components to show: it loads the program and
 * the draft, keeps the answers, saves on each move (the server answers the step's errors), checks the
 * requirements, and keeps the draft's position on the server (or, for a client without that route,
 * in this browser).
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { isActiveStatus } from '../../../../../engine/vocabulary.ts';
import { messageOf, useClienteSolicitud, type Borrador, type ClienteSolicitud, type DocumentoSubido, type Elegibilidad, type ErrorCampo, type Json, type ProgramaDetalle, type SolicitudResumen } from '../../api.ts';
import { necesidadDe } from '../../components/Documentos.tsx';
import { rememberProgress, savedProgress, withinSteps } from '../../forms/progress.ts';
import { stepsOf, toAdditionalErrors, withMinimumItems, type Step } from '../../forms/schema.ts';
import { INICIO, navegacion, type Accion, type Navegacion } from './navegacion.ts';

export interface Cargado {
  programa: ProgramaDetalle;
  borrador: Borrador;
  /** An active application of the same program: the server accepts one per person. */
  activa: SolicitudResumen | null;
}

/** Where a saved draft reopens: as the server keeps it, or as this browser remembers it. */
function savedPosition(client: ClienteSolicitud, b: Borrador, lastStep: number) {
  if (!b.id || b.origen !== 'borrador') return null;
  return client.guardarPosicion ? withinSteps(b.posicion, lastStep) : savedProgress(b.id, lastStep);
}

function documentsByType(b: Borrador): Record<string, DocumentoSubido> {
  const byType: Record<string, DocumentoSubido> = {};
  for (const d of b.documentos ?? []) byType[d.tipo] = d;
  return byType;
}

/** The program, the draft and any active application, read once per program. */
function useCarga(programaId: string, client: ClienteSolicitud, onLoaded: (loaded: Cargado) => void) {
  const [cargado, setCargado] = useState<Cargado | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    Promise.all([client.programa(programaId), client.borrador(programaId), client.solicitudes().catch(() => [] as SolicitudResumen[])]).then(
      ([programa, borrador, mias]) => {
        if (!alive) return;
        // The server accepts one active application per program: say so now, not after the whole form.
        const activa = mias.find((m) => m.programa.id === programaId && m.folio && isActiveStatus(m.estado)) ?? null;
        const loaded = { programa, borrador, activa };
        setCargado(loaded);
        onLoaded(loaded);
      },
      (e: unknown) => alive && setLoadError(messageOf(e)),
    );
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read once per program; the client and callback are stable for the page
  }, [programaId]);
  return { cargado, loadError };
}

/** Keeps the draft's step on the server (or in this browser) whenever it changes. */
function useKeepPosition(client: ClienteSolicitud, programaId: string, draftId: string | null, nav: Navegacion) {
  const { step, reached, fromReview } = nav;
  useEffect(() => {
    if (!draftId) return;
    const posicion = { paso: step, alcanzado: reached, desdeRevision: fromReview };
    // Losing the position only costs the convenience of resuming at the step: no error is shown.
    if (client.guardarPosicion) client.guardarPosicion(programaId, posicion).catch(() => undefined);
    else rememberProgress(draftId, posicion);
  }, [client, programaId, draftId, step, reached, fromReview]);
}

export function useSolicitud(programaId: string) {
  const client = useClienteSolicitud();
  const navigate = useNavigate();
  const [nav, dispatch] = useReducer(navegacion, INICIO);
  const [data, setData] = useState<Json>({});
  const dataRef = useRef<Json>({});
  dataRef.current = data;
  const [solicitudId, setSolicitudId] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [docs, setDocs] = useState<Record<string, DocumentoSubido>>({});
  const [eleg, setEleg] = useState<Elegibilidad | null>(null);
  const [elegError, setElegError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** Set once the application is sent: its draft is gone, there is no position to keep. */
  const submitted = useRef(false);

  const checkEligibility = async () => {
    setElegError(null);
    if (!client.elegibilidad) return;
    try {
      setEleg(await client.elegibilidad(programaId, dataRef.current));
    } catch (e) {
      setElegError(messageOf(e));
    }
  };

  /** Opens a saved draft at the step where the person left it (form steps, documents, review). */
  const onLoaded = ({ programa, borrador }: Cargado) => {
    const answers = withMinimumItems(programa.formulario.schema, borrador.respuestas ?? {});
    setData(answers);
    dataRef.current = answers;
    setSolicitudId(borrador.id);
    setDocs(documentsByType(borrador));
    const formSteps = stepsOf(programa.formulario.uischema, programa.nombre).length;
    const saved = savedPosition(client, borrador, formSteps + 1);
    if (!saved) return;
    dispatch({ type: 'reanudar', posicion: saved, formSteps });
    // Documents and review show what the answers require.
    if (saved.paso >= formSteps) void checkEligibility();
  };
  const { cargado, loadError } = useCarga(programaId, client, onLoaded);

  const { step } = nav;
  useKeepPosition(client, programaId, cargado && !submitted.current ? solicitudId : null, nav);

  const programa = cargado?.programa ?? null;
  const schema = programa?.formulario.schema ?? null;
  const steps: Step[] = useMemo(() => (programa ? stepsOf(programa.formulario.uischema, programa.nombre) : []), [programa]);
  const labels = useMemo(() => [...steps.map((s) => s.label), 'Documentos', 'Revisar y enviar'], [steps]);
  const additionalErrors = useMemo(() => (schema ? toAdditionalErrors(schema, nav.errors) : []), [schema, nav.errors]);
  const docStep = steps.length;
  const reviewStep = steps.length + 1;

  const focusHeading = () => {
    window.scrollTo({ top: 0 });
    setTimeout(() => headingRef.current?.focus(), 0);
  };
  const act = (action: Accion) => {
    dispatch(action);
    if (action.type === 'ir' || action.type === 'cambiarDesdeRevision') focusHeading();
  };

  const onFormChange = useCallback((next: Json) => {
    const before = dataRef.current;
    setData(next);
    dispatch({ type: 'respuestasCambiaron', before, after: next });
  }, []);

  const save = async (paso?: number): Promise<ErrorCampo[] | null> => {
    setSaving(true);
    dispatch({ type: 'guardando' });
    try {
      const r = await client.guardarBorrador(programaId, dataRef.current, paso);
      setSolicitudId(r.id);
      return r.errores ?? [];
    } catch (e) {
      dispatch({ type: 'noSeGuardo', message: messageOf(e) });
      return null;
    } finally {
      setSaving(false);
    }
  };

  /** The documents the answers make necessary that are not uploaded yet. */
  const missingDocuments = () =>
    (programa?.documentos ?? []).filter((d) => {
      const need = necesidadDe(d, eleg?.documentosRequeridos ?? null, !client.elegibilidad);
      return (need === 'obligatorio' || need === 'necesario') && !docs[d.id];
    });

  /**
   * Leaves the current step, saving the answers. Going forward the step must be complete, as with
   * «Siguiente» (its errors are shown and the person stays); going back nothing is demanded.
   */
  const leaveStep = async (forward: boolean): Promise<boolean> => {
    if (step < steps.length) {
      if (!forward) {
        await save();
        dispatch({ type: 'limpiarErrores' });
        return true;
      }
      const errs = await save(step);
      if (errs === null) return false;
      dispatch({ type: 'pasoRevisado', errors: errs });
      return errs.length === 0;
    }
    if (step === docStep && forward) {
      const missing = missingDocuments();
      dispatch({ type: 'documentosRevisados', missing: missing.map((d) => d.id) });
      return missing.length === 0;
    }
    if (step === docStep) await save();
    return true;
  };

  /** «Siguiente», «Anterior», a step of the list or «Volver a revisión». */
  const moveTo = async (target: number, busy = false) => {
    if (target === step || saving || busy) return;
    if (!(await leaveStep(target > step))) return;
    // Documents and review depend on the answers (which documents, whether the person qualifies).
    if (target >= docStep) void checkEligibility();
    if (target === reviewStep) dispatch({ type: 'volverARevision' });
    act({ type: 'ir', step: target });
  };

  const saveAndExit = async () => {
    const r = await save();
    if (r !== null) navigate(client.rutas.borradorGuardado, { state: { aviso: `Guardamos tu solicitud de ${programa?.nombre ?? 'apoyo'} como borrador. Puedes continuarla cuando quieras, desde este u otro dispositivo.` } });
  };

  const views = { schema, steps, labels, docStep, reviewStep, additionalErrors };
  const answers = { data, dataRef, onFormChange, solicitudId, setSolicitudId, saving, docs, setDocs, eleg, elegError };
  return { client, programaId, cargado, loadError, nav, act, headingRef, submitted, moveTo, saveAndExit, ...views, ...answers };
}

export type Solicitud = ReturnType<typeof useSolicitud>;
