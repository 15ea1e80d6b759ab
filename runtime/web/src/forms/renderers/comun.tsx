/** What the renderers share: the form page's config, headings, help and error texts tied to their input. */
import { createContext, type ReactNode } from 'react';
import { or, type ControlElement, type Layout, type LayoutProps, type UISchemaElement } from '@jsonforms/core';
import Box from '@mui/material/Box';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Typography from '@mui/material/Typography';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import EditNoteIcon from '@mui/icons-material/EditNote';
import { fieldId, scopeToPath } from '../schema.ts';

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

export const covers = (list: readonly string[] | undefined | null, path: string) =>
  !!list && list.some((p) => path === p || path.startsWith(`${p}.`));

/** Whether something at `path` is shown when the form is limited to `only`: it is covered, or leads to a covered path. */
export const leadsTo = (only: readonly string[] | null | undefined, path: string) =>
  !only || covers(only, path) || only.some((p) => p.startsWith(`${path}.`) || path === '');

export function fieldState(config: SiprosFormConfig | undefined, path: string, enabled: boolean) {
  const editable = enabled && (config?.editable ? covers(config.editable, path) : true);
  const flagged = covers(config?.flagged, path);
  const shown = !config?.only || covers(config.only, path);
  return { editable, flagged, shown, id: fieldId(path, config?.idPrefix) };
}

/** Data paths of the controls under a layout (relative scopes resolved against the layout's path). */
export function controlPathsOf(element: UISchemaElement, base: string): string[] {
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

export function layoutShown(props: LayoutProps): boolean {
  const only = (props.config as SiprosFormConfig | undefined)?.only;
  if (!props.visible) return false;
  if (!only) return true;
  return controlPathsOf(props.uischema, props.path).some((p) => leadsTo(only, p));
}

/** The heading level for the next section title inside a form (the step title is an h2). */
export const HeadingLevel = createContext(3);

/**
 * Inside a block mounted as a question (the CUIS address as «Domicilio del negocio», a Group with
 * `options.bloque`): its title; null in the form's own sections. Controls that speak of «tu casa» speak of
 * «el domicilio» there.
 */
export const BloqueMontado = createContext<string | null>(null);

export function Heading({ level, id, children, focusable }: { level: number; id?: string; children: ReactNode; focusable?: boolean }) {
  const tag = `h${Math.min(6, Math.max(2, level))}` as 'h3';
  const variant = level <= 3 ? 'h3' : 'h4';
  return (
    <Typography component={tag} variant={variant} id={id} tabIndex={focusable ? -1 : undefined} sx={{ mt: 1, mb: 1, '&:focus': { outline: 'none' } }}>
      {children}
    </Typography>
  );
}

/** Description, flag notice and errors under an input; returns the ids for aria-describedby. */
export function useHelp(id: string, description: string | undefined, errors: string, flagged: boolean) {
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
export function Flagged({ flagged, children }: { flagged: boolean; children: ReactNode }) {
  if (!flagged) return <Box sx={{ minWidth: 0 }}>{children}</Box>;
  return (
    <Box data-marcado="true" sx={{ borderLeft: 4, borderColor: 'warning.main', bgcolor: '#fff8ec', pl: 1.5, py: 1, pr: 1, borderRadius: 1 }}>
      {children}
    </Box>
  );
}

/** A question: its label above the input (long questions never get cut), then the input and its texts. */
export function Question({ id, label, required, invalid, flagged, help, children }: { id: string; label: string; required?: boolean; invalid: boolean; flagged: boolean; help: ReactNode; children: ReactNode }) {
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
