/**
 * One batch, from its columns to the registry: assign the columns, watch the review, read what it
 * found, load it (watching the progress bar), undo it. While it works the page asks every second.
 */
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { ErrorAlert, Loading, Page, RouterLinkText } from '../../components/common.tsx';
import { formatBytes, formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { padronApi, type Lote } from './api.ts';
import { Mapeo } from './Mapeo.tsx';
import { Progreso } from './Progreso.tsx';
import { Resumen } from './Resumen.tsx';

const SEPARADORES: Record<string, string> = { ',': 'comas', ';': 'punto y coma', '\t': 'tabuladores', '|': 'barras' };

function Archivo({ lote }: { lote: Lote }) {
  const formato = lote.formato === 'xlsx' ? 'Excel (.xlsx)' : `CSV en ${lote.codificacion}, separado por ${SEPARADORES[lote.separador ?? ''] ?? lote.separador}`;
  return (
    <Typography sx={{ mb: 2 }}>
      «{lote.archivo}» ({formatBytes(lote.tamano)}, {formato}) para <strong>{lote.programaNombre}</strong>.
    </Typography>
  );
}

/** One action button that sends a step and shows the batch it returns. */
function Paso({ label, accion, onLote, color = 'primary', variant = 'contained' }: { label: string; accion: () => Promise<Lote>; onLote: (l: Lote) => void; color?: 'primary' | 'error'; variant?: 'contained' | 'outlined' }) {
  const [error, setError] = useState<string | null>(null);
  const [enviando, setEnviando] = useState(false);
  const run = async () => {
    setEnviando(true);
    setError(null);
    try {
      onLote(await accion());
    } catch (err) {
      setError((err as Error).message);
    }
    setEnviando(false);
  };
  return (
    <Box>
      <Button variant={variant} color={color} onClick={run} disabled={enviando}>
        {label}
      </Button>
      <ErrorAlert message={error} />
    </Box>
  );
}

function Revisado({ lote, onLote }: { lote: Lote; onLote: (l: Lote) => void }) {
  const [cambiar, setCambiar] = useState(false);
  if (cambiar) return <Mapeo lote={{ ...lote, muestra: null }} onListo={onLote} />;
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Alert severity="info">Revisión terminada: todavía no se guardó nada en el padrón.</Alert>
      <Resumen lote={lote} />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <Paso label={`Cargar ${formatNumber(lote.aceptadas)} filas al padrón`} accion={() => padronApi.cargar(lote.id)} onLote={onLote} />
        <Button variant="outlined" onClick={() => setCambiar(true)}>
          Cambiar columnas
        </Button>
        <Paso label="Cancelar" variant="outlined" color="error" accion={() => padronApi.cancelar(lote.id)} onLote={onLote} />
      </Box>
    </Box>
  );
}

function Terminado({ lote, onLote }: { lote: Lote; onLote: (l: Lote) => void }) {
  if (lote.acciones.deshacer) {
    return (
      <Box sx={{ display: 'grid', gap: 2 }}>
        <Alert severity="success">Carga terminada: {formatNumber(lote.progreso.hechas)} apoyos en el Padrón Estatal.</Alert>
        <Resumen lote={lote} />
        <Paso label="Deshacer esta carga" variant="outlined" color="error" accion={() => padronApi.deshacer(lote.id)} onLote={onLote} />
      </Box>
    );
  }
  return <Alert severity={lote.error ? 'error' : 'info'}>{lote.estadoNombre}{lote.error ? `: ${lote.error}` : '.'} Puedes subir el archivo otra vez desde «Carga masiva».</Alert>;
}

function Etapa({ lote, onLote }: { lote: Lote; onLote: (l: Lote) => void }) {
  const [cancelando, setCancelando] = useState(false);
  if (lote.trabajando) {
    const cancelar = async () => {
      setCancelando(true);
      onLote(await padronApi.cancelar(lote.id));
    };
    return <Progreso lote={lote} onCancelar={lote.acciones.cancelar ? cancelar : undefined} cancelando={cancelando} />;
  }
  if (lote.acciones.cargar) return <Revisado lote={lote} onLote={onLote} />;
  if (lote.acciones.mapear) return <Mapeo lote={lote} onListo={onLote} />;
  return <Terminado lote={lote} onLote={onLote} />;
}

export function LotePage() {
  const { id = '' } = useParams();
  const { data: lote, error, reload, setData } = useLoad(() => padronApi.lote(id), [id]);
  useEffect(() => {
    if (!lote?.trabajando) return;
    const timer = setTimeout(reload, 1000);
    return () => clearTimeout(timer);
  }, [lote, reload]);
  return (
    <Page title="Carga de padrón">
      <Box sx={{ mb: 2 }}>
        <RouterLinkText to="/funcionario/padron">Volver a Carga masiva</RouterLinkText>
      </Box>
      <ErrorAlert message={error} />
      {!lote && !error && <Loading />}
      {lote && (
        <>
          <Archivo lote={lote} />
          <Etapa lote={lote} onLote={setData} />
        </>
      )}
    </Page>
  );
}
