/** The counter's fixes: a new phone or e-mail, or a password code by SMS; each with a reason on the record. */
import { useState } from 'react';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ApiError, messageOf } from '../../api.ts';
import { formatPhone } from '../../format.ts';
import { funcionarioApi, type ConsultaCiudadana } from '../api.ts';
import { FormDialog } from '../common.tsx';

export type Cambio = 'telefono' | 'correo' | 'contrasena';
type Cuenta = ConsultaCiudadana['cuenta'];

/** Sends the change; the answer is what to tell the official. */
async function aplicarCambio(tipo: Cambio, curp: string, valor: string, motivo: string): Promise<string> {
  if (tipo === 'telefono') {
    const tel = valor.replace(/\D/g, '');
    await funcionarioApi.cambiarTelefono(curp, tel, motivo);
    return `Cambiaste el teléfono a ${formatPhone(tel)}. La persona recibirá un SMS con el aviso.`;
  }
  if (tipo === 'correo') {
    await funcionarioApi.cambiarCorreo(curp, valor.trim(), motivo);
    return `Cambiaste el correo a ${valor.trim()}. La persona recibirá un SMS con el aviso.`;
  }
  await funcionarioApi.restablecerContrasena(curp, motivo);
  return 'Enviamos por SMS un código para que la persona ponga una contraseña nueva desde «¿Olvidaste tu contraseña?».';
}

/** The new phone or e-mail, with what the account has now. */
function ValorNuevo({ tipo, cuenta, valor, error, onChange }: { tipo: Cambio; cuenta: Cuenta; valor: string; error?: string; onChange: (v: string) => void }) {
  if (tipo === 'contrasena') return null;
  const telefono = tipo === 'telefono';
  const actual = telefono ? `Actual: ${cuenta.telefono ? formatPhone(cuenta.telefono) : 'sin teléfono'}. 10 dígitos.` : `Actual: ${cuenta.correo || 'sin correo'}.`;
  return (
    <TextField
      id="cambio-valor"
      label={telefono ? 'Nuevo teléfono celular' : 'Nuevo correo electrónico'}
      type={telefono ? 'tel' : 'email'}
      required
      value={valor}
      onChange={(e) => onChange(e.target.value)}
      error={!!error}
      helperText={error ?? actual}
      slotProps={telefono ? { htmlInput: { inputMode: 'tel' } } : undefined}
    />
  );
}

const TITULOS: Record<Cambio, string> = { telefono: 'Cambiar teléfono', correo: 'Cambiar correo electrónico', contrasena: 'Restablecer contraseña' };

export function CambioDialog({ tipo, cuenta, onClose, onDone }: { tipo: Cambio; cuenta: Cuenta; onClose: () => void; onDone: (msg: string) => void }) {
  const [valor, setValor] = useState('');
  const [motivo, setMotivo] = useState('');
  const [errors, setErrors] = useState<{ valor?: string; motivo?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const enviar = async () => {
    const e: typeof errors = {};
    const tel = valor.replace(/\D/g, '');
    if (tipo === 'telefono' && tel.length !== 10) e.valor = tel ? `El teléfono debe tener 10 dígitos; tiene ${tel.length}.` : 'Escribe el nuevo número de celular.';
    if (tipo === 'correo' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(valor.trim())) e.valor = 'Escribe un correo válido, p. ej. nombre@correo.com.';
    if (!motivo.trim()) e.motivo = 'Escribe el motivo del cambio; queda registrado.';
    setErrors(e);
    if (e.valor) return document.getElementById('cambio-valor')?.focus();
    if (e.motivo) return document.getElementById('cambio-motivo')?.focus();
    setBusy(true);
    setError(null);
    try {
      onDone(await aplicarCambio(tipo, cuenta.curp, valor, motivo.trim()));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'REASON_REQUIRED') {
        setErrors({ motivo: err.message });
        document.getElementById('cambio-motivo')?.focus();
      } else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open
      title={TITULOS[tipo]}
      initialFocus={tipo === 'contrasena' ? 'cambio-motivo' : 'cambio-valor'}
      onClose={onClose}
      onSubmit={enviar}
      submitLabel={tipo === 'contrasena' ? 'Enviar código' : 'Guardar cambio'}
      busy={busy}
      error={error}
    >
      <Stack spacing={2.5}>
        <Typography>
          {cuenta.nombres} {cuenta.primerApellido} {cuenta.segundoApellido ?? ''} · {cuenta.curp}
        </Typography>
        <ValorNuevo tipo={tipo} cuenta={cuenta} valor={valor} error={errors.valor} onChange={(v) => {
            setValor(v);
            setErrors((x) => ({ ...x, valor: undefined }));
          }} />
        {tipo === 'contrasena' && (
          <Typography>
            Enviaremos un código por SMS al teléfono de la cuenta{cuenta.telefono ? ` (${formatPhone(cuenta.telefono, true)})` : ''}. Con él, la persona pone una contraseña nueva. Nadie más la conoce.
          </Typography>
        )}
        <TextField
          id="cambio-motivo"
          label="Motivo"
          required
          multiline
          minRows={2}
          value={motivo}
          onChange={(e) => {
            setMotivo(e.target.value);
            setErrors((x) => ({ ...x, motivo: undefined }));
          }}
          error={!!errors.motivo}
          helperText={errors.motivo ?? 'Por ejemplo: «Cambió de número; presentó su INE en ventanilla».'}
          slotProps={{ htmlInput: { maxLength: 500 } }}
        />
      </Stack>
    </FormDialog>
  );
}

