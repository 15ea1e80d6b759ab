/**
 * «Buscar duplicados en todo el padrón»: starts the search of the whole registry against itself and
 * shows how far it got; while it runs, the page reads it again every few seconds (new pairs appear in
 * the list below as they are found).
 */
import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import { ErrorAlert } from '../../../components/common.tsx';
import { formatDateTime, formatNumber } from '../../../format.ts';
import { padronApi, type BusquedaDuplicados } from '../api.ts';

const READ_AGAIN_MS = 2_000;

function Estado({ b }: { b: BusquedaDuplicados }) {
  if (b.estado === 'buscando') {
    const share = b.personas > 0 ? Math.min(100, (100 * b.revisadas) / b.personas) : 0;
    return (
      <Box role="status" sx={{ mb: 1 }}>
        Buscando: {formatNumber(b.revisadas)} de {formatNumber(b.personas)} personas revisadas; {formatNumber(b.propuestas)} pares nuevos.
        <LinearProgress variant="determinate" value={share} aria-label="Avance de la búsqueda" sx={{ mt: 1 }} />
      </Box>
    );
  }
  if (b.estado === 'fallida') return <Alert severity="error">La búsqueda del {formatDateTime(b.iniciadaAt)} se detuvo: {b.error}. Puedes iniciarla de nuevo.</Alert>;
  return (
    <Alert severity="info" role="status">
      Última búsqueda en todo el padrón: {formatDateTime(b.terminadaAt)}; revisó {formatNumber(b.revisadas)} personas y propuso {formatNumber(b.propuestas)} pares nuevos.
    </Alert>
  );
}

export function BusquedaEnPadron({ busqueda, onCambio }: { busqueda: BusquedaDuplicados | null; onCambio: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const buscando = busqueda?.estado === 'buscando';
  useEffect(() => {
    if (!buscando) return;
    const timer = setTimeout(onCambio, READ_AGAIN_MS);
    return () => clearTimeout(timer);
  }, [buscando, busqueda?.revisadas, onCambio]);
  const iniciar = async () => {
    setError(null);
    try {
      await padronApi.buscarEnTodoElPadron();
      onCambio();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Box sx={{ mb: 3, display: 'grid', gap: 1 }}>
      {busqueda && <Estado b={busqueda} />}
      <ErrorAlert message={error} />
      <Box>
        <Button variant="outlined" disabled={buscando} onClick={() => void iniciar()}>
          Buscar duplicados en todo el padrón
        </Button>
      </Box>
    </Box>
  );
}
