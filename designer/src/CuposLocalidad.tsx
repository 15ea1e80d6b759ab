import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import { useLoad } from '../../runtime/web/src/hooks.ts';
import { disenador, type LocalidadRef } from './api.ts';

interface Municipio {
  const: string;
  title: string;
}

const AMBITO: Record<string, string> = { U: 'urbana', R: 'rural' };

/** «Mesillas (rural, 220010025)»: two localidades of one municipio may share a name, never a clave. */
function localidadLabel(l: LocalidadRef): string {
  return `${l.nombre} (${l.ambito ? `${AMBITO[l.ambito]}, ` : ''}${l.clave})`;
}

/**
 * «Cupo por localidad»: places per INEGI localidad, chosen by municipio and then typed ahead among that
 * municipio's localidades in the catalog in force (the one the address control fills claves from).
 */
export function CuposPorLocalidad({ cupos, municipios, onChange }: { cupos: Record<string, number>; municipios: Municipio[]; onChange: (clave: string, places: number | undefined) => void }) {
  const [municipio, setMunicipio] = useState('');
  const [localidad, setLocalidad] = useState<LocalidadRef | null>(null);
  const delMunicipio = useLoad(() => (municipio ? disenador.localidades(municipio) : Promise.resolve([])), [municipio]);
  // The names of the localidades that already have a quota: the catalog of each of their municipios.
  const conCupo = [...new Set(Object.keys(cupos).map((clave) => clave.slice(0, 5)))].sort().join(',');
  const nombres = useLoad(async () => {
    const listas = await Promise.all(conCupo.split(',').filter(Boolean).map((m) => disenador.localidades(m)));
    return new Map(listas.flat().map((l) => [l.clave, l]));
  }, [conCupo]);
  const municipioDe = (clave: string) => municipios.find((m) => m.const === clave.slice(0, 5))?.title ?? clave.slice(0, 5);
  const nombreDe = (clave: string) => {
    const l = nombres.data?.get(clave);
    return l ? `${l.nombre}, ${municipioDe(clave)}` : `Localidad ${clave}, ${municipioDe(clave)}`;
  };
  return (
    <Stack spacing={1} sx={{ maxWidth: 560 }}>
      {nombres.error && <Alert severity="warning">No se pudieron leer los nombres de las localidades: {nombres.error}</Alert>}
      {Object.entries(cupos).map(([clave, n]) => (
        <Stack key={clave} direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Typography sx={{ flex: 1 }}>{nombreDe(clave)}</Typography>
          <TextField size="small" type="number" label={`Cupo de ${nombreDe(clave)}`} value={String(n)} onChange={(e) => onChange(clave, Math.max(0, Math.round(Number(e.target.value) || 0)))} sx={{ width: 200 }} />
          <IconButton aria-label={`Quitar el cupo de ${nombreDe(clave)}`} onClick={() => onChange(clave, undefined)}>
            <DeleteIcon />
          </IconButton>
        </Stack>
      ))}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
        <TextField select size="small" label="Municipio de la localidad" value={municipio} onChange={(e) => { setMunicipio(e.target.value); setLocalidad(null); }} sx={{ flex: 1 }}>
          {municipios.map((m) => <MenuItem key={m.const} value={m.const}>{m.title}</MenuItem>)}
        </TextField>
        <Autocomplete
          size="small"
          sx={{ flex: 1.5 }}
          disabled={!municipio}
          options={(delMunicipio.data ?? []).filter((l) => !(l.clave in cupos))}
          loading={Boolean(municipio) && !delMunicipio.data && !delMunicipio.error}
          value={localidad}
          onChange={(_, l) => setLocalidad(l)}
          getOptionLabel={localidadLabel}
          isOptionEqualToValue={(a, b) => a.clave === b.clave}
          noOptionsText="El catálogo no tiene localidades de este municipio."
          loadingText="Buscando localidades…"
          renderInput={(params) => <TextField {...params} label="Localidad" helperText={delMunicipio.error ?? 'Escribe parte del nombre.'} error={Boolean(delMunicipio.error)} />}
        />
        <Button variant="outlined" disabled={!localidad} onClick={() => { if (localidad) onChange(localidad.clave, 10); setLocalidad(null); }}>
          Agregar cupo de la localidad
        </Button>
      </Stack>
    </Stack>
  );
}
