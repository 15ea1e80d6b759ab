import { useEffect, useState, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormLabel from '@mui/material/FormLabel';
import TextField from '@mui/material/TextField';

const MESES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

function split(value: string | undefined): { dia: string; mes: string; anio: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  return m ? { dia: String(Number(m[3])), mes: m[2], anio: m[1] } : { dia: '', mes: '', anio: '' };
}

/**
 * A date as three fields (día, mes by name, año): the same for everybody whatever the browser's
 * language (a native date input shows mm/dd/yyyy in an English browser), easy on a phone and read
 * clearly by screen readers. Gives `AAAA-MM-DD` when complete, undefined when empty, and the partial
 * text otherwise (so the server can say what is missing).
 */
export function DateParts({
  id,
  label,
  value,
  onChange,
  required,
  invalid,
  describedBy,
  disabled,
  help,
}: {
  id: string;
  label: ReactNode;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  required?: boolean;
  invalid?: boolean;
  describedBy?: string;
  disabled?: boolean;
  help?: ReactNode;
}) {
  const [parts, setParts] = useState(() => split(value));
  // Follow a value set from outside (e.g. read from the CURP).
  useEffect(() => {
    const p = split(value);
    if (value && (p.dia !== parts.dia || p.mes !== parts.mes || p.anio !== parts.anio)) setParts(p);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  const update = (next: typeof parts) => {
    setParts(next);
    const { dia, mes, anio } = next;
    if (!dia && !mes && !anio) return onChange(undefined);
    const dd = dia.replace(/\D/g, '');
    const yyyy = anio.replace(/\D/g, '');
    onChange(`${yyyy.padStart(yyyy.length ? 4 : 0, '0')}-${mes}-${dd.length === 1 ? `0${dd}` : dd}`);
  };

  return (
    <FormControl component="fieldset" error={invalid} required={required} disabled={disabled} sx={{ width: '100%' }}>
      <FormLabel component="legend" id={`${id}-etiqueta`} sx={{ fontWeight: 600, mb: 1, color: 'text.primary' }}>
        {label}
      </FormLabel>
      <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap' }}>
        <TextField
          id={id}
          label="Día"
          value={parts.dia}
          onChange={(e) => update({ ...parts, dia: e.target.value })}
          error={invalid}
          disabled={disabled}
          fullWidth={false}
          sx={{ width: '5.5rem' }}
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 2, autoComplete: 'off', 'aria-describedby': describedBy } }}
        />
        <TextField
          id={`${id}-mes`}
          select
          label="Mes"
          value={parts.mes}
          onChange={(e) => update({ ...parts, mes: e.target.value })}
          error={invalid}
          disabled={disabled}
          fullWidth={false}
          sx={{
            minWidth: '10rem',
            flex: 1,
            // MUI leaves a native select's outline and label grey when invalid: paint them like the others.
            ...(invalid ? { '& .MuiOutlinedInput-notchedOutline': { borderColor: 'error.main' }, '& .MuiInputLabel-root': { color: 'error.main' } } : {}),
          }}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'aria-describedby': describedBy } }}
        >
          <option value="">Elige el mes</option>
          {MESES.map((m, i) => (
            <option key={m} value={String(i + 1).padStart(2, '0')}>
              {m}
            </option>
          ))}
        </TextField>
        <TextField
          id={`${id}-anio`}
          label="Año"
          value={parts.anio}
          onChange={(e) => update({ ...parts, anio: e.target.value })}
          error={invalid}
          disabled={disabled}
          fullWidth={false}
          sx={{ width: '7rem' }}
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 4, autoComplete: 'off', 'aria-describedby': describedBy } }}
        />
      </Box>
      {help}
    </FormControl>
  );
}
