/** «Enviar ahora» and what the last sending did, announced as it goes (role=status). */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import SendIcon from '@mui/icons-material/Send';
import { useCampo } from '../estado.tsx';
import type { Resumen } from '../sync.ts';
import { IniciarSesion } from './IniciarSesion.tsx';

const plural = (n: number, uno: string, varios: string) => `${n} ${n === 1 ? uno : varios}`;

function textoDelResumen(r: Resumen): string {
  const partes = [
    r.aceptados ? plural(r.aceptados, 'aceptado', 'aceptados') : null,
    r.rechazados ? plural(r.rechazados, 'rechazado', 'rechazados') : null,
    r.conflictos ? plural(r.conflictos, 'con conflicto', 'con conflicto') : null,
  ].filter(Boolean);
  const respuestas = partes.length ? `Respuestas del servidor: ${partes.join(', ')}.` : 'No llegaron respuestas nuevas.';
  return r.quedan ? `${respuestas} Quedan ${plural(r.quedan, 'registro', 'registros')} por enviar.` : `${respuestas} No queda nada por enviar.`;
}

function Avance() {
  const { sync } = useCampo();
  const { corriendo, progreso, resumen } = sync;
  return (
    <Box role="status" aria-live="polite" sx={{ mt: 2 }}>
      {corriendo && (
        <>
          <Typography>{progreso && progreso.total ? `Enviando ${Math.min(progreso.enviados + 1, progreso.total)} de ${progreso.total}…` : 'Enviando…'}</Typography>
          <LinearProgress aria-label="Avance del envío" variant={progreso?.total ? 'determinate' : 'indeterminate'} value={progreso?.total ? (progreso.enviados / progreso.total) * 100 : undefined} sx={{ mt: 1 }} />
        </>
      )}
      {!corriendo && resumen && <Typography>{textoDelResumen(resumen)}</Typography>}
      {!corriendo && resumen?.mensaje && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          {resumen.mensaje}
        </Alert>
      )}
    </Box>
  );
}

export function Envio({ pendientes }: { pendientes: number }) {
  const { enLinea, sync, enviarAhora, dispositivo } = useCampo();
  const sinSesion = !sync.corriendo && sync.resumen?.detenida === 'sin-sesion';
  return (
    <Paper variant="outlined" component="section" aria-labelledby="envio-titulo" sx={{ p: { xs: 2, sm: 3 }, mb: 3 }}>
      <Typography variant="h2" id="envio-titulo" sx={{ fontSize: '1.25rem', mb: 1 }}>
        Envío
      </Typography>
      <Typography sx={{ mb: 2 }}>
        {pendientes ? `${plural(pendientes, 'registro espera', 'registros esperan')} a que haya conexión. ` : 'No hay registros por enviar. '}
        {enLinea ? 'Se envían solos cuando vuelve la conexión.' : 'Sin conexión: se enviarán solos cuando vuelva la señal.'}
      </Typography>
      <Button variant="contained" size="large" startIcon={<SendIcon aria-hidden="true" />} onClick={() => void enviarAhora()} disabled={sync.corriendo || pendientes === 0}>
        {sync.corriendo ? 'Enviando…' : 'Enviar ahora'}
      </Button>
      <Avance />
      {sinSesion && (
        <Box sx={{ mt: 3 }}>
          <IniciarSesion usuarioInicial={dispositivo.brigadista.usuario} boton="Iniciar sesión y enviar" onListo={() => enviarAhora()} />
        </Box>
      )}
    </Paper>
  );
}
