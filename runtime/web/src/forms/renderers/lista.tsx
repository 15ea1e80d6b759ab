/** Lists of people (arrays of objects) as plain sections with «Agregar» and «Quitar». */
import { useContext, useEffect, useMemo, useRef } from 'react';
import { composePaths, createDefaultValue, findUISchema, Resolve, type ArrayLayoutProps, type ControlElement, type UISchemaElement } from '@jsonforms/core';
import { JsonFormsDispatch, useJsonForms } from '@jsonforms/react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormHelperText from '@mui/material/FormHelperText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import { covers, fieldState, Heading, HeadingLevel, leadsTo, type SiprosFormConfig } from './comun.tsx';

// ── Lists (arrays of objects) ────────────────────────────────────────────

/** The messages of the errors placed on the list itself (not on its items), without repeats. */
function listOwnErrors(all: ReadonlyArray<{ instancePath: string; message?: string }> | undefined, path: string): string[] {
  const pointer = path === '' ? '' : `/${path.split('.').join('/')}`;
  const own = (all ?? []).filter((e) => e.instancePath === pointer && e.message).map((e) => e.message!);
  return [...new Set(own)];
}

/** Moves the focus to a new item's heading, and after removing one to the item before it. */
function useFocoDeElementos(count: number, id: string) {
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
  return focusTarget;
}

interface ElementoProps {
  props: ArrayLayoutProps;
  i: number;
  id: string;
  level: number;
  name: string | null;
  itemTitle: string;
  detail: UISchemaElement;
  removable: boolean;
  onRemove: () => void;
}

function Elemento({ props, i, id, level, name, itemTitle, detail, removable, onRemove }: ElementoProps) {
  const { path, schema, renderers, cells, enabled } = props;
  return (
    <Paper variant="outlined" role="group" aria-labelledby={`${id}-item-${i}`} sx={{ p: { xs: 1.25, sm: 2.5 } }}>
      <Heading level={level + 1} id={`${id}-item-${i}`} focusable>
        {itemTitle} {i + 1}
        {name ? `: ${name}` : ''}
      </Heading>
      <HeadingLevel.Provider value={level + 2}>
        <JsonFormsDispatch schema={schema} uischema={detail} path={composePaths(path, String(i))} enabled={enabled} renderers={renderers} cells={cells} />
      </HeadingLevel.Provider>
      {removable && (
        <Button sx={{ mt: 2 }} color="error" variant="outlined" startIcon={<DeleteOutlineIcon aria-hidden="true" />} onClick={onRemove}>
          Quitar {name ?? `${itemTitle.toLowerCase()} ${i + 1}`}
        </Button>
      )}
    </Paper>
  );
}

/** The list's title, help, and the errors of the list itself (each message once). */
function Encabezado({ id, level, label, description, lines }: { id: string; level: number; label: string; description?: string; lines: string[] }) {
  return (
    <>
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
    </>
  );
}

export function ArrayRenderer(props: ArrayLayoutProps) {
  const { data: count, path, schema, uischema, uischemas, rootSchema, label, description, addItem, removeItems, enabled, visible, config, arraySchema } = props;
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
  const focusTarget = useFocoDeElementos(count, id);

  if (!visible || !leadsTo(only, path)) return null;
  const itemShown = (i: number) => !only || covers(only, path) || leadsTo(only, `${path}.${i}`);
  const nameOf = (i: number) => {
    const v = labelProp ? (items[i] as Record<string, unknown> | undefined)?.[labelProp] : undefined;
    return typeof v === 'string' && v.trim() ? v.trim() : null;
  };
  const remove = (i: number) => {
    focusTarget.current = Math.max(0, i - 1);
    removeItems?.(path, [i])();
  };
  return (
    <Box role="group" aria-labelledby={`${id}-titulo`} data-marcado={flagged || undefined}>
      {/* JSON Forms hands a list every error of its items too; those are shown next to their own fields. */}
      <Encabezado id={id} level={level} label={label} description={description} lines={listOwnErrors(ctx.core?.additionalErrors, path)} />
      <Stack spacing={2}>
        {items.map((_, i) =>
          itemShown(i) ? <Elemento key={i} props={props} i={i} id={id} level={level} name={nameOf(i)} itemTitle={itemTitle} detail={detail} removable={editable && count > minItems} onRemove={() => remove(i)} /> : null,
        )}
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
