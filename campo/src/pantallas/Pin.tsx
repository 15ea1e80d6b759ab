/** The PIN: chosen once on the device (twice, to be sure), then asked at every start to open the encrypted store. */
import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { CampoDeTexto } from '../../../runtime/web/src/components/Campos.tsx';

const PIN_VALIDO = /^\d{6,8}$/;

function CampoPin({ id, label, value, onChange, error, hint, autoFocus }: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string; hint?: string; autoFocus?: boolean }) {
  return (
    <CampoDeTexto
      id={id}
      name={id}
      label={label}
      type="password"
      required
      autoFocus={autoFocus}
      autoComplete="off"
      value={value}
      onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, 8))}
      error={error}
      hint={hint}
      slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 8 } }}
    />
  );
}

/** Choosing the PIN: 6 to 8 digits, typed twice. */
export function ElegirPin({ onElegido, ocupado }: { onElegido: (pin: string) => void; ocupado: boolean }) {
  const [pin, setPin] = useState('');
  const [otra, setOtra] = useState('');
  const [errores, setErrores] = useState<{ pin?: string; otra?: string }>({});
  const enviar = (ev: FormEvent) => {
    ev.preventDefault();
    const e = { ...(PIN_VALIDO.test(pin) ? {} : { pin: 'El PIN debe tener de 6 a 8 números.' }), ...(otra === pin ? {} : { otra: 'Los dos PIN no coinciden.' }) };
    setErrores(e);
    if (e.pin || e.otra) return document.getElementById(e.pin ? 'pin-nuevo' : 'pin-confirmacion')?.focus();
    onElegido(pin);
  };
  return (
    <Box component="form" noValidate onSubmit={enviar}>
      <Stack spacing={3}>
        <CampoPin id="pin-nuevo" label="PIN nuevo" value={pin} onChange={setPin} error={errores.pin} hint="De 6 a 8 números. Lo pediremos cada vez que abras la aplicación; sin él nadie puede leer los registros guardados." />
        <CampoPin id="pin-confirmacion" label="Escribe el PIN otra vez" value={otra} onChange={setOtra} error={errores.otra} />
        <Box>
          <Button type="submit" variant="contained" size="large" disabled={ocupado}>
            {ocupado ? 'Guardando…' : 'Guardar PIN'}
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}

/** Typing the PIN to open the app; `error` says a wrong one. */
export function EscribirPin({ onPin, error, ocupado }: { onPin: (pin: string) => void; error: string | null; ocupado: boolean }) {
  const [pin, setPin] = useState('');
  const [vacio, setVacio] = useState<string | undefined>();
  const enviar = (ev: FormEvent) => {
    ev.preventDefault();
    if (!pin) return setVacio('Escribe tu PIN.');
    setVacio(undefined);
    onPin(pin);
    setPin('');
  };
  return (
    <Box component="form" noValidate onSubmit={enviar}>
      <Stack spacing={3}>
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        <CampoPin id="pin" label="PIN" value={pin} onChange={setPin} error={vacio} autoFocus />
        <Box>
          <Button type="submit" variant="contained" size="large" disabled={ocupado}>
            {ocupado ? 'Abriendo…' : 'Abrir'}
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}
