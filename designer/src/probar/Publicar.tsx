/** «Publicar»: what publishing changes, what still reads like the template, and publication now or scheduled. */
import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { messageOf } from '../../../runtime/web/src/api.ts';
import { DateParts } from '../../../runtime/web/src/components/DateParts.tsx';
import { AREA_NAMES } from '../../../engine/definition/locate.ts';
import { disenador, type Cambio, type Diferencias, type ErrorDefinicion, type ResultadoPrueba, type TextoDePlantilla } from '../api.ts';
import { Seccion, useEditor } from '../comun.tsx';


/** Publication times offered, every half hour (Mexico City). */
const HORAS = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);

const areaName = (area: string) => (AREA_NAMES as Record<string, string>)[area] ?? area;

const SECCION_DE_AREA: Record<string, string> = { general: 'general', convocatoria: 'convocatoria', formulario: 'formulario', elegibilidad: 'requisitos', documentos: 'documentos', flujo: 'flujo', notificaciones: 'mensajes', pruebas: 'pruebas' };

/** What stops a publication, each with the section where it is fixed. */
function bloqueosDe(errores: ErrorDefinicion[], pruebas: ResultadoPrueba[]): Array<{ texto: string; seccion: string }> {
  return [
    ...errores.map((e) => ({ texto: `${e.ubicacion}: ${e.mensaje}`, seccion: SECCION_DE_AREA[e.area] ?? 'general' })),
    ...pruebas.filter((p) => !p.ok).map((p) => ({ texto: `El caso de prueba «${p.nombre}» falla: ${p.fallas.join(' ')}`, seccion: 'pruebas' })),
    ...(pruebas.length === 0 && errores.length === 0 ? [{ texto: 'Agrega al menos un caso de prueba.', seccion: 'pruebas' }] : []),
  ];
}

/** «Qué cambia»: the changes against the version in force, grouped by area. */
function QueCambia({ diff, pendiente, version }: { diff: Diferencias | null; pendiente: boolean; version: string }) {
  if (!diff) return <Typography>{pendiente ? 'Guardando cambios…' : 'Calculando diferencias…'}</Typography>;
  if (diff.error) return <Alert severity="warning">{diff.error}</Alert>;
  if (diff.contra === null) return <Alert severity="info">Es un programa nuevo: se publicará su versión {version}.</Alert>;
  if (diff.cambios.length === 0) return <Alert severity="info">No hay cambios respecto a la versión {diff.contra}.</Alert>;
  const grupos = new Map<string, Cambio[]>();
  for (const c of diff.cambios) grupos.set(c.area, [...(grupos.get(c.area) ?? []), c]);
  return (
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
  );
}

function AntesDePublicar({ bloqueos, casos, irA }: { bloqueos: Array<{ texto: string; seccion: string }>; casos: number; irA: (s: string) => void }) {
  if (bloqueos.length === 0) return <Alert severity="success" sx={{ mb: 2 }}>Sin errores y pasan los {casos} casos de prueba.</Alert>;
  return (
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
  );
}

/** «Publicar ahora», or a day and half hour to publish on. */
function Cuando({ disabled, onConfirmar }: { disabled: boolean; onConfirmar: (c: { programarPara?: string }) => void }) {
  const [cuando, setCuando] = useState('');
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: { md: 'center' } }}>
      <Button variant="contained" size="large" disabled={disabled} onClick={() => onConfirmar({})}>
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
        <Button variant="outlined" sx={{ whiteSpace: 'nowrap' }} disabled={disabled || !cuando} onClick={() => onConfirmar({ programarPara: `${cuando}:00-06:00` })}>
          Programar publicación
        </Button>
      </Stack>
    </Stack>
  );
}

function usePublicacion(pendiente: boolean, onPublicado: (msg: string) => void) {
  const { borradorId, def } = useEditor();
  const [diff, setDiff] = useState<Diferencias | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (pendiente) return;
    disenador.diferencias(borradorId).then(setDiff, (e) => setError(messageOf(e)));
  }, [borradorId, pendiente, def]);
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
  return { diff, error, busy, publicar };
}

export function PublicarSeccion({ onPublicado, pendiente }: { onPublicado: (msg: string) => void; pendiente: boolean }) {
  const { errores, pruebas, def, irA } = useEditor();
  const { diff, error, busy, publicar } = usePublicacion(pendiente, onPublicado);
  /** The publication the planner asked for, waiting for her confirmation (now, or at a date). */
  const [confirmar, setConfirmar] = useState<{ programarPara?: string } | null>(null);
  const bloqueos = bloqueosDe(errores, pruebas);
  const volver = (seccion?: string) => {
    setConfirmar(null);
    if (seccion) irA(seccion);
  };
  return (
    <Seccion titulo="Publicar" ayuda="Publicar crea una versión nueva que ya no cambia. Las solicitudes que ya se hicieron siguen con su versión.">
      <Typography variant="h3" sx={{ mb: 1 }}>Qué cambia</Typography>
      <QueCambia diff={diff} pendiente={pendiente} version={String(def.version ?? 1)} />
      <TextoDePlantillaAviso textos={diff?.plantilla ?? []} irA={irA} />
      <Typography variant="h3" sx={{ mt: 4, mb: 1 }}>Antes de publicar</Typography>
      <AntesDePublicar bloqueos={bloqueos} casos={pruebas.length} irA={irA} />
      {error && <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert>}
      <Cuando disabled={busy || pendiente || bloqueos.length > 0} onConfirmar={setConfirmar} />
      {confirmar && diff && (
        <ConfirmarPublicacion nombre={String(def.name)} version={String(def.version ?? 1)} diff={diff} programarPara={confirmar.programarPara} busy={busy} onVolver={volver} onPublicar={() => publicar(confirmar.programarPara)} />
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
