import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import type { Json } from '../../runtime/web/src/api.ts';
import { formatMoney } from '../../runtime/web/src/format.ts';
import { ErroresDe, Seccion, useEditor } from './comun.tsx';
import { DateParts } from '../../runtime/web/src/components/DateParts.tsx';
import type { AreaDelArbol } from './api.ts';
import { clone, municipiosDe, setIn, slug, unique, type Def, type Group, type Workflow } from './model.ts';
import { CondicionEditor, condicionDesde } from './Requisitos.tsx';
import { CuposPorLocalidad } from './CuposLocalidad.tsx';

const PERIODOS = [
  { id: 'unica', nombre: 'Una sola vez' },
  { id: 'mensual', nombre: 'Mensual' },
  { id: 'bimestral', nombre: 'Bimestral' },
  { id: 'semestral', nombre: 'Semestral' },
  { id: 'anual', nombre: 'Anual' },
];
const TIPOS_APOYO = [
  { id: 'monetario', nombre: 'Económico (dinero)' },
  { id: 'especie', nombre: 'En especie' },
  { id: 'servicio', nombre: 'Servicio' },
];

export function GeneralSeccion() {
  const { def, update, nuevaVersion, areas } = useEditor();
  const apoyos = (def.supportTypes as Json[]) ?? [];
  const setName = (name: string) =>
    update((d) => {
      let n = setIn(d, ['name'], name);
      // A new program takes its key from its name until it is published.
      if (!nuevaVersion && (d.id === 'programa-nuevo' || d.id === slug(String(d.name ?? '')))) n = setIn(n, ['id'], slug(name || 'programa nuevo'));
      return n;
    });
  return (
    <Seccion titulo="Datos generales" ayuda="Cómo se llama el programa, quién lo opera y qué apoyos entrega.">
      <ErroresDe area="general" elemento="" />
      <Stack spacing={2.5} sx={{ maxWidth: 720 }}>
        <TextField label="Nombre del programa" value={String(def.name ?? '')} onChange={(e) => setName(e.target.value)} required />
        <ErroresDe area="general" elemento="name" />
        <TextField label="Clave del programa" value={String(def.id ?? '')} disabled={nuevaVersion} onChange={(e) => update((d) => setIn(d, ['id'], slug(e.target.value || 'programa')))} helperText={nuevaVersion ? 'La clave no cambia entre versiones.' : 'Se usa en la dirección web del programa; se toma del nombre.'} />
        <ErroresDe area="general" elemento="id" />
        <TextField label="Descripción" multiline minRows={3} value={String(def.description ?? '')} onChange={(e) => update((d) => setIn(d, ['description'], e.target.value || undefined))} helperText="Lo que la ciudadanía lee al conocer el programa." />
        <ErroresDe area="general" elemento="description" />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField label="Dependencia (siglas)" value={String(def.dependencia ?? '')} onChange={(e) => update((d) => setIn(d, ['dependencia'], e.target.value.toUpperCase()))} helperText="Por ejemplo, SEDESOQ." sx={{ flex: 1 }} />
          <AreaResponsable value={String(def.area ?? '')} areas={areas} onChange={(area) => update((d) => setIn(d, ['area'], area))} />
        </Stack>
        <ErroresDe area="general" elemento="dependencia" />
        <ErroresDe area="general" elemento="area" />
        <TextField label="Prefijo del folio" value={String(def.folioPrefix ?? '')} onChange={(e) => update((d) => setIn(d, ['folioPrefix'], e.target.value.toUpperCase().replace(/[^A-Z]/g, '')))} helperText={`De 2 a 8 letras. Los folios quedan así: 12/01/2027-${String(def.folioPrefix ?? 'PREFIJO')}-1`} sx={{ maxWidth: 320 }} />
        <ErroresDe area="general" elemento="folioPrefix" />
      </Stack>
      <Typography variant="h3" sx={{ mt: 4, mb: 1 }}>Tipos de apoyo</Typography>
      <Stack spacing={2}>
        {apoyos.map((a, i) => (
          <Paper key={i} variant="outlined" sx={{ p: 2 }} aria-label={`Tipo de apoyo ${i + 1}`} role="group">
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'flex-start' } }}>
              <TextField label="Nombre del apoyo" value={String(a.name ?? '')} onChange={(e) => update((d) => setIn(setIn(d, ['supportTypes', i, 'name'], e.target.value), ['supportTypes', i, 'id'], a.id && apoyos.length > 0 && String(a.id) !== slug(String(a.name ?? '')) ? a.id : slug(e.target.value || 'apoyo')))} sx={{ flex: 2 }} />
              <TextField select label="Tipo" value={String(a.kind ?? 'monetario')} onChange={(e) => update((d) => setIn(d, ['supportTypes', i, 'kind'], e.target.value))} sx={{ flex: 1, minWidth: 170 }}>
                {TIPOS_APOYO.map((t) => <MenuItem key={t.id} value={t.id}>{t.nombre}</MenuItem>)}
              </TextField>
              <TextField label="Monto en pesos" type="number" value={a.amount === undefined ? '' : String(a.amount)} onChange={(e) => update((d) => setIn(d, ['supportTypes', i, 'amount'], e.target.value === '' ? undefined : Number(e.target.value)))} helperText={typeof a.amount === 'number' ? formatMoney(a.amount) : ' '} sx={{ flex: 1, minWidth: 140 }} />
              <TextField select label="Periodicidad" value={String(a.periodicity ?? 'unica')} onChange={(e) => update((d) => setIn(d, ['supportTypes', i, 'periodicity'], e.target.value))} sx={{ flex: 1, minWidth: 150 }}>
                {PERIODOS.map((t) => <MenuItem key={t.id} value={t.id}>{t.nombre}</MenuItem>)}
              </TextField>
              <IconButton aria-label={`Quitar el apoyo ${String(a.name ?? i + 1)}`} disabled={apoyos.length <= 1} onClick={() => update((d) => setIn(d, ['supportTypes'], apoyos.filter((_, j) => j !== i)))}>
                <DeleteIcon />
              </IconButton>
            </Stack>
            <ErroresDe area="general" elemento={`apoyo:${String(a.id)}`} />
          </Paper>
        ))}
      </Stack>
      <Button sx={{ mt: 2 }} startIcon={<AddIcon aria-hidden="true" />} onClick={() => update((d) => setIn(d, ['supportTypes', apoyos.length], { id: unique('apoyo', apoyos.map((a) => String(a.id)), '-'), name: 'Apoyo', kind: 'monetario', amount: 1000, periodicity: 'unica' }))}>
        Agregar tipo de apoyo
      </Button>
    </Seccion>
  );
}

/** Each area with its depth in the tree, for an indented picker (parents come before their children). */
function conNivel(areas: readonly AreaDelArbol[]): Array<AreaDelArbol & { nivel: number }> {
  const nivel = new Map<string, number>();
  return areas.map((a) => {
    const n = a.padreId && nivel.has(a.padreId) ? nivel.get(a.padreId)! + 1 : 0;
    nivel.set(a.id, n);
    return { ...a, nivel: n };
  });
}

/** «Área responsable»: a pick from the area tree (the officials of that area and those above it see its applications). */
function AreaResponsable({ value, areas, onChange }: { value: string; areas: readonly AreaDelArbol[]; onChange: (area: string) => void }) {
  const desconocida = value !== '' && !areas.some((a) => a.id === value);
  return (
    <TextField select label="Área responsable" value={desconocida ? '' : value} onChange={(e) => onChange(e.target.value)} helperText={desconocida ? `El área «${value}» no existe; elige una del árbol.` : 'Solo los funcionarios de esta área (y de las áreas superiores) ven las solicitudes.'} error={desconocida} sx={{ flex: 2 }}>
      {conNivel(areas).map((a) => (
        <MenuItem key={a.id} value={a.id} sx={{ pl: 2 + a.nivel * 2.5 }}>
          {a.nombre}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** `2027-01-11T09:00:00-06:00` ⇄ the date part; times are fixed (opens 00:00, closes 23:59:59, Mexico City). */
const datePart = (iso: unknown) => (typeof iso === 'string' ? iso.slice(0, 10) : '');

export function ConvocatoriaSeccion() {
  const { def, update, fragmentos } = useEditor();
  const conv = (def.convocatoria ?? {}) as Json;
  const quotas = (conv.quotas ?? {}) as Json;
  const byMun = (quotas.byMunicipio ?? {}) as Record<string, number>;
  const municipios = municipiosDe(fragmentos);
  const [mun, setMun] = useState('');
  const setQuota = (key: string, value: number | undefined) => update((d) => setIn(d, ['convocatoria', 'quotas', 'byMunicipio', key], value));
  return (
    <Seccion titulo="Convocatoria" ayuda="Fechas en que se reciben solicitudes (hora del centro de México) y cuántos apoyos hay.">
      <ErroresDe area="convocatoria" />
      <Stack spacing={2.5} sx={{ maxWidth: 560 }}>
        <Box sx={{ flex: 1 }}>
          <DateParts id="conv-abre" label="Abre el" required value={datePart(conv.opensAt) || undefined} onChange={(v) => v && update((d) => setIn(d, ['convocatoria', 'opensAt'], `${v}T00:00:00-06:00`))} help="Desde las 00:00 h" />
        </Box>
        <Box sx={{ flex: 1 }}>
          <DateParts id="conv-cierra" label="Cierra el" required value={datePart(conv.closesAt) || undefined} onChange={(v) => v && update((d) => setIn(d, ['convocatoria', 'closesAt'], `${v}T23:59:59-06:00`))} help="Hasta las 23:59 h" />
        </Box>
        <Box sx={{ flex: 1 }}>
          <DateParts id="conv-edad" label="Fecha para calcular la edad" value={datePart(conv.referenceDate) || undefined} onChange={(v) => update((d) => setIn(d, ['convocatoria', 'referenceDate'], v))} help="Opcional; si falta, la del día de la solicitud" />
        </Box>
      </Stack>
      <Typography variant="h3" sx={{ mt: 4, mb: 1 }}>Cupos</Typography>
      <TextField label="Cupo total" type="number" value={quotas.total === undefined ? '' : String(quotas.total)} onChange={(e) => update((d) => setIn(d, ['convocatoria', 'quotas', 'total'], e.target.value === '' ? undefined : Math.max(1, Math.round(Number(e.target.value)))))} helperText="Número de apoyos disponibles en toda la convocatoria." sx={{ maxWidth: 320 }} />
      <Typography sx={{ mt: 3, mb: 1, fontWeight: 600 }}>Cupo por municipio (opcional)</Typography>
      <Stack spacing={1} sx={{ maxWidth: 560 }}>
        {Object.entries(byMun).map(([clave, n]) => (
          <Stack key={clave} direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography sx={{ flex: 1 }}>{municipios.find((m) => m.const === clave)?.title ?? clave}</Typography>
            <TextField size="small" type="number" label={`Cupo de ${municipios.find((m) => m.const === clave)?.title ?? clave}`} value={String(n)} onChange={(e) => setQuota(clave, Math.max(0, Math.round(Number(e.target.value) || 0)))} sx={{ width: 200 }} />
            <IconButton aria-label={`Quitar el cupo de ${municipios.find((m) => m.const === clave)?.title ?? clave}`} onClick={() => setQuota(clave, undefined)}>
              <DeleteIcon />
            </IconButton>
          </Stack>
        ))}
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <TextField select size="small" label="Municipio" value={mun} onChange={(e) => setMun(e.target.value)} sx={{ flex: 1 }}>
            {municipios.filter((m) => !(m.const in byMun)).map((m) => <MenuItem key={m.const} value={m.const}>{m.title}</MenuItem>)}
          </TextField>
          <Button variant="outlined" disabled={!mun} onClick={() => { setQuota(mun, 10); setMun(''); }}>Agregar cupo del municipio</Button>
        </Stack>
      </Stack>
      <Typography sx={{ mt: 3, mb: 1, fontWeight: 600 }}>Cupo por localidad (opcional)</Typography>
      <CuposPorLocalidad cupos={(quotas.byLocalidad ?? {}) as Record<string, number>} municipios={municipios} onChange={(clave, n) => update((d) => setIn(d, ['convocatoria', 'quotas', 'byLocalidad', clave], n))} />
    </Seccion>
  );
}

const TIPOS_ARCHIVO = [
  { id: 'application/pdf', nombre: 'PDF' },
  { id: 'image/jpeg', nombre: 'JPG' },
  { id: 'image/png', nombre: 'PNG' },
  { id: 'image/webp', nombre: 'WEBP' },
  { id: 'image/heic', nombre: 'HEIC (iPhone)' },
];

export function DocumentosSeccion() {
  const { def, update, formulario } = useEditor();
  const docs = (def.documents as Json[]) ?? [];
  const set = (i: number, key: string, value: unknown) => update((d) => setIn(d, ['documents', i, key], value));
  return (
    <Seccion titulo="Documentos" ayuda="Lo que la persona sube con su solicitud. Puede pedirse siempre, ser opcional o pedirse solo cuando se cumple una condición.">
      <ErroresDe area="documentos" elemento="" />
      <Stack spacing={2}>
        {docs.map((doc, i) => {
          const modo = doc.requiredIf !== undefined ? 'condicion' : doc.required ? 'siempre' : 'opcional';
          const accept = (doc.accept as string[]) ?? [];
          const nombre = String(doc.label ?? `Documento ${i + 1}`);
          return (
            <Paper key={i} variant="outlined" sx={{ p: 2 }} role="group" aria-label={`Documento: ${nombre}`}>
              <Stack spacing={2}>
                <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
                  <TextField label="Nombre del documento" value={String(doc.label ?? '')} onChange={(e) => set(i, 'label', e.target.value)} sx={{ flex: 2 }} />
                  {/* Empty while the planner retypes it (snapping back to 1 turned «3» into «13»); the loader asks for it if left empty. */}
                  <TextField label="Tamaño máximo (MB)" type="number" value={doc.maxBytes === undefined ? '' : String(Math.round(Number(doc.maxBytes) / 1048576))} onChange={(e) => set(i, 'maxBytes', e.target.value === '' ? undefined : Math.max(1, Math.min(20, Math.round(Number(e.target.value)) || 1)) * 1048576)} sx={{ flex: 1 }} helperText="Hasta 20 MB" />
                  <TextField select label="¿Es obligatorio?" value={modo} onChange={(e) => update((d) => {
                    let n = setIn(d, ['documents', i, 'required'], e.target.value === 'siempre' ? true : e.target.value === 'opcional' ? false : undefined);
                    n = setIn(n, ['documents', i, 'requiredIf'], e.target.value === 'condicion' ? { '>=': [{ var: 'solicitante.edad' }, 18] } : undefined);
                    return n;
                  })} sx={{ flex: 1, minWidth: 200 }}>
                    <MenuItem value="siempre">Siempre</MenuItem>
                    <MenuItem value="opcional">Opcional</MenuItem>
                    <MenuItem value="condicion">Solo si se cumple una condición</MenuItem>
                  </TextField>
                  <IconButton aria-label={`Quitar el documento ${nombre}`} onClick={() => update((d) => setIn(d, ['documents'], docs.filter((_, j) => j !== i)))}>
                    <DeleteIcon />
                  </IconButton>
                </Stack>
                <TextField label="Instrucciones para la persona (opcional)" value={String(doc.description ?? '')} onChange={(e) => set(i, 'description', e.target.value || undefined)} />
                <FormControl component="fieldset">
                  <FormLabel component="legend">Tipos de archivo aceptados</FormLabel>
                  <FormGroup row>
                    {TIPOS_ARCHIVO.map((t) => (
                      <FormControlLabel key={t.id} label={t.nombre} control={<Checkbox checked={accept.includes(t.id)} onChange={(e) => set(i, 'accept', e.target.checked ? [...accept, t.id] : accept.filter((x) => x !== t.id))} />} />
                    ))}
                  </FormGroup>
                </FormControl>
                {modo === 'condicion' && (
                  <Box>
                    <Typography sx={{ fontWeight: 600, mb: 1 }}>Se pide cuando:</Typography>
                    <CondicionEditor value={condicionDesde(doc.requiredIf)} schema={formulario.schema} onChange={(g: Group, logic) => { void g; set(i, 'requiredIf', logic); }} />
                  </Box>
                )}
                <ErroresDe area="documentos" elemento={String(doc.id)} />
              </Stack>
            </Paper>
          );
        })}
      </Stack>
      <NuevoDocumento onAdd={(label) => update((d) => setIn(d, ['documents', docs.length], { id: unique(slug(label), docs.map((x) => String(x.id)), '-'), label, accept: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 5 * 1048576, required: true }))} />
    </Seccion>
  );
}

function NuevoDocumento({ onAdd }: { onAdd: (label: string) => void }) {
  const [label, setLabel] = useState('');
  return (
    <Stack direction="row" spacing={2} sx={{ mt: 3, alignItems: 'flex-start', maxWidth: 720 }}>
      <TextField label="Nombre del nuevo documento" value={label} onChange={(e) => setLabel(e.target.value)} sx={{ flex: 1 }} size="small" />
      <Button variant="outlined" startIcon={<AddIcon aria-hidden="true" />} disabled={label.trim().length < 3} onClick={() => { onAdd(label.trim()); setLabel(''); }}>
        Agregar documento
      </Button>
    </Stack>
  );
}

const MARCADORES = [
  { id: 'folio', nombre: 'Folio' },
  { id: 'nombre', nombre: 'Nombre' },
  { id: 'programa', nombre: 'Programa' },
  { id: 'estado', nombre: 'Estado' },
  { id: 'comentario', nombre: 'Comentario' },
  { id: 'apoyo', nombre: 'Apoyo' },
  { id: 'monto', nombre: 'Monto' },
  { id: 'fecha', nombre: 'Fecha' },
];

export function MensajesSeccion() {
  const { def, update } = useEditor();
  const notes = (def.notifications as Json[]) ?? [];
  const wf = def.workflow as unknown as Workflow;
  const set = (i: number, key: string, value: unknown) => update((d) => setIn(d, ['notifications', i, key], value));
  const cuando = (n: Json) => (typeof n.state === 'string' ? `estado:${n.state}` : `evento:${String(n.event ?? '')}`);
  return (
    <Seccion titulo="Mensajes SMS" ayuda="Qué mensaje recibe la persona y cuándo. Toca un marcador para insertarlo: se reemplaza por el dato de cada solicitud.">
      <ErroresDe area="notificaciones" elemento="" />
      <Stack spacing={2}>
        {notes.map((n, i) => {
          const sms = String(n.sms ?? '');
          const id = `sms-${i}`;
          return (
            <Paper key={i} variant="outlined" sx={{ p: 2 }} role="group" aria-label={`Mensaje ${i + 1}`}>
              <Stack spacing={1.5}>
                <Stack direction="row" spacing={2}>
                  <TextField select label="Se envía" value={cuando(n)} size="small" sx={{ flex: 1 }} onChange={(e) => update((d) => {
                    const [k, v] = e.target.value.split(':');
                    let x = setIn(d, ['notifications', i, 'state'], k === 'estado' ? v : undefined);
                    x = setIn(x, ['notifications', i, 'event'], k === 'evento' ? v : undefined);
                    return x;
                  })}>
                    {Object.entries(wf.states ?? {}).map(([sid, s]) => <MenuItem key={sid} value={`estado:${sid}`}>Al llegar a «{s.label}»</MenuItem>)}
                    {Object.entries(wf.events ?? {}).map(([eid, e]) => <MenuItem key={eid} value={`evento:${eid}`}>Cuando alguien usa «{e.label}»</MenuItem>)}
                  </TextField>
                  <IconButton aria-label={`Quitar el mensaje ${i + 1}`} onClick={() => update((d) => setIn(d, ['notifications'], notes.filter((_, j) => j !== i)))}>
                    <DeleteIcon />
                  </IconButton>
                </Stack>
                <TextField id={id} label="Texto del mensaje" multiline minRows={2} value={sms} onChange={(e) => set(i, 'sms', e.target.value)} helperText={`${sms.length} de 320 caracteres`} />
                <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }} role="group" aria-label="Marcadores">
                  {MARCADORES.map((m) => (
                    <Chip key={m.id} label={`{{${m.id}}} ${m.nombre}`} variant="outlined" onClick={() => set(i, 'sms', `${sms}${sms.endsWith(' ') || !sms ? '' : ' '}{{${m.id}}}`)} />
                  ))}
                </Box>
                <ErroresDe area="notificaciones" elemento={String(n.id)} />
              </Stack>
            </Paper>
          );
        })}
      </Stack>
      <Button sx={{ mt: 2 }} startIcon={<AddIcon aria-hidden="true" />} onClick={() => update((d) => setIn(d, ['notifications', notes.length], { id: unique('mensaje', notes.map((x) => String(x.id)), '-'), state: wf.initial, sms: 'SIPROS: recibimos tu solicitud {{folio}} de {{programa}}.' }))}>
        Agregar mensaje
      </Button>
    </Seccion>
  );
}
