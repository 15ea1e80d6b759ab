/** «Verificar teléfono»: the code sent by SMS confirms the phone; another can be sent. */
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import { api, messageOf } from '../../api.ts';
import { Page } from '../../components/common.tsx';
import { formatPhone } from '../../format.ts';
import { useSession } from '../../session.tsx';
import { Field } from './campos.tsx';

export function VerificarTelefonoPage() {
  const { cuenta, refresh } = useSession();
  const navigate = useNavigate();
  const [codigo, setCodigo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  if (cuenta?.telefonoVerificado) {
    return (
      <Page title="Teléfono confirmado">
        <Alert severity="success" sx={{ mb: 3 }}>
          Tu teléfono {formatPhone(cuenta.telefono, true)} ya está confirmado.
        </Alert>
        <Button variant="contained" component={RouterLink} to="/apoyos">
          Ver apoyos disponibles
        </Button>
      </Page>
    );
  }

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setInfo(null);
    const clean = codigo.replace(/\D/g, '');
    if (clean.length !== 6) {
      setError('Escribe los 6 dígitos del código que te llegó por SMS.');
      return;
    }
    setSending(true);
    setError(null);
    try {
      await api.verificarTelefono(clean);
      await refresh();
      navigate('/apoyos', { state: { aviso: 'Confirmamos tu teléfono. Ya puedes solicitar apoyos.' } });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setSending(false);
    }
  };

  const resend = async () => {
    setError(null);
    setInfo(null);
    try {
      await api.reenviarCodigo();
      setInfo('Te enviamos un código nuevo. Puede tardar unos minutos en llegar.');
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <Page title="Verificar teléfono" lead={cuenta ? `Escribe el código de 6 dígitos que enviamos por SMS a tu celular ${formatPhone(cuenta.telefono, true)}.` : 'Escribe el código de 6 dígitos que te enviamos por SMS.'}>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 640 }}>
        {info && (
          <Alert severity="info" sx={{ mb: 2 }} role="status">
            {info}
          </Alert>
        )}
        <Box component="form" noValidate onSubmit={submit}>
          <Stack spacing={3}>
            <Field
              id="codigo"
              name="codigo"
              label="Código de verificación"
              required
              value={codigo}
              onChange={(e) => {
                setCodigo(e.target.value);
                setError(null);
              }}
              error={error ?? undefined}
              hint="6 dígitos."
              autoComplete="one-time-code"
              slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 8, style: { letterSpacing: '0.3em', fontSize: '1.3rem' } } }}
            />
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <Button type="submit" variant="contained" size="large" disabled={sending} sx={{ flexShrink: 0 }}>
                {sending ? 'Verificando…' : 'Verificar teléfono'}
              </Button>
              <Button variant="text" onClick={resend}>
                No me llegó: enviar otro código
              </Button>
            </Stack>
          </Stack>
        </Box>
      </Paper>
    </Page>
  );
}
