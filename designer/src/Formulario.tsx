import { useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import ArrowUpIcon from '@mui/icons-material/ArrowUpward';
import ArrowDownIcon from '@mui/icons-material/ArrowDownward';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import EditIcon from '@mui/icons-material/EditOutlined';
import { ErroresDe, Seccion, useEditor } from './comun.tsx';
import {
  addCuisStep, addStep, CUIS_BLOCKS, deleteField, deleteStep, emptyDraft, FIELD_KINDS, kindName, moveField, moveStep, municipiosDe, renameStep, saveField, schemaToDraft, stepsOfDef, visibleIfOf,
  type FieldDraft, type FieldKind, type StepInfo,
} from './model.ts';

// A repeatable group's rows hold plain data: neither another group nor a whole address.
const SIMPLE_KINDS = FIELD_KINDS.filter((k) => k.id !== 'grupo' && k.id !== 'domicilio');

function OpcionesEditor({ d, set }: { d: FieldDraft; set: (d: FieldDraft) => void }) {
  const [nueva, setNueva] = useState('');
  return (
    <Box>
      <Typography sx={{ fontWeight: 600, mb: 1 }}>Opciones</Typography>
      <Stack spacing={1}>
        {d.options.map((o, i) => (
          <Stack key={i} direction="row" spacing={1}>
            <TextField size="small" label={`Opción ${i + 1}`} value={o.title} onChange={(e) => set({ ...d, options: d.options.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)) })} sx={{ flex: 1 }} />
            <IconButton aria-label={`Quitar la opción ${o.title}`} onClick={() => set({ ...d, options: d.options.filter((_, j) => j !== i) })}><DeleteIcon /></IconButton>
          </Stack>
        ))}
        <Stack direction="row" spacing={1}>
          <TextField size="small" label="Nueva opción" value={nueva} onChange={(e) => setNueva(e.target.value)} sx={{ flex: 1 }} onKeyDown={(e) => { if (e.key === 'Enter' && nueva.trim()) { e.preventDefault(); set({ ...d, options: [...d.options, { const: '', title: nueva.trim() }] }); setNueva(''); } }} />
          <Button onClick={() => { if (nueva.trim()) { set({ ...d, options: [...d.options, { const: '', title: nueva.trim() }] }); setNueva(''); } }}>Agregar opción</Button>
        </Stack>
      </Stack>
    </Box>
  );
}

function CamposDelGrupo({ d, set }: { d: FieldDraft; set: (d: FieldDraft) => void }) {
  const [nuevo, setNuevo] = useState('');
  const [tipo, setTipo] = useState<FieldKind>('texto');
  return (
    <Box>
      <Typography sx={{ fontWeight: 600, mb: 1 }}>Datos de cada registro</Typography>
      <Stack spacing={1}>
        {d.items.map((s, i) => (
          <Stack key={i} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <TextField size="small" label={`Dato ${i + 1}`} value={s.title} onChange={(e) => set({ ...d, items: d.items.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)) })} sx={{ flex: 1 }} />
            <Chip label={kindName(s.kind)} />
            <FormControlLabel label="Obligatorio" control={<Checkbox checked={s.required} onChange={(e) => set({ ...d, items: d.items.map((x, j) => (j === i ? { ...x, required: e.target.checked } : x)) })} />} />
            <IconButton aria-label={`Quitar el dato ${s.title}`} onClick={() => set({ ...d, items: d.items.filter((_, j) => j !== i) })}><DeleteIcon /></IconButton>
          </Stack>
        ))}
        <Stack direction="row" spacing={1}>
          <TextField size="small" label="Nombre del dato" value={nuevo} onChange={(e) => setNuevo(e.target.value)} sx={{ flex: 1 }} />
          <TextField select size="small" label="Tipo del dato" value={tipo} onChange={(e) => setTipo(e.target.value as FieldKind)} sx={{ minWidth: 170 }}>
            {SIMPLE_KINDS.filter((k) => !['unica', 'multiple'].includes(k.id)).map((k) => <MenuItem key={k.id} value={k.id}>{k.nombre}</MenuItem>)}
          </TextField>
          <Button disabled={!nuevo.trim()} onClick={() => { set({ ...d, items: [...d.items, { ...emptyDraft(tipo), title: nuevo.trim() }] }); setNuevo(''); }}>Agregar dato</Button>
        </Stack>
      </Stack>
    </Box>
  );
}

function CampoDialog({ open, initial, steps, onClose, onSave, editingPath }: { open: boolean; initial: FieldDraft; steps: StepInfo[]; onClose: () => void; onSave: (d: FieldDraft) => void; editingPath?: string }) {
  const [d, set] = useState<FieldDraft>(initial);
  const conditionFields = steps.flatMap((s) => s.fields).filter((f) => (f.kind === 'sino' || f.kind === 'unica') && f.path !== editingPath);
  const cond = conditionFields.find((f) => f.path === d.visibleIf?.path);
  const showLimits = ['texto', 'numero', 'multiple', 'grupo'].includes(d.kind);
  const valid = d.title.trim().length > 0 && (!['unica', 'multiple'].includes(d.kind) || d.options.length > 0) && (d.kind !== 'grupo' || (d.items.length > 0 && d.itemTitle.trim().length > 0));
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="md" aria-labelledby="campo-titulo">
      <DialogTitle id="campo-titulo">{editingPath ? 'Editar pregunta' : 'Nueva pregunta'}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField label="Pregunta o nombre del dato" value={d.title} onChange={(e) => set({ ...d, title: e.target.value })} sx={{ flex: 2 }} autoFocus />
            <TextField select label="Tipo de respuesta" value={d.kind} onChange={(e) => set({ ...d, kind: e.target.value as FieldKind })} sx={{ flex: 1 }}>
              {FIELD_KINDS.map((k) => <MenuItem key={k.id} value={k.id}>{k.nombre}</MenuItem>)}
            </TextField>
          </Stack>
          <TextField label="Texto de ayuda (opcional)" value={d.description} onChange={(e) => set({ ...d, description: e.target.value })} />
          <FormControlLabel label="Respuesta obligatoria" control={<Checkbox checked={d.required} onChange={(e) => set({ ...d, required: e.target.checked })} />} />
          {d.kind === 'domicilio' && (
            <Typography color="text.secondary">
              La persona llena el mismo bloque de domicilio del CUIS: primero el código postal, que ofrece sus colonias y llena municipio y localidad (se guardan con sus claves), luego calle, números y referencias, y si quiere la ubicación de la casa.
            </Typography>
          )}
          {(d.kind === 'unica' || d.kind === 'multiple') && <OpcionesEditor d={d} set={set} />}
          {d.kind === 'grupo' && (
            <>
              <TextField label="Nombre de cada registro" value={d.itemTitle} onChange={(e) => set({ ...d, itemTitle: e.target.value })} helperText="Por ejemplo: Integrante, Contacto, Dependiente." />
              <CamposDelGrupo d={d} set={set} />
            </>
          )}
          {d.kind === 'numero' && (
            <TextField
              select
              label="Tipo de número"
              value={d.integer ? 'entero' : 'decimal'}
              onChange={(e) => set({ ...d, integer: e.target.value === 'entero' })}
              helperText={d.integer ? 'La persona solo puede escribir números sin decimales, como 3 o 1500.' : 'La persona puede escribir decimales, como 1250.50.'}
            >
              <MenuItem value="entero">Número entero (sin decimales)</MenuItem>
              <MenuItem value="decimal">Número con decimales</MenuItem>
            </TextField>
          )}
          {showLimits && (
            <Stack direction="row" spacing={2}>
              <TextField label={d.kind === 'numero' ? 'Valor mínimo' : d.kind === 'texto' ? 'Mínimo de caracteres' : 'Mínimo de registros'} type="number" value={d.min} onChange={(e) => set({ ...d, min: e.target.value })} sx={{ flex: 1 }} />
              <TextField label={d.kind === 'numero' ? 'Valor máximo' : d.kind === 'texto' ? 'Máximo de caracteres' : 'Máximo de registros'} type="number" value={d.max} onChange={(e) => set({ ...d, max: e.target.value })} sx={{ flex: 1 }} />
            </Stack>
          )}
          {d.kind === 'texto' && (
            <TextField select label="Formato" value={d.pattern} onChange={(e) => set({ ...d, pattern: e.target.value })} helperText="Restringe lo que se puede escribir.">
              <MenuItem value="">Cualquier texto</MenuItem>
              <MenuItem value="^[0-9]+$">Solo dígitos</MenuItem>
              <MenuItem value="^[0-9]{5}$">Código postal (5 dígitos)</MenuItem>
              <MenuItem value="^[A-ZÁÉÍÓÚÑ ]+$">Solo letras mayúsculas</MenuItem>
              {d.pattern && !['^[0-9]+$', '^[0-9]{5}$', '^[A-ZÁÉÍÓÚÑ ]+$'].includes(d.pattern) && <MenuItem value={d.pattern}>Formato personalizado</MenuItem>}
            </TextField>
          )}
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField select label="Mostrar esta pregunta" value={d.visibleIf?.path ?? ''} onChange={(e) => set({ ...d, visibleIf: e.target.value ? { path: e.target.value, value: 'true' } : null })} sx={{ flex: 2 }}>
              <MenuItem value="">Siempre</MenuItem>
              {conditionFields.map((f) => <MenuItem key={f.path} value={f.path}>Solo si «{String(f.schema.title ?? f.key)}» es…</MenuItem>)}
            </TextField>
            {cond && (
              <TextField select label="Valor que la muestra" value={d.visibleIf?.value ?? ''} onChange={(e) => set({ ...d, visibleIf: { path: cond.path, value: e.target.value } })} sx={{ flex: 1 }}>
                {cond.kind === 'sino'
                  ? [<MenuItem key="t" value="true">Sí</MenuItem>, <MenuItem key="f" value="false">No</MenuItem>]
                  : ((cond.schema.oneOf as Array<{ const: string; title: string }>) ?? []).map((o) => <MenuItem key={o.const} value={o.const}>{o.title}</MenuItem>)}
              </TextField>
            )}
          </Stack>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancelar</Button>
        <Button variant="contained" disabled={!valid} onClick={() => onSave(d)}>
          Guardar pregunta
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function FormularioSeccion() {
  const { def, update, fragmentos } = useEditor();
  const steps = useMemo(() => stepsOfDef(def, fragmentos), [def, fragmentos]);
  const municipios = useMemo(() => municipiosDe(fragmentos), [fragmentos]);
  const [editing, setEditing] = useState<{ step: StepInfo; path?: string; draft: FieldDraft } | null>(null);
  const [nuevoPaso, setNuevoPaso] = useState('');
  const [bloque, setBloque] = useState('');
  const used = new Set(steps.map((s) => s.cuis).filter(Boolean));
  return (
    <Seccion titulo="Formulario" ayuda="Los pasos que la persona llena, en orden. Los bloques CUIS son secciones estándar del Cuestionario Único de Información Socioeconómica; no se editan aquí.">
      <ErroresDe area="formulario" elemento="" />
      <ErroresDe area="formulario" elemento="pasos" />
      <Stack spacing={2}>
        {steps.map((step, i) => (
          <Paper key={`${i}-${step.seccion}`} variant="outlined" sx={{ p: 2 }} component="section" aria-label={`Paso ${i + 1}: ${step.label}`}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
              <Typography component="h3" sx={{ fontWeight: 700, fontSize: '1.1rem' }}>
                Paso {i + 1}:
              </Typography>
              {step.cuis ? (
                <>
                  <Typography sx={{ fontWeight: 700, fontSize: '1.1rem' }}>{step.label}</Typography>
                  <Chip size="small" color="secondary" label="Bloque CUIS" />
                </>
              ) : (
                <TextField size="small" label="Nombre del paso" value={step.label} onChange={(e) => update((d) => renameStep(d, i, e.target.value))} sx={{ flex: 1, minWidth: 280 }} />
              )}
              <Box sx={{ ml: 'auto', display: 'flex' }}>
                <IconButton aria-label={`Subir el paso ${step.label}`} disabled={i === 0} onClick={() => update((d) => moveStep(d, i, -1))}><ArrowUpIcon /></IconButton>
                <IconButton aria-label={`Bajar el paso ${step.label}`} disabled={i === steps.length - 1} onClick={() => update((d) => moveStep(d, i, 1))}><ArrowDownIcon /></IconButton>
                <IconButton aria-label={`Quitar el paso ${step.label}`} disabled={steps.length <= 1} onClick={() => window.confirm(`¿Quitar el paso «${step.label}» y sus preguntas?`) && update((d) => deleteStep(d, steps, i))}><DeleteIcon /></IconButton>
              </Box>
            </Stack>
            {step.cuis ? (
              <Typography color="text.secondary" sx={{ mt: 1 }}>
                Incluye: {step.blockFields.filter(Boolean).join(', ')}.
              </Typography>
            ) : (
              <>
                <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, mt: 1.5 }}>
                  {step.fields.map((f, j) => {
                    const title = String(f.schema.title ?? f.key);
                    const vis = visibleIfOf(f.control);
                    return (
                      <Box component="li" key={f.path} sx={{ borderTop: 1, borderColor: 'divider', py: 1 }}>
                        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                          <Typography sx={{ fontWeight: 600 }}>{title}</Typography>
                          <Chip size="small" label={f.kind === 'bloque' ? 'Bloque CUIS' : f.kind === 'numero' ? (f.schema.type === 'integer' ? 'Número entero' : 'Número con decimales') : kindName(f.kind)} />
                          {f.required && <Chip size="small" variant="outlined" label="Obligatoria" />}
                          {vis && <Chip size="small" variant="outlined" color="info" label="Condicional" />}
                          <Box sx={{ ml: 'auto', display: 'flex' }}>
                            <IconButton aria-label={`Editar ${title}`} disabled={f.kind === 'bloque' || f.kind === 'seccion'} onClick={() => setEditing({ step, path: f.path, draft: { ...schemaToDraft(f.schema, f.required, f.key), visibleIf: vis } })}><EditIcon /></IconButton>
                            <IconButton aria-label={`Subir ${title}`} disabled={j === 0} onClick={() => update((d) => moveField(d, step, f.path, -1))}><ArrowUpIcon /></IconButton>
                            <IconButton aria-label={`Bajar ${title}`} disabled={j === step.fields.length - 1} onClick={() => update((d) => moveField(d, step, f.path, 1))}><ArrowDownIcon /></IconButton>
                            <IconButton aria-label={`Quitar ${title}`} onClick={() => update((d) => deleteField(d, step, f.path))}><DeleteIcon /></IconButton>
                          </Box>
                        </Stack>
                        <ErroresDe area="formulario" elemento={f.path} prefijo />
                      </Box>
                    );
                  })}
                </Box>
                {step.fields.length === 0 && <Typography color="text.secondary" sx={{ my: 1 }}>Este paso aún no tiene preguntas.</Typography>}
                <Button sx={{ mt: 1 }} startIcon={<AddIcon aria-hidden="true" />} onClick={() => setEditing({ step, draft: emptyDraft() })} aria-label={`Agregar pregunta al paso ${step.label}`}>
                  Agregar pregunta
                </Button>
              </>
            )}
          </Paper>
        ))}
      </Stack>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ mt: 3 }}>
        <Stack direction="row" spacing={1} sx={{ flex: 1, alignItems: 'flex-start' }}>
          <TextField size="small" label="Nombre del nuevo paso" value={nuevoPaso} onChange={(e) => setNuevoPaso(e.target.value)} sx={{ flex: 1 }} />
          <Button variant="outlined" startIcon={<AddIcon aria-hidden="true" />} disabled={nuevoPaso.trim().length < 2} onClick={() => { update((d) => addStep(d, nuevoPaso.trim())); setNuevoPaso(''); }}>
            Agregar paso
          </Button>
        </Stack>
        <Stack direction="row" spacing={1} sx={{ flex: 1, alignItems: 'flex-start' }}>
          <TextField select size="small" label="Bloque CUIS" value={bloque} onChange={(e) => setBloque(e.target.value)} sx={{ flex: 1 }}>
            {CUIS_BLOCKS.filter((b) => !used.has(b.id)).map((b) => <MenuItem key={b.id} value={b.id}>{b.nombre}: {b.descripcion}</MenuItem>)}
          </TextField>
          <Button variant="outlined" startIcon={<AddIcon aria-hidden="true" />} disabled={!bloque} onClick={() => { update((d) => addCuisStep(d, bloque)); setBloque(''); }}>
            Agregar bloque CUIS
          </Button>
        </Stack>
      </Stack>
      {editing && (
        <CampoDialog
          open
          initial={editing.draft}
          steps={steps}
          editingPath={editing.path}
          onClose={() => setEditing(null)}
          onSave={(draft) => {
            update((d) => saveField(d, editing.step, draft, municipios, editing.path));
            setEditing(null);
          }}
        />
      )}
    </Seccion>
  );
}
