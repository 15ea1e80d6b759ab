import { isActiveStatus } from '../../../../engine/vocabulary.ts';
/**
 * "Solicitar": the program's form one step (Category) at a time. Each "Siguiente" saves the draft on the
 * server with the step number; the server answers that step's errors, shown next to the fields, and the
 * person moves on only when there are none. Then the documents, then "Revisar y enviar" with the
 * eligibility result and the submit button.
 *
 * The step list opens any step already reached (going forward still checks the step being left); a
 * draft reopens at the step where the person left it, on any device (the server keeps the step with the
 * draft, forms/progress.ts); «Cambiar» on the review page offers «Volver a revisión» on that step.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import SendIcon from '@mui/icons-material/Send';
import CheckIcon from '@mui/icons-material/Check';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import { ApiError, messageOf, useClienteSolicitud, type Borrador, type DocumentoSubido, type Elegibilidad, type ErrorCampo, type Json, type Motivo, type ProgramaDetalle, type SolicitudResumen } from '../api.ts';
import { ErrorAlert, ErrorSummary, Loading, Page, visuallyHidden, type SummaryItem } from '../components/common.tsx';
import { DocumentoUpload, necesidadDe } from '../components/Documentos.tsx';
import { AnswersView } from '../forms/AnswersView.tsx';
import { SiprosForm } from '../forms/SiprosForm.tsx';
import { fieldId, getAt, inScreenOrder, placeOf, stepOfPath, stepsOf, summaryMessage, toAdditionalErrors, withMinimumItems, type Step } from '../forms/schema.ts';
import { forgetProgress, rememberProgress, savedProgress, withinSteps } from '../forms/progress.ts';
import { useSession } from '../session.tsx';
import { SUPPORT_TYPE_REVIEW_QUESTION } from '../../../../engine/definition/questions.ts';
import { formatMoney } from '../format.ts';

type StepState = 'actual' | 'hecho' | 'abierto' | 'pendiente';

/** How a step looks in the list: the current one filled, the completed ones tinted with a check. */
function stepColors(state: StepState) {
  const now = state === 'actual';
  const done = state === 'hecho';
  return {
    chip: { borderColor: now ? 'primary.main' : 'divider', bgcolor: now ? 'primary.main' : done ? '#f1e6ea' : '#fff', color: now ? '#fff' : 'text.primary', fontWeight: now ? 700 : 500 },
    badge: { bgcolor: now ? '#fff' : done ? 'primary.main' : '#e6e1e3', color: now ? 'primary.main' : done ? '#fff' : 'text.primary' },
  };
}

const STEP_STATUS: Record<StepState, string> = { actual: '(paso actual)', hecho: '(completado)', abierto: '', pendiente: '(todavía no disponible)' };

/**
 * One step of the list. The steps already reached are buttons that open them (a native button: Tab,
 * Enter and Space work); the current one is marked aria-current; later ones are plain text.
 */
function StepItem({ index, label, state, onSelect, column }: { index: number; label: string; state: StepState; onSelect: () => void; column: boolean }) {
  const colors = stepColors(state);
  const content = (
    <>
      <Box
        component="span"
        aria-hidden="true"
        sx={{ width: 24, height: 24, flex: 'none', borderRadius: '50%', display: 'inline-flex', alignItems: 'center', justifyContent: 'center', fontSize: '0.8rem', ...colors.badge }}
      >
        {state === 'hecho' ? <CheckIcon sx={{ fontSize: 16 }} /> : index + 1}
      </Box>
      <Box component="span" sx={visuallyHidden}>
        Paso {index + 1}:{' '}
      </Box>
      {label}
      {STEP_STATUS[state] && (
        <Box component="span" sx={visuallyHidden}>
          {' '}
          {STEP_STATUS[state]}
        </Box>
      )}
    </>
  );
  const chip = { display: 'flex', alignItems: 'center', gap: 1, px: 1.5, py: 0.75, borderRadius: 5, border: 1, fontSize: '0.95rem', textAlign: 'left', ...colors.chip } as const;
  const clickable = state === 'hecho' || state === 'abierto';
  return (
    <Box component="li" aria-current={state === 'actual' ? 'step' : undefined} sx={{ display: 'flex', width: column ? '100%' : undefined }}>
      {clickable ? (
        <ButtonBase
          onClick={onSelect}
          sx={{
            ...chip,
            font: 'inherit',
            width: column ? '100%' : undefined,
            justifyContent: 'flex-start',
            '&:hover': { borderColor: 'primary.main', textDecoration: 'underline' },
            '&.Mui-focusVisible, &:focus-visible': { outline: '3px solid', outlineColor: 'primary.dark', outlineOffset: '2px' },
          }}
        >
          {content}
        </ButtonBase>
      ) : (
        <Box sx={{ ...chip, width: column ? '100%' : undefined, color: state === 'pendiente' ? 'text.secondary' : colors.chip.color }}>{content}</Box>
      )}
    </Box>
  );
}

/**
 * The steps as an ordered list in a nav; every step up to the furthest one reached can be opened by
 * its name. On phones, «Paso n de N» with a progress bar, and the same list behind «Ver todos los pasos».
 */
function Pasos({ labels, current, reached, onSelect }: { labels: string[]; current: number; reached: number; onSelect: (step: number) => void }) {
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'), { noSsr: true });
  const [open, setOpen] = useState(false);
  const stateOf = (i: number): StepState => (i === current ? 'actual' : i < reached ? 'hecho' : i === reached ? 'abierto' : 'pendiente');
  const list = (column: boolean) => (
    <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: column ? 'column' : 'row', flexWrap: 'wrap', gap: 1 }}>
      {labels.map((label, i) => (
        <StepItem
          key={`${i}-${label}`}
          index={i}
          label={label}
          state={stateOf(i)}
          column={column}
          onSelect={() => {
            setOpen(false);
            onSelect(i);
          }}
        />
      ))}
    </Box>
  );
  if (!wide) {
    return (
      <Box sx={{ mb: 3 }}>
        <Typography sx={{ fontWeight: 600, fontSize: '0.95rem' }}>{current + 1 < labels.length ? `Después: ${labels[current + 1]}` : 'Último paso'}</Typography>
        <LinearProgress variant="determinate" value={((current + 1) / labels.length) * 100} aria-label={`Avance: paso ${current + 1} de ${labels.length}`} sx={{ mt: 1, height: 8, borderRadius: 4 }} />
        <Button size="small" variant="text" aria-expanded={open} aria-controls="lista-de-pasos" onClick={() => setOpen((o) => !o)} sx={{ mt: 1, px: 0.5 }}>
          {open ? 'Ocultar los pasos' : 'Ver todos los pasos'}
        </Button>
        {open && (
          <Box component="nav" id="lista-de-pasos" aria-label="Pasos de la solicitud" sx={{ mt: 1 }}>
            {list(true)}
          </Box>
        )}
      </Box>
    );
  }
  return (
    <Box component="nav" aria-label="Pasos de la solicitud" sx={{ mb: 4 }}>
      {list(false)}
    </Box>
  );
}

function Motivos({ motivos }: { motivos: Motivo[] }) {
  return (
    <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
      {motivos.map((m) => (
        <li key={m.ruleId}>{m.message}</li>
      ))}
    </Box>
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function SolicitarPage() {
  const { programaId = '' } = useParams();
  const navigate = useNavigate();
  const { cuenta } = useSession();
  const client = useClienteSolicitud();
  const [programa, setPrograma] = useState<ProgramaDetalle | null>(null);
  const [borrador, setBorrador] = useState<Borrador | null>(null);
  const [activa, setActiva] = useState<SolicitudResumen | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [data, setData] = useState<Json>({});
  const [solicitudId, setSolicitudId] = useState<string | null>(null);
  const [step, setStep] = useState(0);
  /** The furthest step reached: the step list opens any step up to it. */
  const [reached, setReached] = useState(0);
  /** Whether the draft reopened at the step where the person left (remembered in this browser). */
  const [resumed, setResumed] = useState(false);
  /** Set by «Cambiar» on the review page: the step offers «Volver a revisión». */
  const [fromReview, setFromReview] = useState(false);
  const [errors, setErrors] = useState<ErrorCampo[]>([]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [docs, setDocs] = useState<Record<string, DocumentoSubido>>({});
  const [eleg, setEleg] = useState<Elegibilidad | null>(null);
  const [elegError, setElegError] = useState<string | null>(null);
  const [docsMissing, setDocsMissing] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<ReactNode>(null);
  const [submitItems, setSubmitItems] = useState<SummaryItem[]>([]);
  const [tipoApoyo, setTipoApoyo] = useState<string>('');
  const [tipoError, setTipoError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const dataRef = useRef<Json>({});
  dataRef.current = data;
  /** Set once the application is sent: its draft is gone, there is no position to keep. */
  const submitted = useRef(false);

  /**
   * Opens a saved draft at the step where the person left it (form steps, documents, review): as
   * the server keeps it, on any device; a client without that route keeps it in this browser.
   */
  const resume = (b: Borrador, formSteps: number) => {
    const lastStep = formSteps + 1;
    const saved = !b.id || b.origen !== 'borrador' ? null : client.guardarPosicion ? withinSteps(b.posicion, lastStep) : savedProgress(b.id, lastStep);
    if (!saved) return;
    setStep(saved.paso);
    setReached(saved.alcanzado);
    setFromReview(saved.desdeRevision && saved.paso < formSteps + 1);
    setResumed(true);
    // Documents and review show what the answers require.
    if (saved.paso >= formSteps) void checkEligibility();
  };

  useEffect(() => {
    if (!solicitudId || !borrador || submitted.current) return;
    const posicion = { paso: step, alcanzado: reached, desdeRevision: fromReview };
    // Losing the position only costs the convenience of resuming at the step: no error is shown.
    if (client.guardarPosicion) client.guardarPosicion(programaId, posicion).catch(() => undefined);
    else rememberProgress(solicitudId, posicion);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [solicitudId, borrador, step, reached, fromReview]);

  useEffect(() => {
    let alive = true;
    Promise.all([client.programa(programaId), client.borrador(programaId), client.solicitudes().catch(() => [] as SolicitudResumen[])]).then(
      ([p, b, mias]) => {
        if (!alive) return;
        // The server accepts one active application per program: say so now, not after the whole form.
        setActiva(mias.find((m) => m.programa.id === programaId && m.folio && isActiveStatus(m.estado)) ?? null);
        setPrograma(p);
        setBorrador(b);
        const answers = withMinimumItems(p.formulario.schema, b.respuestas ?? {});
        setData(answers);
        dataRef.current = answers;
        setSolicitudId(b.id);
        const byType: Record<string, DocumentoSubido> = {};
        for (const d of b.documentos ?? []) byType[d.tipo] = d;
        setDocs(byType);
        resume(b, stepsOf(p.formulario.uischema, p.nombre).length);
      },
      (e: unknown) => alive && setLoadError(messageOf(e)),
    );
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [programaId]);

  const schema = programa?.formulario.schema ?? null;
  const steps: Step[] = useMemo(() => (programa ? stepsOf(programa.formulario.uischema, programa.nombre) : []), [programa]);
  const docStep = steps.length;
  const reviewStep = steps.length + 1;
  const labels = useMemo(() => [...steps.map((s) => s.label), 'Documentos', 'Revisar y enviar'], [steps]);
  const additionalErrors = useMemo(() => (schema ? toAdditionalErrors(schema, errors) : []), [schema, errors]);

  const goTo = useCallback((next: number) => {
    setStep(next);
    setReached((r) => Math.max(r, next));
    setAttempt(0);
    setSaveError(null);
    window.scrollTo({ top: 0 });
    setTimeout(() => headingRef.current?.focus(), 0);
  }, []);

  const onFormChange = useCallback((next: Json) => {
    const prev = dataRef.current;
    setData(next);
    // An error disappears as soon as its answer changes; the server checks again on "Siguiente".
    setErrors((errs) => (errs.length === 0 ? errs : errs.filter((e) => sameValue(getAt(prev, e.path), getAt(next, e.path)))));
  }, []);

  const save = async (paso?: number): Promise<ErrorCampo[] | null> => {
    setSaving(true);
    setSaveError(null);
    try {
      const r = await client.guardarBorrador(programaId, dataRef.current, paso);
      setSolicitudId(r.id);
      return r.errores ?? [];
    } catch (e) {
      setSaveError(messageOf(e));
      return null;
    } finally {
      setSaving(false);
    }
  };

  const checkEligibility = async () => {
    setElegError(null);
    if (!client.elegibilidad) return;
    try {
      setEleg(await client.elegibilidad(programaId, dataRef.current));
    } catch (e) {
      setElegError(messageOf(e));
    }
  };

  /**
   * Leaves the current step, saving the answers. Going forward the step must be complete, as with
   * «Siguiente» (its errors are shown and the person stays); going back nothing is demanded.
   */
  const leaveStep = async (forward: boolean): Promise<boolean> => {
    if (step < steps.length) {
      if (!forward) {
        await save();
        setErrors([]);
        return true;
      }
      const errs = await save(step);
      if (errs === null) return false;
      setErrors(errs);
      setAttempt((a) => a + 1);
      return errs.length === 0;
    }
    if (step === docStep && forward) {
      const missing = (programa?.documentos ?? []).filter((d) => {
        const n = necesidadDe(d, eleg?.documentosRequeridos ?? null, !client.elegibilidad);
        return (n === 'obligatorio' || n === 'necesario') && !docs[d.id];
      });
      setDocsMissing(missing.map((d) => d.id));
      setAttempt((a) => a + 1);
      return missing.length === 0;
    }
    if (step === docStep) await save();
    return true;
  };

  /** «Siguiente», «Anterior», a step of the list or «Volver a revisión». */
  const moveTo = async (target: number) => {
    if (target === step || saving || submitting) return;
    if (!(await leaveStep(target > step))) return;
    // Documents and review depend on the answers (which documents, whether the person qualifies).
    if (target >= docStep) void checkEligibility();
    if (target === reviewStep) setFromReview(false);
    goTo(target);
  };

  const next = () => moveTo(step + 1);
  const previous = () => moveTo(Math.max(0, step - 1));

  /** «Cambiar» on the review page: that step, with a way straight back. */
  const changeFromReview = (target: number) => {
    setFromReview(true);
    goTo(target);
  };

  const saveAndExit = async () => {
    const r = await save();
    if (r !== null) navigate(client.rutas.borradorGuardado, { state: { aviso: `Guardamos tu solicitud de ${programa?.nombre ?? 'apoyo'} como borrador. Puedes continuarla cuando quieras, desde este u otro dispositivo.` } });
  };

  const submit = async () => {
    if (submitting) return;
    setSubmitError(null);
    setSubmitItems([]);
    setTipoError(null);
    if (programa?.preguntarTipoApoyo && !tipoApoyo) {
      setTipoError('Elige el tipo de apoyo que solicitas.');
      document.getElementById('tipo-apoyo')?.focus();
      return;
    }
    setSubmitting(true);
    try {
      let id = solicitudId;
      if (!id) {
        const r = await client.guardarBorrador(programaId, dataRef.current);
        id = r.id;
        setSolicitudId(id);
      }
      const sent = await client.enviar(id, dataRef.current, tipoApoyo || undefined);
      submitted.current = true;
      forgetProgress(id);
      navigate(client.rutas.enviada(sent.id), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && schema) {
        if (e.code === 'FORM_INVALID') {
          const list = e.fieldErrors;
          setSubmitItems(
            list.map((fe) => {
              const s = stepOfPath(steps, fe.path);
              return {
                target: fieldId(fe.path),
                message: `${s >= 0 ? `${steps[s].label}: ` : ''}${summaryMessage(schema, fe)}`,
                onSelect: () => {
                  if (s >= 0) {
                    setErrors(list.filter((x) => stepOfPath(steps, x.path) === s));
                    setFromReview(true);
                    setStep(s);
                  }
                },
              };
            }),
          );
        } else if (e.code === 'NOT_ELIGIBLE') {
          const motivos = ((e.details as { motivos?: Motivo[] } | undefined)?.motivos ?? []) as Motivo[];
          setSubmitItems(motivos.map((m) => ({ message: m.message })));
        } else if (e.code === 'DOCUMENTS_MISSING') {
          const ids = ((e.details as { documentos?: unknown[] } | undefined)?.documentos ?? []).map((d) => (typeof d === 'string' ? d : String((d as { id?: string }).id ?? '')));
          setSubmitItems(
            ids.map((docId) => ({
              message: programa?.documentos.find((d) => d.id === docId)?.nombre ?? docId,
              onSelect: () => changeFromReview(docStep),
            })),
          );
        }
        setSubmitError(
          e.code === 'PHONE_NOT_VERIFIED' ? (
            <>
              {e.message}{' '}
              <Link component={RouterLink} to="/verificar-telefono">
                Confirmar mi teléfono
              </Link>
            </>
          ) : (
            e.message
          ),
        );
      } else setSubmitError(messageOf(e));
      setAttempt((a) => a + 1);
    } finally {
      setSubmitting(false);
    }
  };

  if (loadError) {
    return (
      <Page title="Solicitar apoyo">
        <ErrorAlert message={loadError} title="No podemos abrir esta solicitud" />
        <Button component={RouterLink} to={client.rutas.apoyos} variant="outlined">
          Ver apoyos disponibles
        </Button>
      </Page>
    );
  }
  if (!programa || !borrador || !schema) return <Loading label="Preparando tu solicitud…" />;
  if (activa) {
    return (
      <Page title={`Solicitud: ${programa.nombre}`} heading={`Solicitud de ${programa.nombre}`}>
        <Alert severity="info" sx={{ mb: 3 }}>
          <AlertTitle>Ya tienes una solicitud en este programa</AlertTitle>
          Tu solicitud {activa.folio} está «{activa.estado}». Solo puede haber una solicitud activa por programa; puedes seguirla en «Mis solicitudes».
        </Alert>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <Button variant="contained" component={RouterLink} to={client.rutas.solicitud(activa.id)}>
            Ver mi solicitud
          </Button>
          <Button variant="outlined" component={RouterLink} to={client.rutas.apoyos}>
            Ver otros apoyos
          </Button>
        </Stack>
      </Page>
    );
  }

  // Only missing answers: the summary names them (each says «Este dato es obligatorio.» next to itself).
  const onlyMissing = errors.length > 0 && errors.every((e) => e.code === 'FORM_REQUIRED');
  const stepItems: SummaryItem[] = (step < steps.length ? inScreenOrder(steps[step], errors) : errors).map((e) => ({
    target: fieldId(e.path),
    message: onlyMissing ? placeOf(schema, e.path, true) : summaryMessage(schema, e, true),
  }));
  const howMany = errors.length === 1 ? 'este dato' : `estos ${errors.length} datos`;
  const stepSummaryTitle = onlyMissing ? `Falta contestar ${howMany} para continuar` : `Revisa ${howMany} para continuar`;
  const missingItems: SummaryItem[] = docsMissing
    .filter((d) => !docs[d])
    .map((d) => ({ target: `documento-${d}-titulo`, message: `Falta: ${programa.documentos.find((x) => x.id === d)?.nombre ?? d}` }));

  const nav = (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mt: 4, alignItems: { sm: 'center' } }}>
      {step > 0 && (
        <Button variant="outlined" size="large" startIcon={<ArrowBackIcon aria-hidden="true" />} onClick={previous} disabled={saving || submitting}>
          Anterior
        </Button>
      )}
      {step < reviewStep && (
        <Button variant={fromReview ? 'outlined' : 'contained'} size="large" endIcon={<ArrowForwardIcon aria-hidden="true" />} onClick={next} disabled={saving}>
          {saving ? 'Guardando…' : 'Siguiente'}
        </Button>
      )}
      {step < reviewStep && fromReview && (
        <Button variant="contained" size="large" startIcon={<FactCheckIcon aria-hidden="true" />} onClick={() => moveTo(reviewStep)} disabled={saving}>
          Volver a revisión
        </Button>
      )}
      {step < reviewStep && (
        <Button variant="text" onClick={saveAndExit} disabled={saving} sx={{ ml: { sm: 'auto !important' } }}>
          Guardar y continuar después
        </Button>
      )}
    </Stack>
  );

  return (
    <Page title={`Solicitud: ${programa.nombre}`} heading={`Solicitud de ${programa.nombre}`}>
      {borrador.origen === 'borrador' && (
        <Alert severity="info" sx={{ mb: 3 }}>
          {resumed
            ? 'Retomamos tu borrador guardado en el paso donde te quedaste. Puedes volver a cualquier paso anterior desde la lista de pasos.'
            : 'Retomamos tu borrador guardado con tus respuestas. Revísalas y avanza con «Siguiente».'}
        </Alert>
      )}
      {borrador.origen === 'expediente' && (
        <Alert severity="info" sx={{ mb: 3 }}>
          Prellenamos con tus respuestas anteriores. Revisa que sigan siendo correctas antes de continuar.
        </Alert>
      )}
      <Pasos labels={labels} current={step} reached={reached} onSelect={(i) => void moveTo(i)} />
      <Paper variant="outlined" sx={{ p: { xs: 1.5, sm: 4 }, mx: { xs: -0.5, sm: 0 } }}>
        <Typography variant="h2" ref={headingRef} tabIndex={-1} sx={{ mb: 2, '&:focus': { outline: 'none' } }}>
          <Box component="span" sx={{ display: 'block', fontSize: '0.95rem', fontWeight: 600, color: 'text.secondary' }}>
            Paso {step + 1} de {labels.length}
          </Box>
          {labels[step]}
        </Typography>
        <ErrorAlert message={saveError} title="No pudimos guardar tus respuestas" />

        {step < steps.length && (
          <>
            <ErrorSummary title={stepSummaryTitle} items={stepItems} focusKey={attempt} />
            <Typography sx={{ mb: 3 }} color="text.secondary">
              Los datos marcados con * son obligatorios. Guardamos tus respuestas cada vez que avanzas.
            </Typography>
            <SiprosForm key={step} schema={schema} uischema={steps[step].uischema} data={data} onChange={onFormChange} errors={additionalErrors} headingLevel={3} />
          </>
        )}

        {step === docStep && (
          <>
            <ErrorSummary title="Faltan documentos para continuar" items={missingItems} focusKey={attempt} />
            <Typography sx={{ mb: 3 }}>
              Sube una foto clara o un archivo PDF de cada documento. Puedes cambiar un archivo antes de enviar tu solicitud.
            </Typography>
            <Stack spacing={2}>
              {programa.documentos.map((d) => (
                <DocumentoUpload
                  key={d.id}
                  solicitudId={solicitudId}
                  doc={d}
                  subido={docs[d.id]}
                  necesidad={necesidadDe(d, eleg?.documentosRequeridos ?? null, !client.elegibilidad)}
                  onUploaded={(saved) => setDocs((old) => ({ ...old, [d.id]: saved }))}
                />
              ))}
            </Stack>
          </>
        )}

        {step === reviewStep && (
          <Stack spacing={3}>
            <section aria-labelledby="requisitos-titulo">
              <Typography variant="h3" id="requisitos-titulo" sx={{ mb: 1 }}>
                Requisitos
              </Typography>
              <ErrorAlert message={elegError} />
              {!eleg && !elegError && client.elegibilidad && <Loading label="Revisando los requisitos…" />}
              {!client.elegibilidad && <Typography>Los requisitos se revisan al enviar la solicitud.</Typography>}
              {eleg?.elegible && (
                <Alert severity="success">
                  <AlertTitle>Cumples los requisitos</AlertTitle>
                  Con tus respuestas cumples los requisitos del programa. Revisa tus datos y envía tu solicitud.
                </Alert>
              )}
              {eleg && !eleg.elegible && (
                <Alert severity="warning">
                  <AlertTitle>Con tus respuestas no cumples estos requisitos</AlertTitle>
                  <Motivos motivos={eleg.motivos} />
                  <Typography sx={{ mt: 1 }}>Si alguna respuesta está equivocada, corrígela con el botón «Cambiar» de su sección.</Typography>
                </Alert>
              )}
            </section>
            <section aria-labelledby="respuestas-titulo">
              <Typography variant="h3" id="respuestas-titulo" sx={{ mb: 1 }}>
                Tus respuestas
              </Typography>
              <AnswersView schema={schema} uischema={programa.formulario.uischema} data={data} headingLevel={4} onEditStep={changeFromReview} />
            </section>
            <section aria-labelledby="documentos-titulo">
              <Typography variant="h3" id="documentos-titulo" sx={{ mb: 1 }}>
                Tus documentos
              </Typography>
              <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
                {programa.documentos
                  .filter((d) => docs[d.id])
                  .map((d) => (
                    <li key={d.id}>
                      {d.nombre}: «{docs[d.id].nombre}»
                    </li>
                  ))}
              </Box>
              <Button variant="text" onClick={() => changeFromReview(docStep)} sx={{ mt: 1 }}>
                Cambiar documentos
              </Button>
            </section>
            {programa.preguntarTipoApoyo && (
              <section aria-labelledby="tipo-apoyo-titulo">
                <Typography variant="h3" id="tipo-apoyo-titulo" sx={{ mb: 1 }}>
                  Tipo de apoyo
                </Typography>
                <FormControl component="fieldset" error={!!tipoError} required>
                  <FormLabel component="legend" id="tipo-apoyo-etiqueta" sx={{ fontWeight: 600 }}>
                    {SUPPORT_TYPE_REVIEW_QUESTION}
                  </FormLabel>
                  <RadioGroup
                    name="tipo-apoyo"
                    aria-labelledby="tipo-apoyo-etiqueta"
                    value={tipoApoyo}
                    onChange={(e) => {
                      setTipoApoyo(e.target.value);
                      setTipoError(null);
                    }}
                    aria-describedby={tipoError ? 'tipo-apoyo-error' : undefined}
                  >
                    {programa.apoyos.map((a, i) => (
                      <FormControlLabel
                        key={a.id}
                        value={a.id}
                        control={<Radio id={i === 0 ? 'tipo-apoyo' : undefined} />}
                        label={`${a.nombre}${a.monto ? ` (${formatMoney(a.monto)})` : ''}${a.descripcion ? `: ${a.descripcion}` : ''}`}
                      />
                    ))}
                  </RadioGroup>
                  {tipoError && (
                    <FormHelperText id="tipo-apoyo-error" sx={{ fontWeight: 600 }}>
                      {tipoError}
                    </FormHelperText>
                  )}
                </FormControl>
              </section>
            )}
            <section aria-labelledby="enviar-titulo">
              <Typography variant="h3" id="enviar-titulo" sx={{ mb: 1 }}>
                Enviar
              </Typography>
              {submitError && (
                <Alert severity="error" role="alert" sx={{ mb: 2 }}>
                  <AlertTitle>No se pudo enviar tu solicitud</AlertTitle>
                  {submitError}
                </Alert>
              )}
              <ErrorSummary title="Para enviar, revisa:" items={submitItems} focusKey={attempt} />
              <Typography sx={{ mb: 2 }}>
                Al enviar, {cuenta ? `${cuenta.nombres}, ` : ''}declaras que la información es verdadera. Recibirás un folio y te avisaremos por SMS cada vez que cambie el estado de tu solicitud.
              </Typography>
              <Button variant="contained" size="large" color="primary" startIcon={<SendIcon aria-hidden="true" />} onClick={submit} disabled={submitting} aria-disabled={submitting}>
                {submitting ? 'Enviando…' : 'Enviar solicitud'}
              </Button>
            </section>
          </Stack>
        )}
        {nav}
      </Paper>
    </Page>
  );
}
