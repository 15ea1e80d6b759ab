/** The field renderers: text, number, date (day, month, year), choices as native selects or radios, yes/no. */
import { useEffect, useMemo, useState } from 'react';
import { or, type ControlProps, type JsonSchema } from '@jsonforms/core';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import { DateParts } from '../../components/DateParts.tsx';
import { fieldState, Flagged, Question, useHelp } from './comun.tsx';

// ── Controls ─────────────────────────────────────────────────────────────

export function TextControl(props: ControlProps) {
  const { data, handleChange, path, label, description, errors, required, enabled, visible, uischema, schema, config } = props;
  const { editable, flagged, shown, id } = fieldState(config, path, enabled);
  const help = useHelp(id, description, errors, flagged);
  if (!visible || !shown) return null;
  const multi = uischema.options?.multi === true;
  return (
    <Question id={id} label={label} required={required} invalid={help.invalid} flagged={flagged} help={help.node}>
      <TextField
        id={id}
        required={required}
        value={typeof data === 'string' ? data : data === undefined || data === null ? '' : String(data)}
        onChange={(e) => handleChange(path, e.target.value === '' ? undefined : e.target.value)}
        error={help.invalid}
        disabled={!editable}
        multiline={multi}
        minRows={multi ? 3 : undefined}
        slotProps={{ htmlInput: { 'aria-describedby': help.describedBy, maxLength: typeof schema.maxLength === 'number' ? schema.maxLength : undefined } }}
      />
    </Question>
  );
}

const NUMBER_TEXT = { integer: /^-?\d+$/, number: /^-?\d+(\.\d+)?$/ };

export function NumberControl(props: ControlProps) {
  const { data, handleChange, path, label, description, errors, required, enabled, visible, schema, config } = props;
  const { editable, flagged, shown, id } = fieldState(config, path, enabled);
  const help = useHelp(id, description, errors, flagged);
  const integer = schema.type === 'integer';
  const [text, setText] = useState(data === undefined || data === null ? '' : String(data));
  // Follow changes that come from outside (a draft loaded, a reset), not our own keystrokes.
  useEffect(() => {
    const current = text.replace(/[\s,$]/g, '');
    const same = (data === undefined && current === '') || String(data) === current || Number(current) === data;
    if (!same) setText(data === undefined || data === null ? '' : String(data));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);
  if (!visible || !shown) return null;
  const onChange = (value: string) => {
    setText(value);
    const clean = value.replace(/[\s,$]/g, '');
    if (clean === '') handleChange(path, undefined);
    else if ((integer ? NUMBER_TEXT.integer : NUMBER_TEXT.number).test(clean)) handleChange(path, Number(clean));
    // Not a number: keep the text so the server says what is wrong with it.
    else handleChange(path, value);
  };
  return (
    <Question id={id} label={label} required={required} invalid={help.invalid} flagged={flagged} help={help.node}>
      <TextField
        id={id}
        required={required}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        error={help.invalid}
        disabled={!editable}
        slotProps={{ htmlInput: { inputMode: integer ? 'numeric' : 'decimal', 'aria-describedby': help.describedBy, autoComplete: 'off' } }}
      />
    </Question>
  );
}

export function DateControl(props: ControlProps) {
  const { data, handleChange, path, label, description, errors, required, enabled, visible, config } = props;
  const { editable, flagged, shown, id } = fieldState(config, path, enabled);
  const help = useHelp(id, description, errors, flagged);
  if (!visible || !shown) return null;
  return (
    <Flagged flagged={flagged}>
      <DateParts
        id={id}
        label={label}
        required={required}
        value={typeof data === 'string' ? data : undefined}
        onChange={(v) => handleChange(path, v)}
        invalid={help.invalid}
        describedBy={help.describedBy}
        disabled={!editable}
        help={help.node}
      />
    </Flagged>
  );
}

interface Option {
  value: string;
  label: string;
}

function optionsOf(schema: JsonSchema): Option[] {
  if (Array.isArray(schema.oneOf)) {
    return (schema.oneOf as JsonSchema[]).map((o) => ({ value: String(o.const), label: typeof o.title === 'string' ? o.title : String(o.const) }));
  }
  return (schema.enum ?? []).map((v) => ({ value: String(v), label: String(v) }));
}

export function ChoiceControl(props: ControlProps) {
  const { data, handleChange, path, label, description, errors, required, enabled, visible, schema, uischema, config } = props;
  const { editable, flagged, shown, id } = fieldState(config, path, enabled);
  const help = useHelp(id, description, errors, flagged);
  const options = useMemo(() => optionsOf(schema), [schema]);
  if (!visible || !shown) return null;
  const value = data === undefined || data === null ? '' : String(data);
  const set = (v: string) => {
    if (v === '') return handleChange(path, undefined);
    const raw = Array.isArray(schema.oneOf) ? (schema.oneOf as JsonSchema[]).find((o) => String(o.const) === v)?.const : schema.enum?.find((e) => String(e) === v);
    handleChange(path, raw ?? v);
  };
  if (uischema.options?.format === 'radio') {
    return (
      <Flagged flagged={flagged}>
        <FormControl component="fieldset" error={help.invalid} disabled={!editable} required={required} sx={{ width: '100%' }}>
          <FormLabel component="legend" id={`${id}-etiqueta`} sx={{ fontWeight: 600, mb: 0.5, color: 'text.primary' }}>
            {label}
          </FormLabel>
          <RadioGroup id={`${id}-grupo`} aria-labelledby={`${id}-etiqueta`} name={id} value={value} onChange={(e) => set(e.target.value)} aria-describedby={help.describedBy} aria-required={required || undefined}>
            {options.map((o, i) => (
              <FormControlLabel
                key={o.value}
                value={o.value}
                label={o.label}
                control={<Radio id={i === 0 ? id : undefined} />}
                // Long options wrap: keep the circle on the first line and air between options.
                sx={{ alignItems: 'flex-start', mb: 0.5, '& .MuiFormControlLabel-label': { pt: '9px' } }}
              />
            ))}
          </RadioGroup>
          {help.node}
        </FormControl>
      </Flagged>
    );
  }
  return (
    <Question id={id} label={label} required={required} invalid={help.invalid} flagged={flagged} help={help.node}>
      <TextField
        id={id}
        select
        required={required}
        value={value}
        onChange={(e) => set(e.target.value)}
        error={help.invalid}
        disabled={!editable}
        slotProps={{ select: { native: true }, htmlInput: { 'aria-describedby': help.describedBy } }}
      >
        <option value="">Selecciona una opción</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </TextField>
    </Question>
  );
}

export function YesNoControl(props: ControlProps) {
  const { data, handleChange, path, label, description, errors, required, enabled, visible, config } = props;
  const { editable, flagged, shown, id } = fieldState(config, path, enabled);
  const help = useHelp(id, description, errors, flagged);
  if (!visible || !shown) return null;
  const value = data === true ? 'si' : data === false ? 'no' : '';
  return (
    <Flagged flagged={flagged}>
      <FormControl component="fieldset" error={help.invalid} disabled={!editable} required={required} sx={{ width: '100%' }}>
        <FormLabel component="legend" id={`${id}-etiqueta`} sx={{ fontWeight: 600, color: 'text.primary' }}>
          {label}
        </FormLabel>
        <RadioGroup
          row
          id={`${id}-grupo`}
          aria-labelledby={`${id}-etiqueta`}
          name={id}
          value={value}
          onChange={(e) => handleChange(path, e.target.value === 'si')}
          aria-describedby={help.describedBy}
          aria-required={required || undefined}
        >
          <FormControlLabel value="si" label="Sí" control={<Radio id={id} />} />
          <FormControlLabel value="no" label="No" control={<Radio />} />
        </RadioGroup>
        {help.node}
      </FormControl>
    </Flagged>
  );
}
