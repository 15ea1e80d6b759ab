/** The account pages' own fields: a password that can be shown, and a CURP checked as the person types. */
import { useMemo, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutline';
import { validateCurp } from '../../../../../engine/curp.ts';
import type { SummaryItem } from '../../components/common.tsx';
import { CampoDeContrasena, CampoDeTexto as Field } from '../../components/Campos.tsx';
import { formatDate, sexoLabel } from '../../format.ts';

export { Field };
export type Errors = Record<string, string>;

export { CampoDeContrasena as PasswordField };

export const PASSWORD_HINT = 'Al menos 10 caracteres. Mejor una frase de tres o cuatro palabras que no tengan que ver contigo; no uses tu CURP ni contraseñas comunes.';
/** CURP input validated as the person types, with the engine's Spanish messages. */
export function CurpField({ value, onChange, touched, onBlur, serverError, autoFocus }: { value: string; onChange: (v: string) => void; touched: boolean; onBlur: () => void; serverError?: string; autoFocus?: boolean }) {
  const result = useMemo(() => validateCurp(value), [value]);
  const length = [...result.curp].length;
  const showErrors = !result.valid && (touched || length >= 18) && length > 0;
  let status: ReactNode;
  if (serverError) status = serverError;
  else if (showErrors) status = result.errors.map((e) => e.message).join(' ');
  else if (result.valid)
    status = (
      <Box component="span" sx={{ display: 'inline-flex', gap: 0.5, alignItems: 'center', color: 'success.main', fontWeight: 600 }}>
        <CheckCircleOutline fontSize="small" aria-hidden="true" />
        CURP válida: nacimiento {formatDate(result.info.birthDate)}, {sexoLabel(result.info.sex).toLowerCase()}, {result.info.stateLabel}.
      </Box>
    );
  else status = length === 0 ? '18 caracteres; aparece en tu acta de nacimiento o en gob.mx/curp.' : `Llevas ${length} de 18 caracteres.`;
  const invalid = !!serverError || showErrors;
  return (
    <TextField
      id="curp"
      name="curp"
      label="CURP"
      required
      value={value}
      autoFocus={autoFocus}
      onChange={(e) => onChange(e.target.value.toUpperCase())}
      onBlur={onBlur}
      error={invalid}
      autoComplete="off"
      slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'characters', style: { textTransform: 'uppercase', letterSpacing: '0.05em' } }, formHelperText: { 'aria-live': 'polite' } as object }}
      helperText={<span style={invalid ? { fontWeight: 600 } : undefined}>{status}</span>}
    />
  );
}


export function summaryOf(errors: Errors, labels: Record<string, string>): SummaryItem[] {
  return Object.entries(errors)
    .filter(([, m]) => m)
    .map(([field, message]) => ({ target: field, message: labels[field] ? `${labels[field]}: ${message}` : message }));
}
