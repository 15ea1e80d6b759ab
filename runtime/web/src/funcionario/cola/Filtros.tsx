/** The queue's filters (Apoyo, Proceso, Estado, order), the search box and the saved filters. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';
import { SelectField } from '../common.tsx';
import { FILTER_KEYS, ORDENES } from './filtros.ts';
import { FiltrosGuardados } from './FiltrosGuardados.tsx';
import type { Cola } from './useCola.ts';

function Listas({ c }: { c: Cola }) {
  const { filtros, cambiar } = c;
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: 'repeat(4, minmax(0, 1fr))' } }}>
      <SelectField
        id="filtro-programa"
        label="Apoyo"
        size="small"
        value={filtros.programa ?? ''}
        onChange={(e) => cambiar('programa', e.target.value)}
        placeholder="Todos los apoyos"
        options={(c.programas ?? []).map((p) => ({ value: p.id, label: p.nombre }))}
      />
      <SelectField id="filtro-proceso" label="Proceso" size="small" value={filtros.proceso ?? ''} onChange={(e) => cambiar('proceso', e.target.value)} placeholder="Todos los procesos" options={c.procesos} />
      <SelectField id="filtro-estado" label="Estado" size="small" value={filtros.estado ?? ''} onChange={(e) => cambiar('estado', e.target.value)} placeholder="Todos los estados" options={c.estados} />
      <SelectField id="filtro-orden" label="Ordenar por" size="small" value={filtros.orden ?? 'fecha_desc'} onChange={(e) => cambiar('orden', e.target.value === 'fecha_desc' ? '' : e.target.value)} options={ORDENES} />
    </Box>
  );
}

function Busqueda({ c, datosPersonales }: { c: Cola; datosPersonales: boolean }) {
  const hayFiltros = FILTER_KEYS.some((k) => k !== 'orden' && c.filtros[k]);
  return (
    <Box component="form" role="search" aria-label="Buscar solicitudes" onSubmit={c.buscar} sx={{ display: 'flex', gap: 1.5, mt: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <TextField
        id="filtro-q"
        label="Buscar"
        size="small"
        value={c.q}
        onChange={(e) => c.setQ(e.target.value)}
        helperText={datosPersonales ? 'CURP (18 caracteres), folio o nombre.' : 'Folio (tu rol no incluye datos personales).'}
        sx={{ flex: '1 1 260px', maxWidth: 520 }}
        slotProps={{ htmlInput: { spellCheck: false, maxLength: 120 } }}
      />
      <Button type="submit" variant="contained" startIcon={<SearchIcon aria-hidden="true" />}>
        Buscar
      </Button>
      {hayFiltros && (
        <Button variant="text" onClick={c.quitarFiltros}>
          Quitar filtros
        </Button>
      )}
    </Box>
  );
}

export function FiltrosDeLaCola({ c, datosPersonales }: { c: Cola; datosPersonales: boolean }) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby="filtros-titulo" sx={{ p: { xs: 2, sm: 2.5 }, mb: 3 }}>
      <Typography variant="h2" id="filtros-titulo" sx={{ fontSize: '1.2rem', mb: 2 }}>
        Filtros
      </Typography>
      <Listas c={c} />
      <Busqueda c={c} datosPersonales={datosPersonales} />
      <FiltrosGuardados filtros={c.filtros} onAplicar={c.aplicar} />
    </Paper>
  );
}
