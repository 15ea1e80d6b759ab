/** Text fields whose hint and error are read with them, and a password field that can be shown. */
import { useState, type ReactNode } from 'react';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';

/** A text field whose hint and error are read with it (MUI links helperText through aria-describedby). */
export type CampoProps = Omit<TextFieldProps, 'error'> & { hint?: ReactNode; error?: string };

export function CampoDeTexto({ hint, error, ...props }: CampoProps) {
  return (
    <TextField
      {...props}
      error={!!error}
      helperText={
        error || hint ? (
          <>
            {error && <span style={{ display: 'block', fontWeight: 600 }}>{error}</span>}
            {hint && <span style={{ display: 'block', color: '#555055' }}>{hint}</span>}
          </>
        ) : undefined
      }
    />
  );
}

/** A password with a button to show it (long passphrases are easier to type when seen). */
export function CampoDeContrasena(props: CampoProps) {
  const [show, setShow] = useState(false);
  return (
    <CampoDeTexto
      {...props}
      type={show ? 'text' : 'password'}
      slotProps={{
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton onClick={() => setShow((s) => !s)} aria-label={show ? 'Ocultar contraseña' : 'Mostrar contraseña'} aria-pressed={show} edge="end">
                {show ? <VisibilityOff /> : <Visibility />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
