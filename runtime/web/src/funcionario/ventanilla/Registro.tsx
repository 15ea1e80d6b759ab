/** The citizen sign-up, in the official's words; the person chooses the password at the counter, or later. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ErrorSummary } from '../../components/common.tsx';
import { CampoDeTexto } from '../../components/Campos.tsx';
import { CurpDeLaPersona } from '../../components/registro/CurpDeLaPersona.tsx';
import { DatosPersonales, VOZ_VENTANILLA } from '../../components/registro/DatosPersonales.tsx';
import { PARA_VENTANILLA } from '../../components/registro/registro.ts';
import { useRegistro, type Registrando } from '../../components/registro/useRegistro.ts';
import { funcionarioApi } from '../api.ts';

interface RegistroProps {
  curpInicial?: string;
  onRegistrada: (curp: string) => void;
  onExistente: (curp: string) => void;
}

const PASSWORD_HINT =
  'La escribe la persona: al menos 10 caracteres, mejor una frase de varias palabras; no se aceptan contraseñas comunes. Si no quiere elegirla ahora, podrá ponerla después con «¿Olvidaste tu contraseña?».';

function ContrasenaOpcional({ r }: { r: Registrando }) {
  const { f, errors, set } = r;
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={3}>
      <CampoDeTexto id="contrasena" name="contrasena" label="Contraseña (opcional)" type="password" autoComplete="new-password" value={f.contrasena} onChange={(e) => set('contrasena')(e.target.value)} error={errors.contrasena} hint={PASSWORD_HINT} />
      <CampoDeTexto id="confirmacion" name="confirmacion" label="Confirma la contraseña" type="password" autoComplete="new-password" value={f.confirmacion} onChange={(e) => set('confirmacion')(e.target.value)} error={errors.confirmacion} />
    </Stack>
  );
}

export function Registro({ curpInicial, onRegistrada, onExistente }: RegistroProps) {
  const r = useRegistro({
    textos: PARA_VENTANILLA,
    curpInicial,
    enviar: async (datos) => onRegistrada((await funcionarioApi.registrarEnVentanilla(datos)).curp ?? datos.curp),
    cuentaExistente: (error, curp) => (
      <>
        {error.message.split(';')[0]}.{' '}
        <Button variant="outlined" size="small" onClick={() => onExistente(curp)} sx={{ ml: 1 }}>
          Capturar su solicitud
        </Button>
      </>
    ),
  });
  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, maxWidth: 780 }}>
      <ErrorSummary title="Revisa estos datos" items={r.items} focusKey={r.attempt} />
      {r.general && (
        <Alert severity="error" role="alert" sx={{ mb: 3 }}>
          {r.general}
        </Alert>
      )}
      <Typography sx={{ mb: 3 }}>Copia los datos tal como aparecen en la CURP de la persona. Los marcados con * son obligatorios.</Typography>
      <Box component="form" noValidate onSubmit={r.submit}>
        <Stack spacing={3}>
          <CurpDeLaPersona valor={r.f.curp} onValor={r.set('curp')} error={r.errors.curp} />
          <DatosPersonales r={r} voz={VOZ_VENTANILLA} />
          <ContrasenaOpcional r={r} />
          <Box>
            <Button type="submit" variant="contained" size="large" disabled={r.sending}>
              {r.sending ? 'Registrando…' : 'Registrar a la persona'}
            </Button>
          </Box>
        </Stack>
      </Box>
    </Paper>
  );
}
