/** «Iniciar sesión» with CURP and password, back to the page that asked for it. */
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { validateCurp } from '../../../../../engine/curp.ts';
import { api, messageOf } from '../../api.ts';
import { ErrorAlert, ErrorSummary, Page } from '../../components/common.tsx';
import { useSession } from '../../session.tsx';
import { Field, PasswordField, summaryOf, type Errors } from './campos.tsx';

export function IniciarSesionPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { refresh } = useSession();
  const [curp, setCurp] = useState('');
  const [contrasena, setContrasena] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const siguiente = params.get('siguiente');

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setGeneral(null);
    const e: Errors = {};
    const r = validateCurp(curp);
    if (!curp.trim()) e.curp = 'Escribe tu CURP.';
    else if (!r.valid) e.curp = r.errors.map((x) => x.message).join(' ');
    if (!contrasena) e.contrasena = 'Escribe tu contraseña.';
    setErrors(e);
    setAttempt((a) => a + 1);
    if (Object.keys(e).length) return;
    setSending(true);
    try {
      const s = await api.iniciarSesion(r.curp, contrasena);
      await refresh();
      const destino = siguiente && siguiente.startsWith('/') && !siguiente.startsWith('//') ? siguiente : '/solicitudes';
      navigate(s.telefonoVerificado ? destino : '/verificar-telefono', { replace: true });
    } catch (error) {
      setGeneral(messageOf(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Page title="Iniciar sesión">
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 520 }}>
        {siguiente && !general && Object.keys(errors).length === 0 && (
          <Alert severity="info" sx={{ mb: 3 }}>
            Inicia sesión para continuar.
          </Alert>
        )}
        <ErrorSummary title="Revisa estos datos" items={summaryOf(errors, { curp: 'CURP', contrasena: 'Contraseña' })} focusKey={attempt} />
        <ErrorAlert message={general} />
        <Box component="form" noValidate onSubmit={submit}>
          <Stack spacing={3}>
            <Field id="curp" name="curp" label="CURP" required autoComplete="username" value={curp} onChange={(e) => setCurp(e.target.value.toUpperCase())} error={errors.curp} slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'characters' } }} />
            <PasswordField id="contrasena" name="contrasena" label="Contraseña" required autoComplete="current-password" value={contrasena} onChange={(e) => setContrasena(e.target.value)} error={errors.contrasena} />
            <Box>
              <Button type="submit" variant="contained" size="large" disabled={sending}>
                {sending ? 'Entrando…' : 'Iniciar sesión'}
              </Button>
            </Box>
            <Typography>
              <Link component={RouterLink} to="/recuperar-contrasena">
                ¿Olvidaste tu contraseña?
              </Link>
            </Typography>
            <Typography>
              ¿No tienes cuenta?{' '}
              <Link component={RouterLink} to="/crear-cuenta">
                Crea tu cuenta
              </Link>
            </Typography>
          </Stack>
        </Box>
      </Paper>
    </Page>
  );
}
