/** The brigadista's sign-in (the officials' usuario and contraseña, the same session cookie); needs a network. */
import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { messageOf } from '../../../runtime/web/src/api.ts';
import { CampoDeContrasena } from '../../../runtime/web/src/components/Campos.tsx';
import { campoApi, type Funcionario } from '../api.ts';
import { useEnLinea } from '../red.ts';

export function IniciarSesion({ usuarioInicial = '', onListo, boton = 'Iniciar sesión' }: { usuarioInicial?: string; onListo: (f: Funcionario) => void | Promise<void>; boton?: string }) {
  const enLinea = useEnLinea();
  const [usuario, setUsuario] = useState(usuarioInicial);
  const [contrasena, setContrasena] = useState('');
  const [errores, setErrores] = useState<{ usuario?: string; contrasena?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [enviando, setEnviando] = useState(false);
  const enviar = async (ev: FormEvent) => {
    ev.preventDefault();
    setError(null);
    const e = { ...(usuario.trim() ? {} : { usuario: 'Escribe tu usuario.' }), ...(contrasena ? {} : { contrasena: 'Escribe tu contraseña.' }) };
    setErrores(e);
    if (e.usuario || e.contrasena) return document.getElementById(e.usuario ? 'usuario' : 'contrasena')?.focus();
    setEnviando(true);
    try {
      await campoApi.iniciarSesion(usuario.trim(), contrasena);
      await onListo(await campoApi.yo());
    } catch (err) {
      setError(messageOf(err));
      setContrasena('');
    } finally {
      setEnviando(false);
    }
  };
  return (
    <Box component="form" noValidate onSubmit={enviar}>
      <Stack spacing={3}>
        {!enLinea && <Alert severity="warning">Para iniciar sesión necesitas conexión a internet (datos o wifi).</Alert>}
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        <TextField id="usuario" name="usuario" label="Usuario" required autoComplete="username" autoCapitalize="none" value={usuario} onChange={(e) => setUsuario(e.target.value)} error={!!errores.usuario} helperText={errores.usuario} slotProps={{ htmlInput: { spellCheck: false } }} />
        <CampoDeContrasena id="contrasena" name="contrasena" label="Contraseña" required autoComplete="current-password" value={contrasena} onChange={(e) => setContrasena(e.target.value)} error={errores.contrasena} />
        <Box>
          <Button type="submit" variant="contained" size="large" disabled={enviando}>
            {enviando ? 'Entrando…' : boton}
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}
