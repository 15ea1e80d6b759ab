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

/** The two steps: ask for a code with the CURP, then set the new password with the code. */
function useRecuperacion() {
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

  /** Checks the step's fields; false (and the errors shown) when something is missing. */
  const checked = (e: Errors) => {
    setErrors(e);
    setAttempt((a) => a + 1);
    return Object.keys(e).length === 0;
  };
  const sendingWhile = async (work: () => Promise<void>, refused: (error: unknown) => void) => {
    setSending(true);
    try {
      await work();
    } catch (error) {
      refused(error);
    } finally {
      setSending(false);
    }
  };

  const pedirCodigo = async (ev: FormEvent) => {
    ev.preventDefault();
    setGeneral(null);
    const r = validateCurp(curp);
    const e: Errors = {};
    if (!curp.trim()) e.curp = 'Escribe tu CURP.';
    else if (!r.valid) e.curp = r.errors.map((x) => x.message).join(' ');
    if (!checked(e)) return;
    await sendingWhile(async () => {
      await api.olvideContrasena(r.curp);
      setPaso('codigo');
    }, (error) => setGeneral(messageOf(error)));
  };

  const restablecer = async (ev: FormEvent) => {
    ev.preventDefault();
    setGeneral(null);
    const e: Errors = {};
    if (codigo.replace(/\D/g, '').length !== 6) e.codigo = 'Escribe los 6 dígitos del código que te llegó por SMS.';
    if (!contrasena) e.contrasena = 'Escribe tu nueva contraseña.';
    else if (passwordProblem(contrasena)) e.contrasena = passwordProblem(contrasena)!;
    if (contrasena && confirmacion !== contrasena) e.confirmacion = 'Las contraseñas no coinciden.';
    if (!checked(e)) return;
    await sendingWhile(async () => {
      await api.restablecerContrasena(validateCurp(curp).curp, codigo.replace(/\D/g, ''), contrasena);
      navigate('/iniciar-sesion', { state: { aviso: 'Cambiaste tu contraseña. Ya puedes iniciar sesión con ella.' } });
    }, (error) => {
      if (error instanceof ApiError && error.code === 'WEAK_PASSWORD') setErrors({ contrasena: error.message });
      else if (error instanceof ApiError && (error.code === 'CODE_INVALID' || error.code === 'CODE_EXPIRED')) setErrors({ codigo: error.message });
      else setGeneral(messageOf(error));
      setAttempt((a) => a + 1);
    });
  };
  const campos = { curp, setCurp, codigo, setCodigo, contrasena, setContrasena, confirmacion, setConfirmacion };
  return { paso, setPaso, errors, general, sending, attempt, pedirCodigo, restablecer, ...campos };
}
type Recuperando = ReturnType<typeof useRecuperacion>;

function PedirCodigo({ r }: { r: Recuperando }) {
  return (
    <Box component="form" noValidate onSubmit={r.pedirCodigo}>
      <Stack spacing={3}>
        <Field id="curp" name="curp" label="CURP" required autoComplete="username" value={r.curp} onChange={(e) => r.setCurp(e.target.value.toUpperCase())} error={r.errors.curp} />
        <Box>
          <Button type="submit" variant="contained" size="large" disabled={r.sending}>
            {r.sending ? 'Enviando…' : 'Enviarme un código'}
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}

function NuevaContrasena({ r }: { r: Recuperando }) {
  return (
    <Box component="form" noValidate onSubmit={r.restablecer}>
      <Alert severity="info" role="status" sx={{ mb: 3 }}>
        Si la CURP {validateCurp(r.curp).curp} tiene una cuenta, enviamos un código por SMS a su teléfono. Puede tardar unos minutos.
      </Alert>
      <Stack spacing={3}>
        <Field id="codigo" name="codigo" label="Código de verificación" required value={r.codigo} onChange={(e) => r.setCodigo(e.target.value)} error={r.errors.codigo} autoComplete="one-time-code" slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
        <PasswordField id="contrasena" name="contrasena" label="Nueva contraseña" required autoComplete="new-password" value={r.contrasena} onChange={(e) => r.setContrasena(e.target.value)} error={r.errors.contrasena} hint={PASSWORD_HINT} />
        <PasswordField id="confirmacion" name="confirmacion" label="Confirma tu nueva contraseña" required autoComplete="new-password" value={r.confirmacion} onChange={(e) => r.setConfirmacion(e.target.value)} error={r.errors.confirmacion} />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <Button type="submit" variant="contained" size="large" disabled={r.sending}>
            {r.sending ? 'Guardando…' : 'Cambiar contraseña'}
          </Button>
          <Button variant="text" onClick={() => r.setPaso('curp')}>
            Volver a escribir la CURP
          </Button>
        </Stack>
      </Stack>
    </Box>
  );
}

const LABELS = { curp: 'CURP', codigo: 'Código', contrasena: 'Nueva contraseña', confirmacion: 'Confirma tu nueva contraseña' };

export function RecuperarContrasenaPage() {
  const r = useRecuperacion();
  return (
    <Page title="¿Olvidaste tu contraseña?" heading="Recuperar contraseña" lead="Te enviaremos un código por SMS al teléfono de tu cuenta para que elijas una contraseña nueva.">
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 520 }}>
        <ErrorSummary title="Revisa estos datos" items={summaryOf(r.errors, LABELS)} focusKey={r.attempt} />
        <ErrorAlert message={r.general} />
        {r.paso === 'curp' ? <PedirCodigo r={r} /> : <NuevaContrasena r={r} />}
      </Paper>
    </Page>
  );
}
