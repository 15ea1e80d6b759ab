import { useState, type FocusEvent, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import TextField from '@mui/material/TextField';

export const MESES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

/** What the person has typed so far, as typed (the day may be "3" or "03"). */
export interface DateText {
  dia: string;
  mes: string;
  anio: string;
}

const NO_TEXT: DateText = { dia: '', mes: '', anio: '' };

/**
 * The parts of a value: a complete `AAAA-MM-DD`, or the partial `AAAA-MM-D` text older versions of
 * this field saved in drafts (so nothing already typed is lost when such a draft is opened).
 */
export function dateTextOf(value: string | undefined): DateText {
  const m = /^(\d{0,4})-(\d{0,2})-(\d{0,2})$/.exec(value ?? '');
  if (!m) return NO_TEXT;
  const mes = /^(0[1-9]|1[0-2])$/.test(m[2]) ? m[2] : '';
  return { dia: m[3] ? String(Number(m[3])) : '', mes, anio: m[1] };
}

/** `AAAA-MM-DD` when the three parts make a date that exists, else undefined. */
export function isoOf({ dia, mes, anio }: DateText): string | undefined {
  if (!/^\d{1,2}$/.test(dia) || !/^\d{2}$/.test(mes) || !/^\d{4}$/.test(anio)) return undefined;
  const [d, m, y] = [Number(dia), Number(mes), Number(anio)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${anio}-${mes}-${String(d).padStart(2, '0')}`;
}

/** Spanish words for a list: "el mes y el año". */
function joinSpanish(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} y ${items[items.length - 1]}`;
}

/** What keeps the typed parts from being a date, in Spanish; null when complete (or untouched). */
export function dateProblem(text: DateText): string | null {
  const { dia, mes, anio } = text;
  if (!dia && !mes && !anio) return null;
  const missing = [!dia && 'el día', !mes && 'el mes', !anio && 'el año'].filter((x): x is string => !!x);
  if (missing.length > 0) return `Falta ${joinSpanish(missing)}.`;
  if (anio.length !== 4) return 'Escribe el año con 4 dígitos, por ejemplo 1984.';
  if (isoOf(text)) return null;
  const mesNombre = MESES[Number(mes) - 1];
  return `Esa fecha no existe: revisa el día (${mesNombre} de ${anio} no tiene día ${Number(dia)}).`;
}

/**
 * A date as three fields (día, mes by name, año): the same for everybody whatever the browser's
 * language (a native date input shows mm/dd/yyyy in an English browser), easy on a phone and read
 * clearly by screen readers.
 *
 * The parts are kept here while the person types; `onChange` receives `AAAA-MM-DD` only when the
 * three make a date that exists, and undefined otherwise (what is missing is said under the field
 * once the person leaves it). A `value` that differs from the last one this field reported comes
 * from outside (e.g. read from the CURP, a draft loaded) and replaces the parts; the echo of its own
 * report never does (that echo of a partial date used to erase every keystroke).
 */
interface DatePartsProps {
  id: string;
  label: ReactNode;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  required?: boolean;
  invalid?: boolean;
  describedBy?: string;
  disabled?: boolean;
  help?: ReactNode;
}

/**
 * What is typed in each box, reported as an ISO date once complete (undefined while not).
 * `reported` is the last value this field reported; `received` the last `value` it was given. A new
 * value that is not the echo of a report replaces the parts during the same render (not in an effect a
 * frame later), so a date read from the CURP shows in the boxes together with the CURP's «válida» hint.
 * A parent may ignore an incomplete date (the designer keeps the last whole one): the parts typed stay.
 */
function useDateText(value: string | undefined, onChange: (value: string | undefined) => void) {
  const [state, setState] = useState(() => ({ text: dateTextOf(value), reported: value, received: value }));
  let { text } = state;
  if (value !== state.received) {
    if (value !== state.reported) text = dateTextOf(value);
    setState({ text, reported: value, received: value });
  }
  const update = (part: keyof DateText, typed: string) => {
    const next = { ...text, [part]: typed };
    const iso = isoOf(next);
    setState({ text: next, reported: iso, received: state.received });
    if (iso !== state.reported) onChange(iso);
  };
  return { text, update };
}

const digits = (s: string, max: number) => s.replace(/\D/g, '').slice(0, max);

interface PartProps {
  id: string;
  text: DateText;
  update: (part: keyof DateText, typed: string) => void;
  invalid: boolean;
  disabled?: boolean;
  describe?: string;
}

function Mes({ id, text, update, invalid, disabled, describe }: PartProps) {
  return (
    <TextField
      id={`${id}-mes`}
      select
      label="Mes"
      value={text.mes}
      onChange={(e) => update('mes', e.target.value)}
      error={invalid}
      disabled={disabled}
      fullWidth={false}
      sx={{
        minWidth: '10rem',
        flex: 1,
        // MUI leaves a native select's outline and label grey when invalid: paint them like the others.
        ...(invalid ? { '& .MuiOutlinedInput-notchedOutline': { borderColor: 'error.main' }, '& .MuiInputLabel-root': { color: 'error.main' } } : {}),
      }}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'aria-describedby': describe } }}
    >
      <option value="">Elige el mes</option>
      {MESES.map((m, i) => (
        <option key={m} value={String(i + 1).padStart(2, '0')}>
          {m}
        </option>
      ))}
    </TextField>
  );
}

function Partes(props: PartProps) {
  const { id, text, update, invalid, disabled, describe } = props;
  const numeric = (max: number) => ({ htmlInput: { inputMode: 'numeric' as const, maxLength: max, autoComplete: 'off', 'aria-describedby': describe } });
  return (
    <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap' }}>
      <TextField id={id} label="Día" value={text.dia} onChange={(e) => update('dia', digits(e.target.value, 2))} error={invalid} disabled={disabled} fullWidth={false} sx={{ width: '5.5rem' }} slotProps={numeric(2)} />
      <Mes {...props} />
      <TextField id={`${id}-anio`} label="Año" value={text.anio} onChange={(e) => update('anio', digits(e.target.value, 4))} error={invalid} disabled={disabled} fullWidth={false} sx={{ width: '7rem' }} slotProps={numeric(4)} />
    </Box>
  );
}

export function DateParts({ id, label, value, onChange, required, invalid, describedBy, disabled, help }: DatePartsProps) {
  const { text, update } = useDateText(value, onChange);
  const [left, setLeft] = useState(false);
  // Only when focus leaves the whole field (moving from Día to Mes is still typing).
  const onBlur = (e: FocusEvent<HTMLFieldSetElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setLeft(true);
  };
  const problem = left ? dateProblem(text) : null;
  const problemId = `${id}-incompleta`;
  const describe = [problem ? problemId : null, describedBy].filter(Boolean).join(' ') || undefined;
  const shownInvalid = !!invalid || !!problem;
  return (
    <FormControl component="fieldset" error={shownInvalid} required={required} disabled={disabled} sx={{ width: '100%' }} onBlur={onBlur}>
      <FormLabel component="legend" id={`${id}-etiqueta`} sx={{ fontWeight: 600, mb: 1, color: 'text.primary' }}>
        {label}
      </FormLabel>
      <Partes id={id} text={text} update={update} invalid={shownInvalid} disabled={disabled} describe={describe} />
      {problem && (
        <FormHelperText id={problemId} error sx={{ fontWeight: 600 }}>
          {problem}
        </FormHelperText>
      )}
      {help}
    </FormControl>
  );
}
