/**
 * The queue's report buttons. Each is a link to the report (opening it in another tab, or with the
 * keyboard's modifiers, still works as a plain download); a plain click downloads it here with a
 * progress bar and a «Cancelar descarga» button, since a report of a million rows takes a while.
 */
import { useEffect, useRef, useState, type MouseEvent, type RefObject } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import { ErrorAlert, visuallyHidden } from '../../components/common.tsx';
import { formatBytes, formatNumber } from '../../format.ts';
import { ApiError } from '../../api.ts';
import { urlReporte, type Filtros } from '../api.ts';
import { cancelada, descargar, guardar, porcentaje, type AvanceDescarga } from './descarga.ts';

type Formato = 'csv' | 'xlsx';
const NOMBRES: Record<Formato, string> = { csv: 'CSV', xlsx: 'Excel' };

interface EnCurso {
  formato: Formato;
  avance: AvanceDescarga | null;
  controller: AbortController;
}

function detalle(avance: AvanceDescarga | null): string {
  if (!avance) return 'Preparando el reporte…';
  const filas = avance.filas !== null ? ` (unas ${formatNumber(avance.filas)} filas)` : '';
  const total = avance.estimados ? ` de unos ${formatBytes(avance.estimados)}` : '';
  return `${formatBytes(avance.recibidos)}${total} recibidos${filas}.`;
}

/** Whether a click asks for the link's own behaviour (new tab or window, save as…) rather than the page's download. */
function clicModificado(event: MouseEvent): boolean {
  return event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
}

function Avance({ enCurso, onCancelar, cancelarRef }: { enCurso: EnCurso; onCancelar: () => void; cancelarRef: RefObject<HTMLButtonElement | null> }) {
  const nombre = NOMBRES[enCurso.formato];
  const percent = enCurso.avance ? porcentaje(enCurso.avance) : null;
  return (
    <Box sx={{ flexBasis: '100%', display: 'grid', gap: 1, p: 2, border: 1, borderColor: 'divider', borderRadius: 1 }}>
      <Typography id="descarga-titulo" sx={{ fontWeight: 600 }}>
        Descargando el reporte {nombre}
      </Typography>
      <LinearProgress
        variant={percent === null ? 'indeterminate' : 'determinate'}
        value={percent ?? undefined}
        aria-labelledby="descarga-titulo"
        aria-valuetext={percent === null ? detalle(enCurso.avance) : `${percent} %: ${detalle(enCurso.avance)}`}
        sx={{ height: 8, borderRadius: 4 }}
      />
      <Typography variant="body2">{percent === null ? detalle(enCurso.avance) : `${percent} % · ${detalle(enCurso.avance)}`}</Typography>
      <Box>
        <Button variant="outlined" color="error" onClick={onCancelar} ref={cancelarRef}>
          Cancelar descarga
        </Button>
      </Box>
    </Box>
  );
}

/** What the status region says: the progress in tens (a screen reader would otherwise speak at every piece received), then the outcome. */
function anuncio(enCurso: EnCurso | null, aviso: string | null): string {
  if (!enCurso) return aviso ?? '';
  const percent = enCurso.avance ? porcentaje(enCurso.avance) : null;
  const nombre = NOMBRES[enCurso.formato];
  return percent === null ? `Descargando el reporte ${nombre}.` : `Reporte ${nombre}: ${Math.floor(percent / 10) * 10} %.`;
}

export function DescargasReporte({ filtros }: { filtros: Filtros }) {
  const [enCurso, setEnCurso] = useState<EnCurso | null>(null);
  const [aviso, setAviso] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cancelarRef = useRef<HTMLButtonElement>(null);
  const enlaces = useRef<Record<Formato, HTMLAnchorElement | null>>({ csv: null, xlsx: null });
  const vigente = useRef<{ controller: AbortController | null }>({ controller: null });
  const activo = enCurso !== null;

  // The button clicked is disabled while the download runs: the focus goes to «Cancelar descarga».
  useEffect(() => {
    if (activo) cancelarRef.current?.focus();
  }, [activo]);
  // A download still running when the person leaves the page is cancelled.
  useEffect(() => {
    const actual = vigente.current;
    return () => actual.controller?.abort();
  }, []);

  async function iniciar(event: MouseEvent<HTMLAnchorElement>, formato: Formato) {
    if (clicModificado(event)) return;
    event.preventDefault();
    const controller = new AbortController();
    vigente.current.controller = controller;
    setAviso(null);
    setError(null);
    setEnCurso({ formato, avance: null, controller });
    try {
      const descargado = await descargar(urlReporte(formato, filtros), controller.signal, (avance) => setEnCurso((actual) => (actual?.controller === controller ? { ...actual, avance } : actual)));
      guardar(descargado);
      setAviso(`Listo: el reporte ${NOMBRES[formato]} se descargó como «${descargado.nombre}» (${formatBytes(descargado.archivo.size)}).`);
    } catch (e) {
      if (cancelada(e)) setAviso('Cancelaste la descarga.');
      else setError(e instanceof ApiError ? e.message : 'No pudimos descargar el reporte. Intenta de nuevo.');
    } finally {
      if (vigente.current.controller === controller) vigente.current.controller = null;
      setEnCurso((actual) => (actual?.controller === controller ? null : actual));
      enlaces.current[formato]?.focus();
    }
  }

  return (
    <>
      {(['csv', 'xlsx'] as const).map((formato) => (
        <Button
          key={formato}
          variant="outlined"
          component="a"
          href={urlReporte(formato, filtros)}
          download
          ref={(el: HTMLAnchorElement | null) => {
            enlaces.current[formato] = el;
          }}
          onClick={(event: MouseEvent<HTMLAnchorElement>) => void iniciar(event, formato)}
          disabled={activo}
          startIcon={<DownloadIcon aria-hidden="true" />}
        >
          Descargar {NOMBRES[formato]}
        </Button>
      ))}
      {enCurso && <Avance enCurso={enCurso} onCancelar={() => enCurso.controller.abort()} cancelarRef={cancelarRef} />}
      {(aviso || error) && (
        <Box sx={{ flexBasis: '100%' }}>
          <ErrorAlert message={error} title="No se descargó el reporte" />
          {/* Spoken by the status region below, which exists before it changes (a region mounted with its text is often not read). */}
          {aviso && (
            <Alert severity="info" role="none">
              {aviso}
            </Alert>
          )}
        </Box>
      )}
      <Box component="span" role="status" sx={visuallyHidden}>
        {anuncio(enCurso, aviso)}
      </Box>
    </>
  );
}
