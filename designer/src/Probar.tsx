import { useEffect, useMemo, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CancelIcon from '@mui/icons-material/Cancel';
import { messageOf, type Json } from '../../runtime/web/src/api.ts';
import { SiprosForm } from '../../runtime/web/src/forms/SiprosForm.tsx';
import { DateParts } from '../../runtime/web/src/components/DateParts.tsx';
import { breadcrumbAt, stepsOf, toAdditionalErrors, withMinimumItems } from '../../runtime/web/src/forms/schema.ts';
import { validateCurp } from '../../engine/curp.ts';
import { AREA_NAMES } from '../../engine/definition/locate.ts';
import { disenador, type Cambio, type Diferencias, type ResultadoPrueba, type TextoDePlantilla, type VistaPrevia } from './api.ts';
import { ErroresDe, Seccion, useEditor } from './comun.tsx';
import { clone } from './model.ts';
import { setIn } from './model.ts';

/** Publication times offered, every half hour (Mexico City). */
const HORAS = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);

const dateOf = (at: unknown) => (typeof at === 'string' ? at.slice(0, 10) : '');
const atOf = (date: string) => `${date}T10:00:00-06:00`;

/** The citizen's form, step by step, with the same renderers as the portal. */
function FormularioCiudadano({ data, onChange, errores, idPrefix }: { data: Json; onChange: (d: Json) => void; errores: Array<{ path: string; message: string; code: string }>; idPrefix: string }) {
  const { formulario } = useEditor();
  const steps = useMemo(() => stepsOf(formulario.uischema, 'Datos'), [formulario.uischema]);
  const [step, setStep] = useState(0);
  const [seed, setSeed] = useState(0);
  const current = Math.min(step, Math.max(0, steps.length - 1));
  const extra = useMemo(() => toAdditionalErrors(formulario.schema, errores), [formulario.schema, errores]);
  const schemaKey = useMemo(() => JSON.stringify(formulario).length, [formulario]);
  if (steps.length === 0) return <Typography>El formulario no tiene pasos.</Typography>;
  return (
    <Box>
      <Box component="nav" aria-label="Pasos del formulario" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mb: 2 }}>
        {steps.map((s, i) => {
          const n = errores.filter((e) => s.paths.some((p) => e.path === p || e.path.startsWith(`${p}.`))).length;
          return (
            <Button key={i} size="small" variant={i === current ? 'contained' : 'outlined'} aria-current={i === current ? 'step' : undefined} onClick={() => { setStep(i); setSeed((x) => x + 1); }}>
              {i + 1}. {s.label}
              {n > 0 && ` (${n})`}
            </Button>
          );
        })}
      </Box>
      <Typography variant="h3" sx={{ mb: 2 }}>{steps[current].label}</Typography>
      <SiprosForm key={`${idPrefix}-${current}-${seed}-${schemaKey}`} schema={formulario.schema} uischema={steps[current].uischema} data={withMinimumItems(formulario.schema, data)} onChange={onChange} errors={extra} headingLevel={4} />
    </Box>
  );
}

function useVistaPrevia(data: Json, curp: string, fecha: string) {
  const { def } = useEditor();
  const [res, setRes] = useState<VistaPrevia | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cargando, setCargando] = useState(false);
  useEffect(() => {
    let alive = true;
    setCargando(true);
    const t = setTimeout(() => {
      const curpOk = validateCurp(curp.trim().toUpperCase()).valid;
      disenador
        .vistaPrevia(def, data, curpOk ? curp.trim().toUpperCase() : undefined, fecha ? new Date(atOf(fecha)).toISOString() : undefined)
        .then((r) => alive && (setRes(r), setError(null)), (e) => alive && setError(messageOf(e)))
        .finally(() => alive && setCargando(false));
    }, 400);
    return () => {
      alive = false;
      clearTimeout(t);
    };
  }, [def, data, curp, fecha]);
  return { res, error, cargando };
}

function Veredicto({ res, cargando, curp }: { res: VistaPrevia | null; cargando: boolean; curp: string }) {
  return (
    <Box role="status" aria-live="polite" aria-busy={cargando} data-testid="veredicto">
      {!res ? (
        <Typography>Evaluando…</Typography>
      ) : !res.definicionValida ? (
        <Alert severity="warning">El programa tiene errores; corrígelos para ver la vista previa. {res.errores?.[0]?.ubicacion}: {res.errores?.[0]?.mensaje}</Alert>
      ) : (
        <Stack spacing={1}>
          {res.formulario?.valido ? (
            <Alert severity="success">El formulario está completo.</Alert>
          ) : (
            <Alert severity="info">Faltan {res.formulario?.errores.length ?? 0} respuestas o hay datos por corregir (se marcan en cada campo).</Alert>
          )}
          {!res.elegibilidad ? (
            <Alert severity="info">{curp ? 'La CURP no es válida.' : 'Escribe una CURP para evaluar los requisitos.'}</Alert>
          ) : res.elegibilidad.elegible ? (
            <Alert severity="success">Cumple los requisitos.</Alert>
          ) : (
            <Alert severity="error">
              No cumple los requisitos:
              <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
                {res.elegibilidad.motivos.map((m) => <li key={m.ruleId}>{m.message}</li>)}
              </Box>
            </Alert>
          )}
        </Stack>
      )}
    </Box>
  );
}

export function VistaPreviaSeccion() {
  const { def } = useEditor();
  const base = ((def.tests as Json | undefined)?.base ?? {}) as Json;
  const [curp, setCurp] = useState(String(base.curp ?? ''));
  const [fecha, setFecha] = useState(dateOf(base.at) || new Date().toISOString().slice(0, 10));
  const [data, setData] = useState<Json>({});
  const { res, error, cargando } = useVistaPrevia(data, curp, fecha);
  return (
    <Seccion titulo="Vista previa" ayuda="Así verá el formulario la persona solicitante. Llénalo con datos de ejemplo: los requisitos se evalúan mientras escribes. Nada de esto se guarda.">
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2 }}>
        <TextField label="CURP de ejemplo" value={curp} onChange={(e) => setCurp(e.target.value.toUpperCase())} slotProps={{ htmlInput: { maxLength: 18 } }} sx={{ flex: 1 }} />
        <Box sx={{ flex: 1 }}>
          <DateParts id="vp-fecha" label="Fecha de la solicitud" value={fecha || undefined} onChange={(v) => setFecha(v ?? '')} />
        </Box>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) 300px' }, gap: 3, alignItems: 'start' }}>
        <Paper variant="outlined" sx={{ p: 2 }}>
          <FormularioCiudadano data={data} onChange={setData} errores={res?.formulario?.errores ?? []} idPrefix="vp" />
        </Paper>
        <Box sx={{ position: { lg: 'sticky' }, top: 16 }}>
          <Typography variant="h3" sx={{ mb: 1 }}>Resultado</Typography>
          <Veredicto res={res} cargando={cargando} curp={curp} />
        </Box>
      </Box>
    </Seccion>
  );
}

function Resultado({ p }: { p: ResultadoPrueba | undefined }) {
  if (!p) return <Chip size="small" label="Sin ejecutar" />;
  return p.ok ? (
    <Chip size="small" color="success" icon={<CheckCircleIcon aria-hidden="true" />} label="Pasa" />
  ) : (
    <Chip size="small" color="error" icon={<CancelIcon aria-hidden="true" />} label="Falla" />
  );
}

export function PruebasSeccion() {
  const { def, update, pruebas, errores, formulario } = useEditor();
  const tests = (def.tests ?? { cases: [] }) as Json;
  const base = (tests.base ?? {}) as Json;
  const cases = (tests.cases as Json[]) ?? [];
  const rules = (def.eligibility as Json[]) ?? [];
  const [muestra, setMuestra] = useState(false);
  const [corrida, setCorrida] = useState<ResultadoPrueba[] | null>(null);
  const [corriendo, setCorriendo] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);
  const answersRef = useRef<Json>((base.answers as Json) ?? {});
  const [answers, setAnswers] = useState<Json>((base.answers as Json) ?? {});
  const prev = useVistaPrevia(muestra ? answers : (base.answers as Json) ?? {}, String(base.curp ?? ''), dateOf(base.at));
  const resultados = corrida ?? pruebas;
  const setCase = (i: number, keys: Array<string | number>, value: unknown) => update((d) => setIn(d, ['tests', 'cases', i, ...keys], value));

  const ejecutar = async () => {
    setCorriendo(true);
    setRunError(null);
    try {
      const r = await disenador.revisar(def);
      setCorrida(r.pruebas);
      if (!r.valido) setRunError('El programa tiene errores: corrígelos para poder ejecutar las pruebas.');
    } catch (e) {
      setRunError(messageOf(e));
    } finally {
      setCorriendo(false);
    }
  };

  return (
    <Seccion titulo="Casos de prueba" ayuda="Cada caso es una persona de ejemplo y lo que debe pasar con su solicitud. No se puede publicar mientras algún caso falle.">
      <ErroresDe area="pruebas" />
      <Typography variant="h3" sx={{ mb: 1 }}>Persona de ejemplo</Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>Sus datos y respuestas son la base de todos los casos; cada caso cambia solo lo que indica.</Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2 }}>
        <TextField label="CURP de la persona de ejemplo" value={String(base.curp ?? '')} onChange={(e) => update((d) => setIn(d, ['tests', 'base', 'curp'], e.target.value.toUpperCase()))} slotProps={{ htmlInput: { maxLength: 18 } }} sx={{ flex: 1 }} />
        <Box sx={{ flex: 1 }}>
          <DateParts id="base-fecha" label="Fecha de su solicitud" value={dateOf(base.at) || undefined} onChange={(v) => v && update((d) => setIn(d, ['tests', 'base', 'at'], atOf(v)))} />
        </Box>
      </Stack>
      <Box sx={{ mb: 3 }}>
        <Button variant="outlined" aria-expanded={muestra} onClick={() => setMuestra((m) => !m)}>
          {muestra ? 'Ocultar respuestas de ejemplo' : 'Editar respuestas de ejemplo'}
        </Button>
        {!muestra && prev.res?.formulario && !prev.res.formulario.valido && (
          <Alert severity="warning" sx={{ mt: 1 }}>
            {prev.res.formulario.errores.length === 1 ? 'A las respuestas de ejemplo les falta 1 dato' : `A las respuestas de ejemplo les faltan ${prev.res.formulario.errores.length} datos`} del formulario actual: {etiquetasDe(formulario.schema, prev.res.formulario.errores)}. Complétalas con «Editar respuestas de ejemplo».
          </Alert>
        )}
        {muestra && (
          <Paper variant="outlined" sx={{ p: 2, mt: 2 }}>
            <FormularioCiudadano
              data={answersRef.current}
              idPrefix="base"
              errores={prev.res?.formulario?.errores ?? []}
              onChange={(d) => {
                answersRef.current = d;
                setAnswers(d);
                update((x) => setIn(x, ['tests', 'base', 'answers'], clone(d)));
              }}
            />
            <Box sx={{ mt: 2 }}>
              <Veredicto res={prev.res} cargando={prev.cargando} curp={String(base.curp ?? '')} />
            </Box>
          </Paper>
        )}
      </Box>

      <Typography variant="h3" sx={{ mb: 1 }}>Casos</Typography>
      <Stack spacing={2}>
        {cases.map((c, i) => {
          const applicant = (c.applicant ?? {}) as Json;
          const expect = (c.expect ?? {}) as Json;
          const esperado = expect.valid === false ? 'invalido' : expect.eligible === false ? 'no-cumple' : 'cumple';
          const reasons = (expect.reasons as string[]) ?? [];
          const r = resultados.find((p) => p.nombre === c.name);
          return (
            <Paper key={i} variant="outlined" sx={{ p: 2 }} role="group" aria-label={`Caso: ${String(c.name ?? '')}`}>
              <Stack spacing={1.5}>
                <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1.5 }}>
                  <TextField size="small" label="Nombre del caso" value={String(c.name ?? '')} onChange={(e) => setCase(i, ['name'], e.target.value)} sx={{ flex: 2, minWidth: 240 }} />
                  <TextField size="small" label="CURP (si es otra persona)" value={String(applicant.curp ?? '')} onChange={(e) => setCase(i, ['applicant', 'curp'], e.target.value ? e.target.value.toUpperCase() : undefined)} slotProps={{ htmlInput: { maxLength: 18 } }} sx={{ flex: 1, minWidth: 220 }} />
                  <TextField size="small" select label="Resultado esperado" value={esperado} onChange={(e) => update((d) => setIn(d, ['tests', 'cases', i, 'expect'], e.target.value === 'cumple' ? { eligible: true } : e.target.value === 'no-cumple' ? { eligible: false, reasons: rules[0] ? [String(rules[0].id)] : [] } : { valid: false }))} sx={{ minWidth: 230 }}>
                    <MenuItem value="cumple">Cumple los requisitos</MenuItem>
                    <MenuItem value="no-cumple">No cumple los requisitos</MenuItem>
                    <MenuItem value="invalido">El formulario tiene errores</MenuItem>
                  </TextField>
                  <Resultado p={r} />
                  <IconButton aria-label={`Quitar el caso ${String(c.name ?? '')}`} onClick={() => update((d) => setIn(d, ['tests', 'cases'], cases.filter((_, j) => j !== i)))}>
                    <DeleteIcon />
                  </IconButton>
                </Stack>
                {esperado === 'no-cumple' && (
                  <Box>
                    <Typography sx={{ fontWeight: 600 }}>Requisitos que no debe cumplir:</Typography>
                    {rules.map((rule) => (
                      <FormControlLabel key={String(rule.id)} label={String(rule.message)} control={<Checkbox checked={reasons.includes(String(rule.id))} onChange={(e) => setCase(i, ['expect', 'reasons'], e.target.checked ? [...reasons, String(rule.id)] : reasons.filter((x) => x !== rule.id))} />} />
                    ))}
                  </Box>
                )}
                {r && !r.ok && (
                  <Alert severity="error">
                    <Box component="ul" sx={{ m: 0, pl: 2 }}>{r.fallas.map((f, k) => <li key={k}>{f}</li>)}</Box>
                  </Alert>
                )}
              </Stack>
            </Paper>
          );
        })}
      </Stack>
      <Stack direction="row" spacing={2} sx={{ mt: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button startIcon={<AddIcon aria-hidden="true" />} onClick={() => update((d) => setIn(d, ['tests', 'cases', cases.length], { name: `Caso ${cases.length + 1}`, applicant: {}, expect: { eligible: true } }))}>
          Agregar caso
        </Button>
        <Button variant="contained" onClick={ejecutar} disabled={corriendo}>
          {corriendo ? 'Ejecutando…' : 'Ejecutar pruebas'}
        </Button>
        <Box role="status" aria-live="polite" data-testid="resumen-pruebas">
          {corrida && !runError && (corrida.every((p) => p.ok) ? `Pasan los ${corrida.length} casos.` : `Fallan ${corrida.filter((p) => !p.ok).length} de ${corrida.length} casos.`)}
        </Box>
      </Stack>
      {runError && <Alert severity="error" sx={{ mt: 2 }}>{runError}</Alert>}
      {errores.length > 0 && !runError && <Alert severity="warning" sx={{ mt: 2 }}>Hay {errores.length} errores en el programa; las pruebas se ejecutan cuando no hay ninguno.</Alert>}
    </Seccion>
  );
}

const areaName = (area: string) => (AREA_NAMES as Record<string, string>)[area] ?? area;

/** The questions with errors, by their labels as the citizen reads them («Hogar › Edad»), each once. */
function etiquetasDe(schema: Json, errores: ReadonlyArray<{ path: string }>): string {
  return [...new Set(errores.map((e) => `«${breadcrumbAt(schema, e.path)}»`))].join(', ');
}

export function PublicarSeccion({ onPublicado, pendiente }: { onPublicado: (msg: string) => void; pendiente: boolean }) {
  const { borradorId, errores, pruebas, def, irA } = useEditor();
  const [diff, setDiff] = useState<Diferencias | null>(null);
  /** The publication the planner asked for, waiting for her confirmation (now, or at a date). */
  const [confirmar, setConfirmar] = useState<{ programarPara?: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cuando, setCuando] = useState('');
  useEffect(() => {
    if (pendiente) return;
    disenador.diferencias(borradorId).then(setDiff, (e) => setError(messageOf(e)));
  }, [borradorId, pendiente, def]);
  const fallidas = pruebas.filter((p) => !p.ok);
  const bloqueos: Array<{ texto: string; seccion: string }> = [
    ...errores.map((e) => ({ texto: `${e.ubicacion}: ${e.mensaje}`, seccion: Object.entries({ general: 'general', convocatoria: 'convocatoria', formulario: 'formulario', elegibilidad: 'requisitos', documentos: 'documentos', flujo: 'flujo', notificaciones: 'mensajes', pruebas: 'pruebas' }).find(([a]) => a === e.area)?.[1] ?? 'general' })),
    ...fallidas.map((p) => ({ texto: `El caso de prueba «${p.nombre}» falla: ${p.fallas.join(' ')}`, seccion: 'pruebas' })),
    ...(pruebas.length === 0 && errores.length === 0 ? [{ texto: 'Agrega al menos un caso de prueba.', seccion: 'pruebas' }] : []),
  ];
  const publicar = async (programarPara?: string) => {
    setBusy(true);
    setError(null);
    try {
      const r = await disenador.publicar(borradorId, programarPara);
      if (r.programada) onPublicado(`Se programó la publicación de «${String(def.name)}» versión ${r.programada.version} para el ${new Date(r.programada.para).toLocaleString('es-MX', { timeZone: 'America/Mexico_City' })}.`);
      else onPublicado(`Se publicó «${String(def.name)}» versión ${r.version}. Ya recibe solicitudes cuando su convocatoria está abierta.`);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };
  const grupos = new Map<string, Cambio[]>();
  for (const c of diff?.cambios ?? []) grupos.set(c.area, [...(grupos.get(c.area) ?? []), c]);
  return (
    <Seccion titulo="Publicar" ayuda="Publicar crea una versión nueva que ya no cambia. Las solicitudes que ya se hicieron siguen con su versión.">
      <Typography variant="h3" sx={{ mb: 1 }}>Qué cambia</Typography>
      {!diff ? (
        <Typography>{pendiente ? 'Guardando cambios…' : 'Calculando diferencias…'}</Typography>
      ) : diff.error ? (
        <Alert severity="warning">{diff.error}</Alert>
      ) : diff.contra === null ? (
        <Alert severity="info">Es un programa nuevo: se publicará su versión {String(def.version ?? 1)}.</Alert>
      ) : diff.cambios.length === 0 ? (
        <Alert severity="info">No hay cambios respecto a la versión {diff.contra}.</Alert>
      ) : (
        <Stack spacing={2}>
          <Typography>Cambios respecto a la versión {diff.contra}:</Typography>
          {[...grupos.entries()].map(([area, cambios]) => (
            <Box key={area} component="section" aria-label={areaName(area)}>
              <Typography variant="h4" sx={{ mb: 0.5 }}>{areaName(area)}</Typography>
              <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
                {cambios.map((c, i) => (
                  <li key={i}>
                    {c.text} {c.breaking && <Chip size="small" color="warning" label="Cambio importante" sx={{ ml: 0.5 }} />}
                  </li>
                ))}
              </Box>
            </Box>
          ))}
          {diff.cambios.some((c) => c.breaking) && <Alert severity="warning">Los cambios importantes afectan a quien tenga un borrador: deberá revisar sus respuestas. Las solicitudes enviadas no cambian.</Alert>}
        </Stack>
      )}
      <TextoDePlantillaAviso textos={diff?.plantilla ?? []} irA={irA} />
      <Typography variant="h3" sx={{ mt: 4, mb: 1 }}>Antes de publicar</Typography>
      {bloqueos.length > 0 ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          No se puede publicar todavía:
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {bloqueos.map((b, i) => (
              <li key={i}>
                {b.texto} <Button size="small" color="inherit" onClick={() => irA(b.seccion)}>Ir a corregir</Button>
              </li>
            ))}
          </Box>
        </Alert>
      ) : (
        <Alert severity="success" sx={{ mb: 2 }}>Sin errores y pasan los {pruebas.length} casos de prueba.</Alert>
      )}
      {error && <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert>}
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: { md: 'center' } }}>
        <Button variant="contained" size="large" disabled={busy || pendiente || bloqueos.length > 0} onClick={() => setConfirmar({})}>
          Publicar ahora
        </Button>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ alignItems: { sm: 'flex-end' }, flexWrap: 'wrap' }}>
          <Box sx={{ maxWidth: 420, flex: 1 }}>
            <DateParts id="programar-fecha" label="O programarla para el día" value={cuando.slice(0, 10) || undefined} onChange={(v) => setCuando(v ? `${v}T${cuando.slice(11, 16) || '09:00'}` : '')} />
          </Box>
          <TextField select size="small" label="A las" value={cuando.slice(11, 16) || '09:00'} onChange={(e) => setCuando((c) => (c ? `${c.slice(0, 10)}T${e.target.value}` : c))} sx={{ minWidth: 110 }}>
            {HORAS.map((h) => (
              <MenuItem key={h} value={h}>
                {h} h
              </MenuItem>
            ))}
          </TextField>
          <Button variant="outlined" sx={{ whiteSpace: 'nowrap' }} disabled={busy || pendiente || bloqueos.length > 0 || !cuando} onClick={() => setConfirmar({ programarPara: `${cuando}:00-06:00` })}>
            Programar publicación
          </Button>
        </Stack>
      </Stack>
      {confirmar && diff && (
        <ConfirmarPublicacion
          nombre={String(def.name)}
          version={String(def.version ?? 1)}
          diff={diff}
          programarPara={confirmar.programarPara}
          busy={busy}
          onVolver={(seccion) => {
            setConfirmar(null);
            if (seccion) irA(seccion);
          }}
          onPublicar={() => publicar(confirmar.programarPara)}
        />
      )}
    </Seccion>
  );
}

/** The section of the designer where a template text is changed: requirements, or the general data. */
const seccionDe = (pointer: string) => (pointer.startsWith('/eligibility') ? 'requisitos' : 'general');

/** Text still as the template wrote it: a warning with a way to each place to change it. */
function TextoDePlantillaAviso({ textos, irA }: { textos: readonly TextoDePlantilla[]; irA: (seccion: string) => void }) {
  if (textos.length === 0) return null;
  return (
    <Alert severity="warning" sx={{ mt: 3 }} data-plantilla>
      Esto sigue igual que en la plantilla y lo verá la ciudadanía:
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {textos.map((t) => (
          <li key={t.pointer}>
            {t.message}{' '}
            <Button size="small" color="inherit" onClick={() => irA(seccionDe(t.pointer))}>
              Ir a corregir
            </Button>
          </li>
        ))}
      </Box>
    </Alert>
  );
}

/** «¿Publicar?»: what changes and what still reads like the template, before a version that never changes again. */
function ConfirmarPublicacion({ nombre, version, diff, programarPara, busy, onVolver, onPublicar }: {
  nombre: string;
  version: string;
  diff: Diferencias;
  programarPara?: string;
  busy: boolean;
  onVolver: (seccion?: string) => void;
  onPublicar: () => void;
}) {
  const cuando = programarPara ? new Date(programarPara).toLocaleString('es-MX', { timeZone: 'America/Mexico_City', dateStyle: 'long', timeStyle: 'short' }) : null;
  const resumen = diff.contra === null ? 'Es un programa nuevo.' : diff.cambios.length === 0 ? `No cambia nada respecto a la versión ${diff.contra}.` : `${diff.cambios.length === 1 ? 'Cambia 1 cosa' : `Cambian ${diff.cambios.length} cosas`} respecto a la versión ${diff.contra}${diff.cambios.some((c) => c.breaking) ? ', algunas importantes' : ''}.`;
  return (
    <Dialog open onClose={() => onVolver()} aria-labelledby="confirmar-publicacion-titulo" maxWidth="sm" fullWidth>
      <DialogTitle id="confirmar-publicacion-titulo">{cuando ? `¿Programar la publicación de «${nombre}»?` : `¿Publicar «${nombre}» versión ${version}?`}</DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 1.5 }}>{resumen}</Typography>
        {diff.cambios.length > 0 && (
          <Box component="ul" sx={{ mt: 0, mb: 2, pl: 2.5 }}>
            {diff.cambios.slice(0, 8).map((c, i) => (
              <li key={i}>{c.text}</li>
            ))}
            {diff.cambios.length > 8 && <li>y {diff.cambios.length - 8} más (en «Qué cambia»).</li>}
          </Box>
        )}
        {diff.plantilla.length > 0 && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            Sigue igual que en la plantilla:
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {diff.plantilla.map((t) => (
                <li key={t.pointer}>{t.message}</li>
              ))}
            </Box>
          </Alert>
        )}
        <Typography>{cuando ? `Se publicará el ${cuando}; hasta entonces puedes cancelarla.` : 'Una versión publicada ya no cambia. Las personas la verán en el catálogo de programas.'}</Typography>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2, flexWrap: 'wrap', gap: 1 }}>
        {diff.plantilla.length > 0 && (
          <Button onClick={() => onVolver(seccionDe(diff.plantilla[0].pointer))} disabled={busy}>
            Corregir primero
          </Button>
        )}
        <Button variant="outlined" onClick={() => onVolver()} disabled={busy}>
          Volver
        </Button>
        <Button variant="contained" onClick={onPublicar} disabled={busy}>
          {busy ? 'Publicando…' : cuando ? 'Sí, programar' : 'Sí, publicar'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
