/** «Recuperar contraseña»: a code by SMS, then a new password. */
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import { validateCurp } from '../../../../../engine/curp.ts';
import { api, ApiError, messageOf } from '../../api.ts';
import { ErrorAlert, ErrorSummary, Page } from '../../components/common.tsx';
import { passwordProblem } from '../../components/registro/registro.ts';
import { Field, PASSWORD_HINT, PasswordField, summaryOf, type Errors } from './campos.tsx';

export function RecuperarContrasenaPage() {
  const navigate = useNavigate();
  const [paso, setPaso] = useState<'curp' | 'codigo'>('curp');
  const [curp, setCurp] = useState('');
  const [codigo, setCodigo] = useState('');
  const [contrasena, setContrasena] = useState('');
  const [confirmacion, setConfirmacion] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const pedirCodigo = async (ev: FormEvent) => {
    ev.preventDefault();
    setGeneral(null);
    const r = validateCurp(curp);
    const e: Errors = {};
    if (!curp.trim()) e.curp = 'Escribe tu CURP.';
    else if (!r.valid) e.curp = r.errors.map((x) => x.message).join(' ');
    setErrors(e);
    setAttempt((a) => a + 1);
    if (Object.keys(e).length) return;
    setSending(true);
    try {
      await api.olvideContrasena(r.curp);
      setPaso('codigo');
    } catch (error) {
      setGeneral(messageOf(error));
    } finally {
      setSending(false);
    }
  };

  const restablecer = async (ev: FormEvent) => {
    ev.preventDefault();
    setGeneral(null);
    const e: Errors = {};
    if (codigo.replace(/\D/g, '').length !== 6) e.codigo = 'Escribe los 6 dígitos del código que te llegó por SMS.';
    if (!contrasena) e.contrasena = 'Escribe tu nueva contraseña.';
    else if (passwordProblem(contrasena)) e.contrasena = passwordProblem(contrasena)!;
    if (contrasena && confirmacion !== contrasena) e.confirmacion = 'Las contraseñas no coinciden.';
    setErrors(e);
    setAttempt((a) => a + 1);
    if (Object.keys(e).length) return;
    setSending(true);
    try {
      await api.restablecerContrasena(validateCurp(curp).curp, codigo.replace(/\D/g, ''), contrasena);
      navigate('/iniciar-sesion', { state: { aviso: 'Cambiaste tu contraseña. Ya puedes iniciar sesión con ella.' } });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'WEAK_PASSWORD') setErrors({ contrasena: error.message });
      else if (error instanceof ApiError && (error.code === 'CODE_INVALID' || error.code === 'CODE_EXPIRED')) setErrors({ codigo: error.message });
      else setGeneral(messageOf(error));
      setAttempt((a) => a + 1);
    } finally {
      setSending(false);
    }
  };

  const labels = { curp: 'CURP', codigo: 'Código', contrasena: 'Nueva contraseña', confirmacion: 'Confirma tu nueva contraseña' };
  return (
    <Page title="¿Olvidaste tu contraseña?" heading="Recuperar contraseña" lead="Te enviaremos un código por SMS al teléfono de tu cuenta para que elijas una contraseña nueva.">
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 520 }}>
        <ErrorSummary title="Revisa estos datos" items={summaryOf(errors, labels)} focusKey={attempt} />
        <ErrorAlert message={general} />
        {paso === 'curp' ? (
          <Box component="form" noValidate onSubmit={pedirCodigo}>
            <Stack spacing={3}>
              <Field id="curp" name="curp" label="CURP" required autoComplete="username" value={curp} onChange={(e) => setCurp(e.target.value.toUpperCase())} error={errors.curp} />
              <Box>
                <Button type="submit" variant="contained" size="large" disabled={sending}>
                  {sending ? 'Enviando…' : 'Enviarme un código'}
                </Button>
              </Box>
            </Stack>
          </Box>
        ) : (
          <Box component="form" noValidate onSubmit={restablecer}>
            <Alert severity="info" role="status" sx={{ mb: 3 }}>
              Si la CURP {validateCurp(curp).curp} tiene una cuenta, enviamos un código por SMS a su teléfono. Puede tardar unos minutos.
            </Alert>
            <Stack spacing={3}>
              <Field id="codigo" name="codigo" label="Código de verificación" required value={codigo} onChange={(e) => setCodigo(e.target.value)} error={errors.codigo} autoComplete="one-time-code" slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
              <PasswordField id="contrasena" name="contrasena" label="Nueva contraseña" required autoComplete="new-password" value={contrasena} onChange={(e) => setContrasena(e.target.value)} error={errors.contrasena} hint={PASSWORD_HINT} />
              <PasswordField id="confirmacion" name="confirmacion" label="Confirma tu nueva contraseña" required autoComplete="new-password" value={confirmacion} onChange={(e) => setConfirmacion(e.target.value)} error={errors.confirmacion} />
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                <Button type="submit" variant="contained" size="large" disabled={sending}>
                  {sending ? 'Guardando…' : 'Cambiar contraseña'}
                </Button>
                <Button variant="text" onClick={() => setPaso('curp')}>
                  Volver a escribir la CURP
                </Button>
              </Stack>
            </Stack>
          </Box>
        )}
      </Paper>
    </Page>
  );
}
