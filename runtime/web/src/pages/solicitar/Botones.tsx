import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import type { Solicitud } from './useSolicitud.ts';

/** «Anterior», «Siguiente», «Volver a revisión» (after «Cambiar») and «Guardar y continuar después». */
export function Botones({ s, submitting }: { s: Solicitud; submitting: boolean }) {
  const { nav, reviewStep, saving } = s;
  const move = (target: number) => void s.moveTo(target, submitting);
  const beforeReview = nav.step < reviewStep;
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mt: 4, alignItems: { sm: 'center' } }}>
      {nav.step > 0 && (
        <Button variant="outlined" size="large" startIcon={<ArrowBackIcon aria-hidden="true" />} onClick={() => move(Math.max(0, nav.step - 1))} disabled={saving || submitting}>
          Anterior
        </Button>
      )}
      {beforeReview && (
        <Button variant={nav.fromReview ? 'outlined' : 'contained'} size="large" endIcon={<ArrowForwardIcon aria-hidden="true" />} onClick={() => move(nav.step + 1)} disabled={saving}>
          {saving ? 'Guardando…' : 'Siguiente'}
        </Button>
      )}
      {beforeReview && nav.fromReview && (
        <Button variant="contained" size="large" startIcon={<FactCheckIcon aria-hidden="true" />} onClick={() => move(reviewStep)} disabled={saving}>
          Volver a revisión
        </Button>
      )}
      {beforeReview && (
        <Button variant="text" onClick={() => void s.saveAndExit()} disabled={saving} sx={{ ml: { sm: 'auto !important' } }}>
          Guardar y continuar después
        </Button>
      )}
    </Stack>
  );
}
