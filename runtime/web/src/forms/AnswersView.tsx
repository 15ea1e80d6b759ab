/**
 * The answers of an application as people read them: per step, each question (its schema title) and
 * the answer in words (the option's title, Sí/No, DD/MM/AAAA). Fields hidden by the form's rules and
 * unanswered optional fields are left out.
 */
import { Fragment, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import EditIcon from '@mui/icons-material/Edit';
import type { Json } from '../api.ts';
import { matches } from './conditions.ts';
import { deref, getAt, humanize, schemaAt, scopeToPath, stepsOf, valueLabel, type Schema } from './schema.ts';
import { hermano, puntoDe, puntoEnTexto } from './renderers/ubicacion/punto.ts';

type Row = { kind: 'field'; path: string; label: string; value: string } | { kind: 'group'; title: string; path: string; rows: Row[] };

const join = (base: string, rel: string) => (rel === '' ? base : base ? `${base}.${rel}` : rel);

function conditionHolds(condition: Json, data: Json, base: string): boolean {
  const type = condition.type;
  if (type === 'OR') return ((condition.conditions as Json[]) ?? []).some((c) => conditionHolds(c, data, base));
  if (type === 'AND') return ((condition.conditions as Json[]) ?? []).every((c) => conditionHolds(c, data, base));
  const rel = typeof condition.scope === 'string' ? scopeToPath(condition.scope) : null;
  const value = rel === null ? undefined : getAt(data, join(base, rel));
  if (type === 'LEAF') return value === condition.expectedValue;
  if (condition.schema !== undefined) {
    if (condition.failWhenUndefined === true && value === undefined) return false;
    return matches(condition.schema as Json, value);
  }
  return true;
}

function hiddenByRule(node: Json, data: Json, base: string): boolean {
  const rule = node.rule as Json | undefined;
  if (!rule || (rule.effect !== 'HIDE' && rule.effect !== 'SHOW')) return false;
  const holds = conditionHolds(rule.condition as Json, data, base);
  return rule.effect === 'HIDE' ? holds : !holds;
}

function rowsOf(node: Json, root: Schema, data: Json, base: string, out: Row[]): void {
  if (hiddenByRule(node, data, base)) return;
  // A block asked as one question (the CUIS address as «Domicilio del negocio»): its answers under its title.
  const bloque = (node.options as Json | undefined)?.bloque;
  if (node.type === 'Group' && typeof bloque === 'string' && typeof node.label === 'string') {
    const rows: Row[] = [];
    for (const child of (node.elements as Json[] | undefined) ?? []) rowsOf(child, root, data, base, rows);
    if (rows.length > 0) out.push({ kind: 'group', path: join(base, scopeToPath(bloque) ?? ''), title: node.label, rows });
    return;
  }
  if (typeof node.scope === 'string') {
    const rel = scopeToPath(node.scope);
    if (rel === null) return;
    const path = join(base, rel);
    const s = schemaAt(root, path);
    const value = getAt(data, path);
    if (value === undefined || value === null || value === '') return;
    const label = typeof s?.title === 'string' ? s.title : humanize(path.split('.').pop() ?? path);
    // The address's point is one answer: latitud, longitud and the phone's precision together.
    const punto = (node.options as Json | undefined)?.ubicacion === true ? puntoDe(value, getAt(data, hermano(path, 'longitud')), getAt(data, hermano(path, 'precision'))) : null;
    if (punto) {
      out.push({ kind: 'field', path, label: 'Ubicación en el mapa', value: puntoEnTexto(punto) });
      return;
    }
    if (s?.type === 'array' && Array.isArray(value)) {
      const itemSchema = deref(root, s.items as Schema | undefined);
      const detail = (node.options as Json | undefined)?.detail as Json | undefined;
      const labelProp = (node.options as Json | undefined)?.elementLabelProp as string | undefined;
      const itemTitle = typeof itemSchema?.title === 'string' ? itemSchema.title : 'Elemento';
      value.forEach((item, i) => {
        const rows: Row[] = [];
        const itemPath = `${path}.${i}`;
        if (detail) rowsOf(detail, root, data, itemPath, rows);
        else if (itemSchema?.type === 'object') {
          for (const key of Object.keys((itemSchema.properties as Json) ?? {})) rowsOf({ type: 'Control', scope: `#/properties/${key}` }, root, data, itemPath, rows);
        } else rows.push({ kind: 'field', path: itemPath, label: `${itemTitle} ${i + 1}`, value: valueLabel(itemSchema, item) });
        const name = labelProp ? (item as Json)?.[labelProp] : undefined;
        out.push({ kind: 'group', path: itemPath, title: `${itemTitle} ${i + 1}${typeof name === 'string' && name ? `: ${name}` : ''}`, rows });
      });
      return;
    }
    if (s?.type === 'object') {
      const rows: Row[] = [];
      for (const key of Object.keys((s.properties as Json) ?? {})) rowsOf({ type: 'Control', scope: `#/properties/${key}` }, root, data, path, rows);
      out.push({ kind: 'group', path, title: label, rows });
      return;
    }
    out.push({ kind: 'field', path, label, value: valueLabel(s, value) });
    return;
  }
  for (const child of (node.elements as Json[] | undefined) ?? []) rowsOf(child, root, data, base, out);
}

const LINE = '1px solid #e2dcdf';
const FLAG = '#8a4b00';

const covers = (list: readonly string[] | undefined, path: string) => !!list && list.some((p) => path === p || path.startsWith(`${p}.`));
const under = (list: readonly string[] | undefined, path: string) => !!list && list.some((p) => p.startsWith(`${path}.`));

function Rows({ rows, flagged, level }: { rows: Row[]; flagged?: readonly string[]; level: number }): ReactNode {
  const fields = rows.filter((r) => r.kind === 'field');
  const groups = rows.filter((r) => r.kind === 'group');
  return (
    <>
      {fields.length > 0 && (
        <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'minmax(12rem, 2fr) 3fr' }, columnGap: 3 }}>
          {fields.map((r) => {
            const marked = covers(flagged, r.path);
            const mark = marked ? { bgcolor: '#fff8ec', borderLeft: `4px solid ${FLAG}`, pl: 1 } : {};
            // Side by side, the bar marks the row once (on the question).
            const markValue = marked ? { bgcolor: '#fff8ec', borderLeft: { xs: `4px solid ${FLAG}`, sm: 'none' }, pl: { xs: 1, sm: 0 } } : {};
            return (
              <Fragment key={r.path}>
                <Typography component="dt" sx={{ fontWeight: 600, pt: 1.25, pb: { xs: 0, sm: 1.25 }, borderTop: { xs: 'none', sm: LINE }, ...mark }}>
                  {r.label}
                  {marked && (
                    <Box component="span" sx={{ display: 'block', color: 'warning.main', fontSize: '0.85rem' }}>
                      Marcado para corregir
                    </Box>
                  )}
                </Typography>
                <Typography component="dd" sx={{ m: 0, pb: 1.25, pt: { xs: 0.25, sm: 1.25 }, borderTop: { xs: 'none', sm: LINE }, borderBottom: { xs: LINE, sm: 'none' }, overflowWrap: 'anywhere', ...markValue }}>
                  {r.kind === 'field' ? r.value : null}
                </Typography>
              </Fragment>
            );
          })}
        </Box>
      )}
      {groups.map((g) =>
        g.kind === 'group' ? (
          <Box key={g.path} sx={{ mt: 2, pl: { xs: 1, sm: 2 }, borderLeft: `3px solid ${covers(flagged, g.path) || under(flagged, g.path) ? FLAG : '#e2dcdf'}` }}>
            <Typography component={`h${Math.min(6, level)}` as 'h4'} variant="h4" sx={{ mb: 1 }}>
              {g.title}
            </Typography>
            <Rows rows={g.rows} flagged={flagged} level={level + 1} />
          </Box>
        ) : null,
      )}
    </>
  );
}

export function AnswersView({
  schema,
  uischema,
  data,
  flagged,
  headingLevel = 3,
  onEditStep,
}: {
  schema: Json;
  uischema: Json;
  data: Json;
  flagged?: readonly string[];
  headingLevel?: number;
  onEditStep?: (step: number) => void;
}) {
  const steps = stepsOf(uischema);
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {steps.map((step, i) => {
        const rows: Row[] = [];
        rowsOf(step.uischema, schema, data, '', rows);
        const tag = `h${Math.min(6, headingLevel)}` as 'h3';
        return (
          <Paper key={step.label} variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
            <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 2, mb: 1, flexWrap: 'wrap' }}>
              <Typography component={tag} variant="h3">
                {step.label}
              </Typography>
              {onEditStep && (
                <Button size="small" variant="outlined" startIcon={<EditIcon aria-hidden="true" />} onClick={() => onEditStep(i)} aria-label={`Cambiar respuestas de ${step.label}`}>
                  Cambiar
                </Button>
              )}
            </Box>
            {rows.length === 0 ? <Typography color="text.secondary">Sin respuestas en esta sección.</Typography> : <Rows rows={rows} flagged={flagged} level={headingLevel + 1} />}
          </Paper>
        );
      })}
    </Box>
  );
}
