/** «Crear cuenta»: the citizen signs up with her CURP; the phone is confirmed next, with a code by SMS. */
import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { api, type ApiError } from '../../api.ts';
import { ErrorSummary, Page } from '../../components/common.tsx';
import { DatosPersonales, VOZ_CIUDADANO } from '../../components/registro/DatosPersonales.tsx';
import { PARA_CIUDADANO } from '../../components/registro/registro.ts';
import { useRegistro, type Registrando } from '../../components/registro/useRegistro.ts';
import { useSession } from '../../session.tsx';
import { CurpField, PASSWORD_HINT, PasswordField } from './campos.tsx';

/** An account exists for this CURP: log in, or get a new password. */
function CuentaExistente({ error }: { error: ApiError }) {
  return (
    <>
      {error.message}{' '}
      <Link component={RouterLink} to="/iniciar-sesion">
        Inicia sesión
      </Link>{' '}
      o{' '}
      <Link component={RouterLink} to="/recuperar-contrasena">
        recupera tu contraseña
      </Link>
      .
    </>
  );
}

function Contrasenas({ r }: { r: Registrando }) {
  const { f, errors, set } = r;
  return (
    <>
      <PasswordField id="contrasena" name="contrasena" label="Contraseña" required autoComplete="new-password" value={f.contrasena} onChange={(e) => set('contrasena')(e.target.value)} error={errors.contrasena} hint={PASSWORD_HINT} />
      <PasswordField id="confirmacion" name="confirmacion" label="Confirma tu contraseña" required autoComplete="new-password" value={f.confirmacion} onChange={(e) => set('confirmacion')(e.target.value)} error={errors.confirmacion} />
    </>
  );
}

function useCrearCuenta() {
  const navigate = useNavigate();
  const { refresh } = useSession();
  return useRegistro({
    textos: PARA_CIUDADANO,
    enviar: async (datos) => {
      await api.registrar({ ...datos, contrasena: datos.contrasena ?? '' });
      await refresh();
      navigate('/verificar-telefono', { state: { aviso: 'Tu cuenta quedó creada. Te enviamos un código por SMS para confirmar tu teléfono.' } });
    },
    cuentaExistente: (error) => <CuentaExistente error={error} />,
  });
}

export function CrearCuentaPage() {
  const r = useCrearCuenta();
  const [curpTouched, setCurpTouched] = useState(false);
  return (
    <Page title="Crear cuenta" lead="Con tu cuenta podrás solicitar los apoyos y consultar cómo van tus solicitudes. Necesitas tu CURP y un teléfono celular donde recibir mensajes (SMS).">
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 720 }}>
        <ErrorSummary title="Revisa estos datos" items={r.items} focusKey={r.attempt} />
        {r.general && (
          <Alert severity="error" role="alert" sx={{ mb: 3 }}>
            {r.general}
          </Alert>
        )}
        <Typography sx={{ mb: 3 }}>Los datos marcados con * son obligatorios.</Typography>
        <Box component="form" noValidate onSubmit={(e) => { setCurpTouched(true); void r.submit(e); }}>
          <Stack spacing={3}>
            <CurpField value={r.f.curp} onChange={r.set('curp')} touched={curpTouched} onBlur={() => setCurpTouched(true)} serverError={r.errors.curp || undefined} />
            <DatosPersonales r={r} voz={VOZ_CIUDADANO} />
            <Contrasenas r={r} />
            <Box>
              <Button type="submit" variant="contained" size="large" disabled={r.sending}>
                {r.sending ? 'Creando tu cuenta…' : 'Crear cuenta'}
              </Button>
            </Box>
            <Typography>
              ¿Ya tienes cuenta?{' '}
              <Link component={RouterLink} to="/iniciar-sesion">
                Inicia sesión
              </Link>
            </Typography>
          </Stack>
        </Box>
      </Paper>
    </Page>
  );
}
