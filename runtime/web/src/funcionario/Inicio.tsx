/** The officials' login (usuario + contraseña) and their start page: the menu of what their roles open. */
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, Navigate, useNavigate, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { messageOf } from '../api.ts';
import { Loading, Page } from '../components/common.tsx';
import { useSession } from '../session.tsx';
import { funcionarioApi, rolNombre } from './api.ts';
import { menuFuncionario } from './menu.ts';
import { CampoDeContrasena } from '../components/Campos.tsx';

/** Only addresses of the officials' side are followed after logging in. */
function destinoSeguro(siguiente: string | null): string {
  // Only our own officials' and designer pages: never an address outside SIPROS.
  return siguiente && /^\/(funcionario|disenador)(\/|$)/.test(siguiente) ? siguiente : '/funcionario';
}

function useLoginFuncionario(destino: string) {
  const navigate = useNavigate();
  const { refreshFuncionario } = useSession();
  const [usuario, setUsuario] = useState('');
  const [contrasena, setContrasena] = useState('');
  const [errors, setErrors] = useState<{ usuario?: string; contrasena?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setError(null);
    const e: typeof errors = {};
    if (!usuario.trim()) e.usuario = 'Escribe tu usuario.';
    if (!contrasena) e.contrasena = 'Escribe tu contraseña.';
    setErrors(e);
    if (e.usuario || e.contrasena) {
      document.getElementById(e.usuario ? 'usuario' : 'contrasena')?.focus();
      return;
    }
    setSending(true);
    try {
      await funcionarioApi.iniciarSesion(usuario.trim(), contrasena);
      await refreshFuncionario();
      navigate(destino, { replace: true });
    } catch (err) {
      setError(messageOf(err));
      setContrasena('');
      document.getElementById('contrasena')?.focus();
    } finally {
      setSending(false);
    }
  };
  return { usuario, setUsuario, contrasena, setContrasena, errors, error, sending, submit };
}

export function IniciarSesionFuncionarioPage() {
  const [params] = useSearchParams();
  const { funcionario } = useSession();
  const destino = destinoSeguro(params.get('siguiente'));
  const l = useLoginFuncionario(destino);
  if (funcionario) return <Navigate to={destino} replace />;
  return (
    <Page title="Iniciar sesión de funcionario" lead="Para el personal de las dependencias que opera los programas sociales. Si eres ciudadano, entra desde el portal ciudadano.">
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 520 }}>
        {l.error && (
          <Alert severity="error" role="alert" sx={{ mb: 3 }}>
            {l.error}
          </Alert>
        )}
        <Box component="form" noValidate onSubmit={l.submit}>
          <Stack spacing={3}>
            <TextField id="usuario" name="usuario" label="Usuario" required autoComplete="username" autoCapitalize="none" value={l.usuario} onChange={(e) => l.setUsuario(e.target.value)} error={!!l.errors.usuario} helperText={l.errors.usuario} slotProps={{ htmlInput: { spellCheck: false } }} />
            <CampoDeContrasena id="contrasena" name="contrasena" label="Contraseña" required autoComplete="current-password" value={l.contrasena} onChange={(e) => l.setContrasena(e.target.value)} error={l.errors.contrasena} />
            <Box>
              <Button type="submit" variant="contained" size="large" disabled={l.sending}>
                {l.sending ? 'Entrando…' : 'Iniciar sesión'}
              </Button>
            </Box>
            <Typography color="text.secondary">¿Olvidaste tu contraseña? Pide a un administrador de tu área que te asigne una nueva.</Typography>
            <Typography>
              <Link component={RouterLink} to="/">
                Ir al portal ciudadano
              </Link>
            </Typography>
          </Stack>
        </Box>
      </Paper>
    </Page>
  );
}

export function InicioFuncionarioPage() {
  const { funcionario } = useSession();
  if (!funcionario) return <Loading />;
  const items = menuFuncionario(funcionario);
  return (
    <Page title="Inicio de funcionario" heading={`Hola, ${funcionario.nombre}`} lead={`${funcionario.areaNombre ?? funcionario.area} · ${funcionario.roles.map(rolNombre).join(', ')}`}>
      {items.length === 0 ? (
        <Alert severity="info">Todavía no tienes roles asignados. Pide a un administrador que te los asigne.</Alert>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', lg: 'repeat(3, 1fr)' } }}>
          {items.map((item) => (
            <li key={item.to}>
              <Card variant="outlined" sx={{ height: '100%' }}>
                <CardActionArea component={RouterLink} to={item.to} sx={{ height: '100%', alignItems: 'flex-start', '&.Mui-focusVisible': { outline: '3px solid #0b5c9e', outlineOffset: -3 } }}>
                  <CardContent>
                    <Typography component="h2" variant="h3" sx={{ mb: 1, color: 'secondary.main', textDecoration: 'underline', textUnderlineOffset: '4px' }}>
                      {item.label}
                    </Typography>
                    <Typography>{item.descripcion}</Typography>
                  </CardContent>
                </CardActionArea>
              </Card>
            </li>
          ))}
        </Box>
      )}
    </Page>
  );
}
