import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import type { Json } from '../../runtime/web/src/api.ts';
import { ErroresDe, Seccion, useEditor } from './comun.tsx';
import { APPLICANT_VARS, answerVars, emptyGroup, fromLogic, listFromText, OPS, slug, toLogic, unique, type Condition, type Group, type VarInfo } from './model.ts';
import { setIn } from './model.ts';

export function condicionDesde(rule: unknown): Group | null {
  return fromLogic(rule);
}

function opsFor(v: VarInfo | undefined) {
  if (!v) return OPS;
  if (v.kind === 'numero' || v.kind === 'fecha') return OPS.filter((o) => o.id !== 'contiene' && o.id !== 'in');
  if (v.kind === 'sino') return OPS.filter((o) => o.id === '==' || o.id === '!=');
  if (v.kind === 'multiple') return OPS.filter((o) => o.id === 'contiene');
  // A clave (a localidad's) is compared whole, one or any of a list typed by the planner.
  if (v.kind === 'claves') return OPS.filter((o) => o.id === '==' || o.id === '!=' || o.id === 'in');
  if (v.options) return OPS.filter((o) => o.id === '==' || o.id === '!=' || o.id === 'in');
  return OPS.filter((o) => o.id === '==' || o.id === '!=');
}

/** «Es alguno de» without options to pick from: the values typed, kept as typed while the planner writes the next one. */
function ListaEditor({ value, onChange }: { value: string[]; onChange: (value: string[]) => void }) {
  const [text, setText] = useState(value.join(', '));
  // What was typed while it still reads as the value (a trailing comma survives); the value when it changed from outside.
  const shown = listFromText(text).join() === value.join() ? text : value.join(', ');
  return (
    <TextField size="small" label="Valores" value={shown} onChange={(e) => { setText(e.target.value); onChange(listFromText(e.target.value)); }} helperText="Claves separadas por comas, p. ej. 220010025, 220010029" sx={{ minWidth: 260 }} />
  );
}

function ValorEditor({ v, c, onChange }: { v: VarInfo | undefined; c: Condition; onChange: (value: Condition['value']) => void }) {
  if (v?.kind === 'sino')
    return (
      <TextField select size="small" label="Valor" value={String(c.value)} onChange={(e) => onChange(e.target.value === 'true')} sx={{ minWidth: 120 }}>
        <MenuItem value="true">Sí</MenuItem>
        <MenuItem value="false">No</MenuItem>
      </TextField>
    );
  if (v?.options && c.op === 'in')
    return (
      <TextField select size="small" label="Valores" value={Array.isArray(c.value) ? c.value : []} onChange={(e) => onChange(e.target.value as unknown as string[])} slotProps={{ select: { multiple: true } }} sx={{ minWidth: 220 }}>
        {v.options.map((o) => <MenuItem key={o.const} value={o.const}>{o.title}</MenuItem>)}
      </TextField>
    );
  if (c.op === 'in') return <ListaEditor value={Array.isArray(c.value) ? c.value : []} onChange={onChange} />;
  if (v?.options)
    return (
      <TextField select size="small" label="Valor" value={String(c.value ?? '')} onChange={(e) => onChange(e.target.value)} sx={{ minWidth: 200 }}>
        {v.options.map((o) => <MenuItem key={o.const} value={o.const}>{o.title}</MenuItem>)}
      </TextField>
    );
  if (v?.kind === 'numero')
    return <TextField size="small" label="Valor" type="number" value={String(c.value ?? '')} onChange={(e) => onChange(e.target.value === '' ? 0 : Number(e.target.value))} sx={{ width: 130 }} />;
  return <TextField size="small" label="Valor" type={v?.kind === 'fecha' ? 'date' : 'text'} value={String(c.value ?? '')} onChange={(e) => onChange(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} sx={{ minWidth: 160 }} />;
}

function GrupoEditor({ group, vars, onChange, depth, onRemove }: { group: Group; vars: VarInfo[]; onChange: (g: Group) => void; depth: number; onRemove?: () => void }) {
  const setItem = (i: number, item: Condition | Group) => onChange({ ...group, items: group.items.map((x, j) => (j === i ? item : x)) });
  const remove = (i: number) => onChange({ ...group, items: group.items.filter((_, j) => j !== i) });
  return (
    <Box sx={{ borderLeft: 4, borderColor: depth ? 'secondary.main' : 'primary.main', pl: 2, py: 1 }} role="group" aria-label={depth ? 'Grupo de condiciones' : 'Condiciones'}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <Typography>Se cumple si</Typography>
        <ToggleButtonGroup size="small" exclusive value={group.mode} onChange={(_, m) => m && onChange({ ...group, mode: m })} aria-label="Cómo se combinan">
          <ToggleButton value="all">todas</ToggleButton>
          <ToggleButton value="any">alguna</ToggleButton>
        </ToggleButtonGroup>
        <Typography>de estas condiciones se cumplen:</Typography>
        {onRemove && <Button size="small" color="error" onClick={onRemove}>Quitar grupo</Button>}
      </Stack>
      <Stack spacing={1.5}>
        {group.items.map((item, i) =>
          item.type === 'group' ? (
            <GrupoEditor key={i} group={item} vars={vars} depth={depth + 1} onChange={(g) => setItem(i, g)} onRemove={() => remove(i)} />
          ) : (
            <Stack key={i} direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }} role="group" aria-label={`Condición ${i + 1}`}>
              <TextField select size="small" label="Dato" value={item.var} onChange={(e) => {
                const v = vars.find((x) => x.path === e.target.value);
                const op = opsFor(v)[0].id;
                setItem(i, { ...item, var: e.target.value, op, value: v?.kind === 'sino' ? true : v?.kind === 'numero' ? 0 : v?.options?.[0]?.const ?? '' });
              }} sx={{ minWidth: 260, maxWidth: 360 }}>
                {vars.map((v) => <MenuItem key={v.path} value={v.path}>{v.label}</MenuItem>)}
              </TextField>
              <TextField select size="small" label="Operador" value={item.op} onChange={(e) => setItem(i, { ...item, op: e.target.value as Condition['op'], value: e.target.value === 'in' ? [] : Array.isArray(item.value) ? '' : item.value })} sx={{ minWidth: 190 }}>
                {opsFor(vars.find((x) => x.path === item.var)).map((o) => <MenuItem key={o.id} value={o.id}>{o.nombre}</MenuItem>)}
              </TextField>
              <ValorEditor v={vars.find((x) => x.path === item.var)} c={item} onChange={(value) => setItem(i, { ...item, value })} />
              <IconButton aria-label={`Quitar la condición ${i + 1}`} onClick={() => remove(i)}>
                <DeleteIcon />
              </IconButton>
            </Stack>
          ),
        )}
      </Stack>
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button size="small" startIcon={<AddIcon aria-hidden="true" />} onClick={() => onChange({ ...group, items: [...group.items, { type: 'cond', var: 'solicitante.edad', op: '>=', value: 18 }] })}>
          Agregar condición
        </Button>
        {depth < 2 && (
          <Button size="small" startIcon={<AddIcon aria-hidden="true" />} onClick={() => onChange({ ...group, items: [...group.items, { ...emptyGroup(), mode: 'any' }] })}>
            Agregar grupo
          </Button>
        )}
      </Stack>
    </Box>
  );
}

/** A visual rule; a rule the builder did not make is shown as advanced and may be replaced. */
export function CondicionEditor({ value, schema, onChange }: { value: Group | null; schema: Json; onChange: (g: Group, logic: Json | boolean) => void }) {
  const vars = useMemo(() => [...APPLICANT_VARS, ...answerVars(schema)], [schema]);
  const [local, setLocal] = useState<Group | null>(value);
  const current = local ?? value;
  if (!current)
    return (
      <Alert severity="info" action={<Button color="inherit" onClick={() => { const g = emptyGroup(); setLocal(g); onChange(g, toLogic(g)); }}>Reemplazar</Button>}>
        Esta regla se escribió a mano (regla avanzada) y el editor visual no puede mostrarla. Puedes reemplazarla por una regla visual.
      </Alert>
    );
  return <GrupoEditor group={current} vars={vars} depth={0} onChange={(g) => { setLocal(g); onChange(g, toLogic(g) as Json); }} />;
}

export function RequisitosSeccion() {
  const { def, update, formulario } = useEditor();
  const rules = (def.eligibility as Json[]) ?? [];
  const [nuevo, setNuevo] = useState('');
  return (
    <Seccion titulo="Requisitos" ayuda="Cada requisito es una condición sobre los datos de la persona (su edad y sexo salen de su CURP; si su localidad es urbana o rural, del catálogo del INEGI) o sobre sus respuestas. Si no se cumple, la persona ve el mensaje.">
      <ErroresDe area="elegibilidad" elemento="" />
      <Stack spacing={2}>
        {rules.map((r, i) => (
          <Paper key={String(r.id)} variant="outlined" sx={{ p: 2 }} role="group" aria-label={`Requisito: ${String(r.message ?? '')}`}>
            <Stack spacing={1.5}>
              <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
                <TextField label="Mensaje cuando no se cumple" value={String(r.message ?? '')} onChange={(e) => update((d) => setIn(d, ['eligibility', i, 'message'], e.target.value))} sx={{ flex: 1 }} helperText="Lo lee la persona solicitante; escríbelo en segunda persona." />
                <IconButton aria-label={`Quitar el requisito «${String(r.message ?? '')}»`} onClick={() => update((d) => setIn(d, ['eligibility'], rules.filter((_, j) => j !== i)))}>
                  <DeleteIcon />
                </IconButton>
              </Stack>
              <CondicionEditor value={fromLogic(r.rule)} schema={formulario.schema} onChange={(_, logic) => update((d) => setIn(d, ['eligibility', i, 'rule'], logic))} />
              <ErroresDe area="elegibilidad" elemento={String(r.id)} />
            </Stack>
          </Paper>
        ))}
      </Stack>
      <Stack direction="row" spacing={2} sx={{ mt: 3, maxWidth: 720, alignItems: 'flex-start' }}>
        <TextField size="small" label="Mensaje del nuevo requisito" value={nuevo} onChange={(e) => setNuevo(e.target.value)} sx={{ flex: 1 }} />
        <Button variant="outlined" startIcon={<AddIcon aria-hidden="true" />} disabled={nuevo.trim().length < 3} onClick={() => {
          update((d) => setIn(d, ['eligibility', rules.length], { id: unique(slug(nuevo, '-', 40), rules.map((x) => String(x.id)), '-'), message: nuevo.trim(), rule: { '>=': [{ var: 'solicitante.edad' }, 18] } }));
          setNuevo('');
        }}>
          Agregar requisito
        </Button>
      </Stack>
    </Seccion>
  );
}
