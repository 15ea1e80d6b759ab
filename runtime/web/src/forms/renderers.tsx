/**
 * JSON Forms renderers for citizens: MUI inputs with a visible label, help text and errors tied to the
 * input (aria-describedby, aria-invalid), yes/no questions as two radio buttons (a checkbox cannot say
 * "no"), native selects (usable on any phone), layouts that stack on small screens, and lists of people as
 * plain sections with "Agregar" and "Quitar" buttons. The material renderers stay as the fallback for any
 * other kind of field a definition may use, loaded only when such a field appears (material-fallback.tsx).
 */
import { createContext, lazy, Suspense, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  composePaths,
  createDefaultValue,
  findUISchema,
  isBooleanControl,
  isDateControl,
  isEnumControl,
  isIntegerControl,
  isNumberControl,
  isObjectArrayControl,
  isOneOfEnumControl,
  isStringControl,
  or,
  rankWith,
  Resolve,
  uiTypeIs,
  type ArrayLayoutProps,
  type ControlElement,
  type ControlProps,
  type GroupLayout,
  type JsonFormsI18nState,
  type JsonFormsRendererRegistryEntry,
  type JsonSchema,
  type LabelProps,
  type Layout,
  type LayoutProps,
  type OwnPropsOfRenderer,
  type UISchemaElement,
} from '@jsonforms/core';
import {
  JsonFormsDispatch,
  useJsonForms,
  withJsonFormsArrayLayoutProps,
  withJsonFormsControlProps,
  withJsonFormsLabelProps,
  withJsonFormsLayoutProps,
} from '@jsonforms/react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import EditNoteIcon from '@mui/icons-material/EditNote';
import { fieldId, scopeToPath } from './schema.ts';
import { DateParts } from '../components/DateParts.tsx';

/** What a form page tells the renderers through JSON Forms' `config`. */
export interface SiprosFormConfig {
  /** When set, only these data paths (and what is under them) can be edited: a correction. */
  editable?: readonly string[] | null;
  /** Data paths an official flagged for correction: highlighted. */
  flagged?: readonly string[];
  /** Prefix of input ids, when two forms share a page. */
  idPrefix?: string;
  /** When set, only these data paths are shown (with what leads to them): the fields to correct. */
  only?: readonly string[] | null;
  /** Always show descriptions (not only on focus). */
  showUnfocusedDescription?: boolean;
}

const covers = (list: readonly string[] | undefined | null, path: string) =>
  !!list && list.some((p) => path === p || path.startsWith(`${p}.`));

/** Whether something at `path` is shown when the form is limited to `only`: it is covered, or leads to a covered path. */
const leadsTo = (only: readonly string[] | null | undefined, path: string) =>
  !only || covers(only, path) || only.some((p) => p.startsWith(`${path}.`) || path === '');

function fieldState(config: SiprosFormConfig | undefined, path: string, enabled: boolean) {
  const editable = enabled && (config?.editable ? covers(config.editable, path) : true);
  const flagged = covers(config?.flagged, path);
  const shown = !config?.only || covers(config.only, path);
  return { editable, flagged, shown, id: fieldId(path, config?.idPrefix) };
}

/** Data paths of the controls under a layout (relative scopes resolved against the layout's path). */
function controlPathsOf(element: UISchemaElement, base: string): string[] {
  const out: string[] = [];
  const visit = (node: UISchemaElement) => {
    const scope = (node as ControlElement).scope;
    if (typeof scope === 'string') {
      const rel = scopeToPath(scope);
      if (rel !== null) out.push(rel === '' ? base : base ? `${base}.${rel}` : rel);
      return;
    }
    for (const child of (node as Layout).elements ?? []) visit(child);
  };
  visit(element);
  return out;
}

function layoutShown(props: LayoutProps): boolean {
  const only = (props.config as SiprosFormConfig | undefined)?.only;
  if (!props.visible) return false;
  if (!only) return true;
  return controlPathsOf(props.uischema, props.path).some((p) => leadsTo(only, p));
}

/** The heading level for the next section title inside a form (the step title is an h2). */
export const HeadingLevel = createContext(3);

function Heading({ level, id, children, focusable }: { level: number; id?: string; children: ReactNode; focusable?: boolean }) {
  const tag = `h${Math.min(6, Math.max(2, level))}` as 'h3';
  const variant = level <= 3 ? 'h3' : 'h4';
  return (
    <Typography component={tag} variant={variant} id={id} tabIndex={focusable ? -1 : undefined} sx={{ mt: 1, mb: 1, '&:focus': { outline: 'none' } }}>
      {children}
    </Typography>
  );
}

/** Description, flag notice and errors under an input; returns the ids for aria-describedby. */
function useHelp(id: string, description: string | undefined, errors: string, flagged: boolean) {
  const ids: string[] = [];
  const lines = errors ? errors.split('\n').filter(Boolean) : [];
  if (flagged) ids.push(`${id}-marca`);
  if (description) ids.push(`${id}-ayuda`);
  if (lines.length > 0) ids.push(`${id}-error`);
  const node = (
    <>
      {flagged && (
        <FormHelperText id={`${id}-marca`} error={false} sx={{ color: 'warning.main', fontWeight: 600, display: 'flex', gap: 0.5, alignItems: 'center' }}>
          <EditNoteIcon fontSize="small" aria-hidden="true" />
          Dato marcado para corregir
        </FormHelperText>
      )}
      {description && (
        <FormHelperText id={`${id}-ayuda`} error={false} sx={{ color: "text.secondary" }}>
          {description}
        </FormHelperText>
      )}
      {lines.length > 0 && (
        <FormHelperText id={`${id}-error`} error sx={{ display: 'flex', gap: 0.5, alignItems: 'flex-start', fontWeight: 600 }}>
          <ErrorOutlineIcon fontSize="small" aria-hidden="true" sx={{ mt: '1px' }} />
          <span>{lines.join(' ')}</span>
        </FormHelperText>
      )}
    </>
  );
  return { describedBy: ids.length ? ids.join(' ') : undefined, node, invalid: lines.length > 0 };
}

/** One box per field (the input and its texts stay together in layouts), highlighted when flagged. */
function Flagged({ flagged, children }: { flagged: boolean; children: ReactNode }) {
  if (!flagged) return <Box sx={{ minWidth: 0 }}>{children}</Box>;
  return (
    <Box data-marcado="true" sx={{ borderLeft: 4, borderColor: 'warning.main', bgcolor: '#fff8ec', pl: 1.5, py: 1, pr: 1, borderRadius: 1 }}>
      {children}
    </Box>
  );
}

/** A question: its label above the input (long questions never get cut), then the input and its texts. */
function Question({ id, label, required, invalid, flagged, help, children }: { id: string; label: string; required?: boolean; invalid: boolean; flagged: boolean; help: ReactNode; children: ReactNode }) {
  return (
    <Flagged flagged={flagged}>
      <FormLabel htmlFor={id} required={required} error={invalid} sx={{ display: 'block', fontWeight: 600, mb: 0.75, color: 'text.primary' }}>
        {label}
      </FormLabel>
      {children}
      {help}
    </Flagged>
  );
}

// ── Controls ─────────────────────────────────────────────────────────────

function TextControl(props: ControlProps) {
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

function NumberControl(props: ControlProps) {
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

function DateControl(props: ControlProps) {
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

function ChoiceControl(props: ControlProps) {
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

function YesNoControl(props: ControlProps) {
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

// ── Layouts ──────────────────────────────────────────────────────────────

function children(props: LayoutProps) {
  const { uischema, schema, path, enabled, renderers, cells } = props;
  return ((uischema as Layout).elements ?? []).map((child: UISchemaElement, i: number) => (
    <JsonFormsDispatch key={`${path}-${i}`} uischema={child} schema={schema} path={path} enabled={enabled} renderers={renderers} cells={cells} />
  ));
}

function VerticalLayoutRenderer(props: LayoutProps) {
  if (!layoutShown(props)) return null;
  return <Stack spacing={2.5}>{children(props)}</Stack>;
}

function HorizontalLayoutRenderer(props: LayoutProps) {
  if (!layoutShown(props)) return null;
  const n = ((props.uischema as Layout).elements ?? []).length;
  return (
    <Box sx={{ display: 'grid', gap: 2.5, alignItems: 'start', gridTemplateColumns: { xs: '1fr', md: `repeat(${Math.max(1, n)}, minmax(0, 1fr))` } }}>
      {children(props)}
    </Box>
  );
}

function GroupRenderer(props: LayoutProps) {
  const level = useContext(HeadingLevel);
  const headingId = useId();
  if (!layoutShown(props)) return null;
  const label = (props.uischema as GroupLayout).label;
  return (
    <Box role="group" aria-labelledby={label ? headingId : undefined} sx={{ borderTop: 1, borderColor: 'divider', pt: 1 }}>
      {label && (
        <Heading level={level} id={headingId}>
          {label}
        </Heading>
      )}
      <HeadingLevel.Provider value={level + 1}>
        <Stack spacing={2.5}>{children(props)}</Stack>
      </HeadingLevel.Provider>
    </Box>
  );
}

function LabelRenderer({ text, visible, config }: LabelProps) {
  if (!visible || !text || (config as SiprosFormConfig | undefined)?.only) return null;
  return (
    <Typography component="p" sx={{ bgcolor: '#eef4fa', borderLeft: 4, borderColor: 'info.main', px: 2, py: 1.5, borderRadius: 1 }}>
      {text}
    </Typography>
  );
}

// ── Lists (arrays of objects) ────────────────────────────────────────────

/** The messages of the errors placed on the list itself (not on its items), without repeats. */
function listOwnErrors(all: ReadonlyArray<{ instancePath: string; message?: string }> | undefined, path: string): string[] {
  const pointer = path === '' ? '' : `/${path.split('.').join('/')}`;
  const own = (all ?? []).filter((e) => e.instancePath === pointer && e.message).map((e) => e.message!);
  return [...new Set(own)];
}

function ArrayRenderer(props: ArrayLayoutProps) {
  const { data: count, path, schema, uischema, uischemas, rootSchema, renderers, cells, label, description, addItem, removeItems, enabled, visible, config, arraySchema } =
    props;
  const level = useContext(HeadingLevel);
  const ctx = useJsonForms();
  const { editable, flagged, id } = fieldState(config as SiprosFormConfig, path, enabled);
  const only = (config as SiprosFormConfig | undefined)?.only;
  const items = (Resolve.data(ctx.core?.data, path) as unknown[] | undefined) ?? [];
  const detail = useMemo(
    () => findUISchema(uischemas ?? [], schema, (uischema as ControlElement).scope, path, undefined, uischema as ControlElement, rootSchema),
    [uischemas, schema, uischema, path, rootSchema],
  );
  const itemTitle = typeof schema.title === 'string' ? schema.title : 'Elemento';
  const labelProp = (uischema.options?.elementLabelProp as string | undefined) ?? undefined;
  const minItems = typeof arraySchema.minItems === 'number' ? arraySchema.minItems : 0;
  const maxItems = typeof arraySchema.maxItems === 'number' ? arraySchema.maxItems : Infinity;
  const previous = useRef(count);
  const focusTarget = useRef<number | null>(null);

  useEffect(() => {
    if (count > previous.current && previous.current > 0) focusTarget.current = count - 1;
    previous.current = count;
    if (focusTarget.current !== null) {
      document.getElementById(`${id}-item-${focusTarget.current}`)?.focus();
      focusTarget.current = null;
    }
  }, [count, id]);

  if (!visible || !leadsTo(only, path)) return null;
  const itemShown = (i: number) => !only || covers(only, path) || leadsTo(only, `${path}.${i}`);
  // JSON Forms hands a list every error of its items too; those are shown next to their own fields.
  // Above the list only what is wrong with the list itself (e.g. no one in it yet), each message once.
  const lines = listOwnErrors(ctx.core?.additionalErrors, path);
  const nameOf = (i: number) => {
    const v = labelProp ? (items[i] as Record<string, unknown> | undefined)?.[labelProp] : undefined;
    return typeof v === 'string' && v.trim() ? v.trim() : null;
  };
  return (
    <Box role="group" aria-labelledby={`${id}-titulo`} data-marcado={flagged || undefined}>
      <Heading level={level} id={`${id}-titulo`}>
        {label}
      </Heading>
      {description && (
        <Typography id={`${id}-ayuda`} color="text.secondary" sx={{ mb: 1 }}>
          {description}
        </Typography>
      )}
      {lines.length > 0 && (
        <FormHelperText id={`${id}-error`} error sx={{ display: 'flex', gap: 0.5, fontWeight: 600, mb: 1 }}>
          <ErrorOutlineIcon fontSize="small" aria-hidden="true" />
          <span>{lines.join(' ')}</span>
        </FormHelperText>
      )}
      <Stack spacing={2}>
        {items.map((_, i) => {
          if (!itemShown(i)) return null;
          const name = nameOf(i);
          return (
            <Paper key={i} variant="outlined" role="group" aria-labelledby={`${id}-item-${i}`} sx={{ p: { xs: 1.25, sm: 2.5 } }}>
              <Heading level={level + 1} id={`${id}-item-${i}`} focusable>
                {itemTitle} {i + 1}
                {name ? `: ${name}` : ''}
              </Heading>
              <HeadingLevel.Provider value={level + 2}>
                <JsonFormsDispatch schema={schema} uischema={detail} path={composePaths(path, String(i))} enabled={enabled} renderers={renderers} cells={cells} />
              </HeadingLevel.Provider>
              {editable && count > minItems && (
                <Button
                  sx={{ mt: 2 }}
                  color="error"
                  variant="outlined"
                  startIcon={<DeleteOutlineIcon aria-hidden="true" />}
                  onClick={() => {
                    focusTarget.current = Math.max(0, i - 1);
                    removeItems?.(path, [i])();
                  }}
                >
                  Quitar {name ?? `${itemTitle.toLowerCase()} ${i + 1}`}
                </Button>
              )}
            </Paper>
          );
        })}
        {items.length === 0 && <Typography>Aún no hay registros en esta lista.</Typography>}
      </Stack>
      {editable && count < maxItems && (
        <Button sx={{ mt: 2 }} variant="outlined" startIcon={<AddIcon aria-hidden="true" />} onClick={addItem(path, createDefaultValue(schema, rootSchema))}>
          Agregar {itemTitle.toLowerCase()}
        </Button>
      )}
    </Box>
  );
}

// ── Registry ─────────────────────────────────────────────────────────────

// Above every material renderer (the highest, radio groups, rank 20).
const RANK = 30;

/** The app's own renderers: every field kind the seed programs use. */
export const accessibleRenderers: JsonFormsRendererRegistryEntry[] = [
  { tester: rankWith(RANK, isBooleanControl), renderer: withJsonFormsControlProps(YesNoControl) },
  { tester: rankWith(RANK, or(isOneOfEnumControl, isEnumControl)), renderer: withJsonFormsControlProps(ChoiceControl) },
  { tester: rankWith(RANK, or(isIntegerControl, isNumberControl)), renderer: withJsonFormsControlProps(NumberControl) },
  { tester: rankWith(RANK + 1, isDateControl), renderer: withJsonFormsControlProps(DateControl) },
  { tester: rankWith(RANK - 1, isStringControl), renderer: withJsonFormsControlProps(TextControl) },
  { tester: rankWith(RANK, isObjectArrayControl), renderer: withJsonFormsArrayLayoutProps(ArrayRenderer) },
  { tester: rankWith(RANK, uiTypeIs('VerticalLayout')), renderer: withJsonFormsLayoutProps(VerticalLayoutRenderer) },
  { tester: rankWith(RANK, uiTypeIs('HorizontalLayout')), renderer: withJsonFormsLayoutProps(HorizontalLayoutRenderer) },
  { tester: rankWith(RANK, uiTypeIs('Group')), renderer: withJsonFormsLayoutProps(GroupRenderer) },
  { tester: rankWith(RANK, uiTypeIs('Label')), renderer: withJsonFormsLabelProps(LabelRenderer) },
];

// The material renderer set is most of a form page's code (MUI date pickers, autocomplete, dialogs): it
// loads only when an element none of the renderers above takes is shown, and then renders that element.
const MaterialSubtree = lazy(() => import('./material-fallback.tsx'));

function MaterialFallbackRenderer(props: OwnPropsOfRenderer) {
  return (
    <Suspense fallback={<Typography color="text.secondary">Cargando la pregunta…</Typography>}>
      <MaterialSubtree {...props} />
    </Suspense>
  );
}

// Below every renderer: chosen only where nothing above applies (where the material set used to be chosen).
const FALLBACK_RANK = 0;

export const siprosRenderers: JsonFormsRendererRegistryEntry[] = [
  ...accessibleRenderers,
  { tester: () => FALLBACK_RANK, renderer: MaterialFallbackRenderer },
];

const ARRAY_TEXTS: Record<string, string> = {
  removeTooltip: 'Quitar',
  removeAriaLabel: 'Quitar',
  upAriaLabel: 'Subir',
  downAriaLabel: 'Bajar',
  up: 'Subir',
  down: 'Bajar',
  noDataMessage: 'Sin registros',
  noSelection: 'Nada seleccionado',
  deleteDialogTitle: 'Confirma que quieres quitarlo',
  deleteDialogMessage: '¿Seguro que quieres quitar este registro?',
  deleteDialogAccept: 'Sí, quitar',
  deleteDialogDecline: 'No',
  clearDialogTitle: '¿Borrar los datos?',
  clearDialogMessage: 'Se borrarán los datos capturados. ¿Quieres continuar?',
  clearDialogAccept: 'Sí',
  clearDialogDecline: 'No',
};

/** Spanish for the few texts JSON Forms itself produces; error messages come from the server. */
export const spanishI18n: JsonFormsI18nState = {
  locale: 'es-MX',
  translate: ((id: string, defaultMessage: string | undefined) => {
    const key = id.split('.').pop() ?? id;
    if (key === 'addTooltip' || key === 'addAriaLabel') return defaultMessage?.replace(/^Add to (.*?)( button)?$/, 'Agregar a $1') ?? 'Agregar';
    if (key in ARRAY_TEXTS) return ARRAY_TEXTS[key];
    if (id === 'is a required property') return 'Este dato es obligatorio.';
    return defaultMessage;
  }) as JsonFormsI18nState['translate'],
  translateError: (error) => error.message ?? 'Este dato no es válido.',
};
