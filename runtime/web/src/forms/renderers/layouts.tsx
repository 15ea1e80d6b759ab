/** Layouts that stack on small screens, groups with their headings, and labels. */
import { useContext, useId } from 'react';
import { type GroupLayout, type LabelProps, type Layout, type LayoutProps, type UISchemaElement } from '@jsonforms/core';
import { JsonFormsDispatch } from '@jsonforms/react';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { BloqueMontado, Heading, HeadingLevel, layoutShown, type SiprosFormConfig } from './comun.tsx';

// ── Layouts ──────────────────────────────────────────────────────────────

function children(props: LayoutProps) {
  const { uischema, schema, path, enabled, renderers, cells } = props;
  return ((uischema as Layout).elements ?? []).map((child: UISchemaElement, i: number) => (
    <JsonFormsDispatch key={`${path}-${i}`} uischema={child} schema={schema} path={path} enabled={enabled} renderers={renderers} cells={cells} />
  ));
}

export function VerticalLayoutRenderer(props: LayoutProps) {
  if (!layoutShown(props)) return null;
  return <Stack spacing={2.5}>{children(props)}</Stack>;
}

export function HorizontalLayoutRenderer(props: LayoutProps) {
  if (!layoutShown(props)) return null;
  const n = ((props.uischema as Layout).elements ?? []).length;
  return (
    <Box sx={{ display: 'grid', gap: 2.5, alignItems: 'start', gridTemplateColumns: { xs: '1fr', md: `repeat(${Math.max(1, n)}, minmax(0, 1fr))` } }}>
      {children(props)}
    </Box>
  );
}

export function GroupRenderer(props: LayoutProps) {
  const level = useContext(HeadingLevel);
  const headingId = useId();
  if (!layoutShown(props)) return null;
  const label = (props.uischema as GroupLayout).label;
  const bloque = typeof props.uischema.options?.bloque === 'string';
  const contents = <Stack spacing={2.5}>{children(props)}</Stack>;
  return (
    <Box role="group" aria-labelledby={label ? headingId : undefined} sx={{ borderTop: 1, borderColor: 'divider', pt: 1 }}>
      {label && (
        <Heading level={level} id={headingId}>
          {label}
        </Heading>
      )}
      <HeadingLevel.Provider value={level + 1}>{bloque ? <BloqueMontado.Provider value={label ?? ''}>{contents}</BloqueMontado.Provider> : contents}</HeadingLevel.Provider>
    </Box>
  );
}

export function LabelRenderer({ text, visible, config }: LabelProps) {
  if (!visible || !text || (config as SiprosFormConfig | undefined)?.only) return null;
  return (
    <Typography component="p" sx={{ bgcolor: '#eef4fa', borderLeft: 4, borderColor: 'info.main', px: 2, py: 1.5, borderRadius: 1 }}>
      {text}
    </Typography>
  );
}
