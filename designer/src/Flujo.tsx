import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import { CONTEXT_ACTIONS, EFFECT_ACTIONS, GUARDS } from '../../engine/workflow/registry.ts';
import { STATUS_LOOK, WORKFLOW_ROLES, type ApplicationStatus } from '../../engine/vocabulary.ts';
import { ErroresDe, Seccion, useEditor } from './comun.tsx';
import { actionsOf, clone, guardsOf, layers, roleName, ROLES, slug, STATUSES, unique, type Def, type Transition, type Workflow } from './model.ts';

const GUARD_NAMES: Record<string, string> = {
  elegible: 'Cumple los requisitos',
  documentosCompletos: 'Documentos completos',
  cupoDisponible: 'Hay cupo disponible',
  conComentario: 'Exige un comentario',
  conMarcas: 'Exige marcar qué corregir',
  otroFuncionario: 'Otra persona distinta a la de la etapa anterior',
};
const ACTION_NAMES: Record<string, string> = {
  registrarDictamen: 'Registrar el dictamen',
  marcarCorreccion: 'Guardar lo que se debe corregir',
  limpiarCorreccion: 'Limpiar la corrección',
  emitirQrEntrega: 'Emitir el código QR de entrega',
  registrarEntrega: 'Registrar la entrega',
  incorporarAlPadron: 'Incorporar al padrón',
  retirarDelPadron: 'Retirar del padrón',
  liberarCupo: 'Liberar el cupo',
};
const ALL_ACTIONS = [...CONTEXT_ACTIONS, ...Object.keys(EFFECT_ACTIONS)];

function wfOf(def: Def): Workflow {
  return def.workflow as unknown as Workflow;
}

function withWf(def: Def, edit: (wf: Workflow) => void): Def {
  const next = clone(def);
  edit(wfOf(next));
  return next;
}

/** The workflow as boxes (one column per step away from the start) and labelled arrows. */
/**
 * A stage name in at most two lines that fit its box (about 20 characters of 13 px bold text each);
 * a longer name ends in «…» and the full name is the box's tooltip and in the diagram's description.
 */
export function labelLines(label: string, perLine = 20): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= perLine) line = next;
    else {
      if (line) lines.push(line);
      line = word.length > perLine ? `${word.slice(0, perLine - 1)}…` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= 2) return lines;
  const second = lines.slice(1).join(' ');
  return [lines[0], second.length > perLine ? `${second.slice(0, perLine - 1)}…` : second];
}

function Grafo({ wf }: { wf: Workflow }) {
  const cols = layers(wf);
  const W = 172;
  const H = 66;
  const GX = 62;
  const GY = 36;
  const pos = new Map<string, { x: number; y: number }>();
  cols.forEach((col, c) => col.forEach((id, r) => pos.set(id, { x: 10 + c * (W + GX), y: 10 + r * (H + GY) })));
  const width = 20 + cols.length * (W + GX) - GX;
  const height = 20 + Math.max(...cols.map((c) => c.length)) * (H + GY) - GY;
  const color = (status: string) => STATUS_LOOK[status as ApplicationStatus]?.colour ?? '#555';
  const edges = Object.entries(wf.states).flatMap(([from, s]) => Object.entries(s.on ?? {}).map(([ev, t]) => ({ from, to: t.target, label: wf.events?.[ev]?.label ?? ev, roles: t.roles })));
  const resumen = edges.map((e) => `De «${wf.states[e.from]?.label}» a «${wf.states[e.to]?.label ?? e.to}» con «${e.label}» (${e.roles.map(roleName).join(', ')})`).join('. ');
  return (
    <Box tabIndex={0} role="group" aria-label="Diagrama del flujo (desplázate si no cabe)" sx={{ overflowX: 'auto', border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#fbfafa', mb: 3 }}>
      <svg width={width} height={height} role="img" aria-label={`Diagrama del flujo. ${resumen}.`} style={{ display: 'block' }}>
        <defs>
          <marker id="flecha" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#444" />
          </marker>
        </defs>
        {edges.map((e, i) => {
          const a = pos.get(e.from);
          const b = pos.get(e.to);
          if (!a || !b) return null;
          const back = b.x <= a.x;
          const x1 = back ? a.x + W / 2 : a.x + W;
          const y1 = back ? a.y + H : a.y + H / 2;
          const x2 = back ? b.x + W / 2 + 12 : b.x;
          const y2 = back ? b.y + H : b.y + H / 2;
          const mx = (x1 + x2) / 2;
          const my = back ? Math.max(y1, y2) + 28 : (y1 + y2) / 2 - 6;
          const d = back ? `M ${x1} ${y1} Q ${mx} ${my + 10} ${x2} ${y2}` : `M ${x1} ${y1} C ${mx} ${y1} ${mx} ${y2} ${x2} ${y2}`;
          return (
            <g key={i}>
              <path d={d} fill="none" stroke="#444" strokeWidth={1.5} markerEnd="url(#flecha)" />
              <text x={mx} y={back ? my : my} textAnchor="middle" fontSize="11" fill="#1d1b1c" style={{ paintOrder: 'stroke', stroke: '#fbfafa', strokeWidth: 4 }}>
                {e.label}
              </text>
            </g>
          );
        })}
        {[...pos.entries()].map(([id, p]) => {
          const s = wf.states[id];
          return (
            <g key={id}>
              <title>{s.label}</title>
              <rect data-etapa={id} x={p.x} y={p.y} width={W} height={H} rx={8} fill="#fff" stroke={color(s.status)} strokeWidth={id === wf.initial ? 3 : 1.5} />
              <text data-etapa-texto={id} x={p.x + W / 2} y={p.y + 20} textAnchor="middle" fontSize="13" fontWeight="700" fill="#1d1b1c">
                {labelLines(s.label).map((line, i) => (
                  <tspan key={i} x={p.x + W / 2} dy={i === 0 ? 0 : 16}>
                    {line}
                  </tspan>
                ))}
              </text>
              <text data-etapa-texto={id} x={p.x + W / 2} y={p.y + 56} textAnchor="middle" fontSize="11" fill={color(s.status)}>{s.status}{id === wf.initial ? ' · inicio' : ''}</text>
            </g>
          );
        })}
      </svg>
    </Box>
  );
}

function Multi({ label, value, options, onChange }: { label: string; value: string[]; options: Array<{ id: string; nombre: string }>; onChange: (v: string[]) => void }) {
  return (
    <TextField select size="small" label={label} value={value} onChange={(e) => onChange(e.target.value as unknown as string[])} slotProps={{ select: { multiple: true, renderValue: (v) => (v as string[]).map((x) => options.find((o) => o.id === x)?.nombre ?? x).join(', ') } }} sx={{ minWidth: 200, flex: 1 }}>
      {options.map((o) => <MenuItem key={o.id} value={o.id}>{o.nombre}</MenuItem>)}
    </TextField>
  );
}

function Transicion({ stateId, ev, t, wf }: { stateId: string; ev: string; t: Transition; wf: Workflow }) {
  const { update } = useEditor();
  const label = wf.events?.[ev]?.label ?? ev;
  const set = (edit: (t: Transition) => void) => update((d) => withWf(d, (w) => edit(w.states[stateId].on![ev])));
  return (
    <Box role="group" aria-label={`Acción ${label}`} sx={{ borderTop: 1, borderColor: 'divider', pt: 1.5 }}>
      <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', rowGap: 1.5, alignItems: 'center' }}>
        <TextField size="small" label="Texto del botón" value={label} onChange={(e) => update((d) => withWf(d, (w) => { w.events[ev] = { ...(w.events[ev] ?? {}), label: e.target.value }; }))} sx={{ width: 190 }} />
        <TextField select size="small" label="Lleva a" value={t.target} onChange={(e) => set((x) => { x.target = e.target.value; })} sx={{ width: 190 }}>
          {Object.entries(wf.states).map(([id, s]) => <MenuItem key={id} value={id}>{s.label}</MenuItem>)}
        </TextField>
        <Multi label="Quién puede" value={t.roles} options={ROLES} onChange={(v) => set((x) => { x.roles = v; })} />
        <Multi label="Condiciones" value={guardsOf(t)} options={Object.keys(GUARDS).map((g) => ({ id: g, nombre: GUARD_NAMES[g] ?? g }))} onChange={(v) => set((x) => { if (v.length === 0) delete x.guard; else x.guard = v.length === 1 ? v[0] : v; })} />
        <Multi label="Al hacerlo" value={actionsOf(t)} options={ALL_ACTIONS.map((a) => ({ id: a, nombre: ACTION_NAMES[a] ?? a }))} onChange={(v) => set((x) => { if (v.length === 0) delete x.actions; else x.actions = v; })} />
        <IconButton aria-label={`Quitar la acción ${label} de esta etapa`} onClick={() => update((d) => withWf(d, (w) => {
          delete w.states[stateId].on![ev];
          if (Object.keys(w.states[stateId].on!).length === 0) delete w.states[stateId].on;
          const used = Object.values(w.states).some((s) => s.on && ev in s.on);
          if (!used) delete w.events[ev];
        }))}>
          <DeleteIcon />
        </IconButton>
      </Stack>
      <ErroresDe area="flujo" elemento={`${stateId}/${ev}`} />
      <ErroresDe area="flujo" elemento={`evento:${ev}`} />
    </Box>
  );
}

function NuevaTransicion({ stateId, wf }: { stateId: string; wf: Workflow }) {
  const { update } = useEditor();
  const [texto, setTexto] = useState('');
  const [destino, setDestino] = useState('');
  const add = () => {
    const label = texto.trim();
    update((d) => withWf(d, (w) => {
      const existing = Object.entries(w.events).find(([, e]) => e.label.toLowerCase() === label.toLowerCase())?.[0];
      const ev = existing ?? unique(slug(label, '_').toUpperCase(), Object.keys(w.events), '_');
      if (!existing) w.events[ev] = { label };
      // The same action elsewhere lends its conditions and effects (the planner adjusts them).
      const model = Object.values(w.states).map((s) => s.on?.[ev]).find(Boolean);
      const s = w.states[stateId];
      s.on = { ...(s.on ?? {}), [ev]: model ? { ...clone(model), target: destino } : { target: destino, roles: [WORKFLOW_ROLES[0].id] } };
    }));
    setTexto('');
    setDestino('');
  };
  return (
    <Stack direction="row" spacing={1} sx={{ mt: 1.5, flexWrap: 'wrap', rowGap: 1 }}>
      <TextField size="small" label="Nueva acción (texto del botón)" value={texto} onChange={(e) => setTexto(e.target.value)} sx={{ width: 260 }} />
      <TextField select size="small" label="Que lleve a" value={destino} onChange={(e) => setDestino(e.target.value)} sx={{ width: 220 }}>
        {Object.entries(wf.states).map(([id, s]) => <MenuItem key={id} value={id}>{s.label}</MenuItem>)}
      </TextField>
      <Button startIcon={<AddIcon aria-hidden="true" />} disabled={texto.trim().length < 3 || !destino} onClick={add}>
        Agregar acción
      </Button>
    </Stack>
  );
}

export function FlujoSeccion() {
  const { def, update } = useEditor();
  const wf = wfOf(def);
  const [nueva, setNueva] = useState('');
  const ordered = layers(wf).flat();
  return (
    <Seccion titulo="Flujo de aprobación" ayuda="Las etapas por las que pasa una solicitud, quién puede moverla y con qué botón. El recuadro con borde grueso es la etapa en la que empieza.">
      <ErroresDe area="flujo" elemento="" />
      <ErroresDe area="flujo" elemento="inicial" />
      <Grafo wf={wf} />
      <Stack spacing={2}>
        {ordered.map((id) => {
          const s = wf.states[id];
          return (
            <Paper key={id} variant="outlined" sx={{ p: 2 }} component="section" aria-label={`Etapa ${s.label}`}>
              <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', rowGap: 1.5, alignItems: 'center' }}>
                <TextField size="small" label="Nombre de la etapa" value={s.label} onChange={(e) => update((d) => withWf(d, (w) => { w.states[id].label = e.target.value; }))} sx={{ width: 240 }} />
                <TextField select size="small" label="Estatus que ve la persona" value={s.status} onChange={(e) => update((d) => withWf(d, (w) => { w.states[id].status = e.target.value; }))} sx={{ width: 210 }}>
                  {STATUSES.map((x) => <MenuItem key={x} value={x}>{x}</MenuItem>)}
                </TextField>
                <TextField size="small" type="number" label="Proceso n.º" value={s.stage ?? ''} onChange={(e) => update((d) => withWf(d, (w) => { if (e.target.value) w.states[id].stage = Math.max(1, Number(e.target.value)); else delete w.states[id].stage; }))} sx={{ width: 120 }} />
                <FormControlLabel label="Etapa final" control={<Checkbox checked={s.type === 'final'} onChange={(e) => update((d) => withWf(d, (w) => { if (e.target.checked) { w.states[id].type = 'final'; delete w.states[id].on; } else delete w.states[id].type; }))} />} />
                {id === wf.initial ? (
                  <Typography sx={{ fontWeight: 600, color: 'secondary.main' }}>Etapa inicial</Typography>
                ) : (
                  <Button size="small" onClick={() => update((d) => withWf(d, (w) => { w.initial = id; }))}>Hacer inicial</Button>
                )}
                <IconButton sx={{ ml: 'auto' }} aria-label={`Quitar la etapa ${s.label}`} disabled={id === wf.initial} onClick={() => update((d) => withWf(d, (w) => {
                  delete w.states[id];
                  for (const st of Object.values(w.states)) for (const [ev, t] of Object.entries(st.on ?? {})) if (t.target === id) delete st.on![ev];
                }))}>
                  <DeleteIcon />
                </IconButton>
              </Stack>
              <ErroresDe area="flujo" elemento={id} />
              {s.type !== 'final' && (
                <Stack spacing={1.5} sx={{ mt: 1.5 }}>
                  {Object.entries(s.on ?? {}).map(([ev, t]) => <Transicion key={ev} stateId={id} ev={ev} t={t} wf={wf} />)}
                  <NuevaTransicion stateId={id} wf={wf} />
                </Stack>
              )}
            </Paper>
          );
        })}
      </Stack>
      <Stack direction="row" spacing={1} sx={{ mt: 3 }}>
        <TextField size="small" label="Nombre de la nueva etapa" value={nueva} onChange={(e) => setNueva(e.target.value)} sx={{ width: 300 }} />
        <Button variant="outlined" startIcon={<AddIcon aria-hidden="true" />} disabled={nueva.trim().length < 3} onClick={() => {
          update((d) => withWf(d, (w) => {
            const id = unique(slug(nueva, '_'), Object.keys(w.states), '_');
            const stages = Object.values(w.states).map((x) => x.stage ?? 0);
            w.states[id] = { status: 'En proceso', label: nueva.trim(), stage: Math.max(0, ...stages) + 1 };
          }));
          setNueva('');
        }}>
          Agregar etapa
        </Button>
      </Stack>
    </Seccion>
  );
}
