/** «Casos de prueba»: a sample person and the cases that must pass before a program can be published. */
import { useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
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
import { messageOf, type Json } from '../../../runtime/web/src/api.ts';
import { DateParts } from '../../../runtime/web/src/components/DateParts.tsx';
import { disenador, type ResultadoPrueba } from '../api.ts';
import { ErroresDe, Seccion, useEditor } from '../comun.tsx';
import { clone } from '../model.ts';
import { setIn } from '../model.ts';

import { atOf, dateOf, etiquetasDe, FormularioCiudadano, useVistaPrevia, Veredicto } from './VistaPrevia.tsx';

function Resultado({ p }: { p: ResultadoPrueba | undefined }) {
  if (!p) return <Chip size="small" label="Sin ejecutar" />;
  return p.ok ? (
    <Chip size="small" color="success" icon={<CheckCircleIcon aria-hidden="true" />} label="Pasa" />
  ) : (
    <Chip size="small" color="error" icon={<CancelIcon aria-hidden="true" />} label="Falla" />
  );
}

/** The sample answers, edited with the citizen's own form (hidden until asked for). */
function RespuestasDeEjemplo({ base }: { base: Json }) {
  const { update, formulario } = useEditor();
  const [muestra, setMuestra] = useState(false);
  const answersRef = useRef<Json>((base.answers as Json) ?? {});
  const [answers, setAnswers] = useState<Json>((base.answers as Json) ?? {});
  const prev = useVistaPrevia(muestra ? answers : (base.answers as Json) ?? {}, String(base.curp ?? ''), dateOf(base.at));
  const faltan = prev.res?.formulario && !prev.res.formulario.valido ? prev.res.formulario.errores : null;
  return (
    <Box sx={{ mb: 3 }}>
      <Button variant="outlined" aria-expanded={muestra} onClick={() => setMuestra((m) => !m)}>
        {muestra ? 'Ocultar respuestas de ejemplo' : 'Editar respuestas de ejemplo'}
      </Button>
      {!muestra && faltan && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          {faltan.length === 1 ? 'A las respuestas de ejemplo les falta 1 dato' : `A las respuestas de ejemplo les faltan ${faltan.length} datos`} del formulario actual: {etiquetasDe(formulario.schema, faltan)}. Complétalas con «Editar respuestas de ejemplo».
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
  );
}

function PersonaDeEjemplo({ base }: { base: Json }) {
  const { update } = useEditor();
  return (
    <>
      <Typography variant="h3" sx={{ mb: 1 }}>Persona de ejemplo</Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>Sus datos y respuestas son la base de todos los casos; cada caso cambia solo lo que indica.</Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2 }}>
        <TextField label="CURP de la persona de ejemplo" value={String(base.curp ?? '')} onChange={(e) => update((d) => setIn(d, ['tests', 'base', 'curp'], e.target.value.toUpperCase()))} slotProps={{ htmlInput: { maxLength: 18 } }} sx={{ flex: 1 }} />
        <Box sx={{ flex: 1 }}>
          <DateParts id="base-fecha" label="Fecha de su solicitud" value={dateOf(base.at) || undefined} onChange={(v) => v && update((d) => setIn(d, ['tests', 'base', 'at'], atOf(v)))} />
        </Box>
      </Stack>
      <RespuestasDeEjemplo base={base} />
    </>
  );
}

/** The requirements a «no cumple» case must fail. */
function RequisitosQueFallan({ i, reasons, rules }: { i: number; reasons: string[]; rules: Json[] }) {
  const { update } = useEditor();
  const set = (value: string[]) => update((d) => setIn(d, ['tests', 'cases', i, 'expect', 'reasons'], value));
  return (
    <Box>
      <Typography sx={{ fontWeight: 600 }}>Requisitos que no debe cumplir:</Typography>
      {rules.map((rule) => (
        <FormControlLabel key={String(rule.id)} label={String(rule.message)} control={<Checkbox checked={reasons.includes(String(rule.id))} onChange={(e) => set(e.target.checked ? [...reasons, String(rule.id)] : reasons.filter((x) => x !== rule.id))} />} />
      ))}
    </Box>
  );
}

function Caso({ c, i, cases, rules, r }: { c: Json; i: number; cases: Json[]; rules: Json[]; r: ResultadoPrueba | undefined }) {
  const { update } = useEditor();
  const setCase = (keys: Array<string | number>, value: unknown) => update((d) => setIn(d, ['tests', 'cases', i, ...keys], value));
  const applicant = (c.applicant ?? {}) as Json;
  const expect = (c.expect ?? {}) as Json;
  const esperado = expect.valid === false ? 'invalido' : expect.eligible === false ? 'no-cumple' : 'cumple';
  const esperar = (v: string) => setCase(['expect'], v === 'cumple' ? { eligible: true } : v === 'no-cumple' ? { eligible: false, reasons: rules[0] ? [String(rules[0].id)] : [] } : { valid: false });
  return (
    <Paper variant="outlined" sx={{ p: 2 }} role="group" aria-label={`Caso: ${String(c.name ?? '')}`}>
      <Stack spacing={1.5}>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1.5 }}>
          <TextField size="small" label="Nombre del caso" value={String(c.name ?? '')} onChange={(e) => setCase(['name'], e.target.value)} sx={{ flex: 2, minWidth: 240 }} />
          <TextField size="small" label="CURP (si es otra persona)" value={String(applicant.curp ?? '')} onChange={(e) => setCase(['applicant', 'curp'], e.target.value ? e.target.value.toUpperCase() : undefined)} slotProps={{ htmlInput: { maxLength: 18 } }} sx={{ flex: 1, minWidth: 220 }} />
          <TextField size="small" select label="Resultado esperado" value={esperado} onChange={(e) => esperar(e.target.value)} sx={{ minWidth: 230 }}>
            <MenuItem value="cumple">Cumple los requisitos</MenuItem>
            <MenuItem value="no-cumple">No cumple los requisitos</MenuItem>
            <MenuItem value="invalido">El formulario tiene errores</MenuItem>
          </TextField>
          <Resultado p={r} />
          <IconButton aria-label={`Quitar el caso ${String(c.name ?? '')}`} onClick={() => update((d) => setIn(d, ['tests', 'cases'], cases.filter((_, j) => j !== i)))}>
            <DeleteIcon />
          </IconButton>
        </Stack>
        {esperado === 'no-cumple' && <RequisitosQueFallan i={i} reasons={(expect.reasons as string[]) ?? []} rules={rules} />}
        {r && !r.ok && (
          <Alert severity="error">
            <Box component="ul" sx={{ m: 0, pl: 2 }}>{r.fallas.map((f, k) => <li key={k}>{f}</li>)}</Box>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** Runs the cases on the server with the definition as edited now. */
function useEjecucion() {
  const { def } = useEditor();
  const [corrida, setCorrida] = useState<ResultadoPrueba[] | null>(null);
  const [corriendo, setCorriendo] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);
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
  return { corrida, corriendo, runError, ejecutar };
}

export function PruebasSeccion() {
  const { def, update, pruebas, errores } = useEditor();
  const tests = (def.tests ?? { cases: [] }) as Json;
  const cases = (tests.cases as Json[]) ?? [];
  const rules = (def.eligibility as Json[]) ?? [];
  const { corrida, corriendo, runError, ejecutar } = useEjecucion();
  const resultados = corrida ?? pruebas;
  return (
    <Seccion titulo="Casos de prueba" ayuda="Cada caso es una persona de ejemplo y lo que debe pasar con su solicitud. No se puede publicar mientras algún caso falle.">
      <ErroresDe area="pruebas" />
      <PersonaDeEjemplo base={(tests.base ?? {}) as Json} />
      <Typography variant="h3" sx={{ mb: 1 }}>Casos</Typography>
      <Stack spacing={2}>
        {cases.map((c, i) => (
          <Caso key={i} c={c} i={i} cases={cases} rules={rules} r={resultados.find((p) => p.nombre === c.name)} />
        ))}
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
