/** «Vista previa»: the citizen's form as the portal draws it, judged live by the engine on the server. */
import { useEffect, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { messageOf, type Json } from '../../../runtime/web/src/api.ts';
import { SiprosForm } from '../../../runtime/web/src/forms/SiprosForm.tsx';
import { DateParts } from '../../../runtime/web/src/components/DateParts.tsx';
import { breadcrumbAt, stepsOf, toAdditionalErrors, withMinimumItems } from '../../../runtime/web/src/forms/schema.ts';
import { validateCurp } from '../../../engine/curp.ts';
import { disenador, type VistaPrevia } from '../api.ts';
import { Seccion, useEditor } from '../comun.tsx';


export const dateOf = (at: unknown) => (typeof at === 'string' ? at.slice(0, 10) : '');
export const atOf = (date: string) => `${date}T10:00:00-06:00`;

/** The citizen's form, step by step, with the same renderers as the portal. */
export function FormularioCiudadano({ data, onChange, errores, idPrefix }: { data: Json; onChange: (d: Json) => void; errores: Array<{ path: string; message: string; code: string }>; idPrefix: string }) {
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

export function useVistaPrevia(data: Json, curp: string, fecha: string) {
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

export function Veredicto({ res, cargando, curp }: { res: VistaPrevia | null; cargando: boolean; curp: string }) {
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

/** The questions with errors, by their labels as the citizen reads them («Hogar › Edad»), each once. */
export function etiquetasDe(schema: Json, errores: ReadonlyArray<{ path: string }>): string {
  return [...new Set(errores.map((e) => `«${breadcrumbAt(schema, e.path)}»`))].join(', ');
}
