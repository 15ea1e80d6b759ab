/** The progress of a batch at work: rows done of how many, rows per second and the time left. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { formatNumber } from '../../format.ts';
import type { Lote } from './api.ts';

function tiempoRestante(segundos: number): string {
  if (segundos < 60) return `menos de un minuto`;
  const minutos = Math.round(segundos / 60);
  return minutos === 1 ? 'un minuto' : `${minutos} minutos`;
}

function detalle(p: Lote['progreso']): string {
  const hechas = p.total === null ? `${formatNumber(p.hechas)} filas` : `${formatNumber(p.hechas)} de ${formatNumber(p.total)} filas`;
  const ritmo = p.filasPorSegundo ? `, ${formatNumber(p.filasPorSegundo)} filas por segundo` : '';
  const resta = p.segundosRestantes !== null ? `; falta ${tiempoRestante(p.segundosRestantes)}` : '';
  return `${hechas}${ritmo}${resta}.`;
}

export function Progreso({ lote, onCancelar, cancelando }: { lote: Lote; onCancelar?: () => void; cancelando: boolean }) {
  const { progreso } = lote;
  const percent = progreso.total ? Math.min(100, Math.round((progreso.hechas / progreso.total) * 100)) : null;
  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, display: 'grid', gap: 1.5 }}>
      <Typography component="h2" variant="h6">
        {lote.estadoNombre}
      </Typography>
      <LinearProgress
        variant={percent === null ? 'indeterminate' : 'determinate'}
        value={percent ?? undefined}
        aria-label={lote.estadoNombre}
        aria-valuetext={percent === null ? detalle(progreso) : `${percent} %`}
      />
      <Typography aria-live="polite">{detalle(progreso)}</Typography>
      {onCancelar && (
        <Box>
          <Button variant="outlined" color="error" onClick={onCancelar} disabled={cancelando}>
            Cancelar la carga
          </Button>
        </Box>
      )}
    </Paper>
  );
}
