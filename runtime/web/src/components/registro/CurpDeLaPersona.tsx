/**
 * The CURP an official types for someone else (at the counter, or a brigadista in the field): checked
 * as it is typed by the engine, with the birth date it carries shown back to confirm with the person.
 */
import { useMemo } from 'react';
import { validateCurp } from '../../../../../engine/curp.ts';
import { CampoDeTexto } from '../Campos.tsx';
import { formatDate } from '../../format.ts';

export function CurpDeLaPersona({ valor, onValor, error }: { valor: string; onValor: (v: string) => void; error?: string }) {
  const info = useMemo(() => validateCurp(valor), [valor]);
  return (
    <CampoDeTexto
      id="curp"
      name="curp"
      label="CURP"
      required
      autoComplete="off"
      value={valor}
      onChange={(e) => onValor(e.target.value.toUpperCase())}
      error={error}
      hint={info.valid ? `CURP válida: nacimiento ${formatDate(info.info.birthDate)}.` : '18 caracteres, como aparece en su CURP.'}
      slotProps={{ htmlInput: { autoCapitalize: 'characters', spellCheck: false } }}
    />
  );
}
