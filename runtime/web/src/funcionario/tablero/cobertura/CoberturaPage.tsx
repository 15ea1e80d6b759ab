/**
 * «Cobertura por territorio»: where the padrón's people and supports are, from the state to a municipio,
 * to a localidad and its colonias, per 1,000 inhabitants (Censo 2020), by program and period. The view
 * lives in the URL, so a reload, the browser's back button or a shared link keep it.
 */
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { request } from '../../../api.ts';
import { ErrorAlert, Loading, Page } from '../../../components/common.tsx';
import { useLoad } from '../../../hooks.ts';
import { SelectField } from '../../common.tsx';
import type { Feature } from '../tablero.ts';
import { coberturaApi, type CoberturaEstado, type Vista } from './api.ts';
import { enlace, vistaDe } from './cobertura.ts';
import { NivelEstado, NivelLocalidad, NivelMunicipio } from './Niveles.tsx';

const campo = { flex: '1 1 200px', maxWidth: { sm: 280 } };

function Filtros({ vista, programas, onAplicar }: { vista: Vista; programas: CoberturaEstado['programas']; onAplicar: (v: Vista) => void }) {
  const [programa, setPrograma] = useState(vista.programa);
  const [desde, setDesde] = useState(vista.desde);
  const [hasta, setHasta] = useState(vista.hasta);
  const aplicar = (e: FormEvent) => {
    e.preventDefault();
    onAplicar({ ...vista, programa, desde, hasta });
  };
  return (
    <Box component="form" noValidate onSubmit={aplicar} aria-label="Filtros de la cobertura" sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start', mb: 3 }}>
      <SelectField id="cobertura-programa" label="Programa" value={programa} onChange={(e) => setPrograma(e.target.value)} placeholder="Todos los programas que puedes ver" options={programas.map((p) => ({ value: p.clave, label: p.nombre }))} sx={campo} />
      <TextField id="cobertura-desde" label="Apoyos desde" type="date" value={desde} onChange={(e) => setDesde(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} sx={campo} />
      <TextField id="cobertura-hasta" label="Apoyos hasta" type="date" value={hasta} onChange={(e) => setHasta(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} sx={campo} />
      <Button type="submit" variant="contained" sx={{ mt: 1 }}>
        Aplicar filtros
      </Button>
    </Box>
  );
}

function Migas({ vista, municipio, localidad }: { vista: Vista; municipio?: string; localidad?: string }) {
  const estado = enlace({ ...vista, municipio: '', localidad: '' });
  const enMunicipio = enlace({ ...vista, localidad: '' });
  return (
    <Breadcrumbs aria-label="Nivel del territorio" sx={{ mb: 2, fontSize: '1.05rem' }}>
      {vista.municipio ? (
        <Link component={RouterLink} to={estado}>
          Estado de Querétaro
        </Link>
      ) : (
        <Typography aria-current="page">Estado de Querétaro</Typography>
      )}
      {vista.municipio &&
        (vista.localidad ? (
          <Link component={RouterLink} to={enMunicipio}>
            {municipio ?? vista.municipio}
          </Link>
        ) : (
          <Typography aria-current="page">{municipio ?? vista.municipio}</Typography>
        ))}
      {vista.localidad && <Typography aria-current="page">{localidad ?? vista.localidad}</Typography>}
    </Breadcrumbs>
  );
}

/** Loads the levels the view needs: the state (for its programs), the municipio (for its localidades' points) and the localidad. */
function useNiveles(vista: Vista) {
  const filtro = [vista.programa, vista.desde, vista.hasta];
  const estado = useLoad(() => coberturaApi.estado(vista), filtro);
  const municipio = useLoad(() => (vista.municipio ? coberturaApi.municipio(vista) : Promise.resolve(null)), [...filtro, vista.municipio]);
  const localidad = useLoad(() => (vista.localidad ? coberturaApi.localidad(vista) : Promise.resolve(null)), [...filtro, vista.localidad]);
  const geo = useLoad(() => request<{ features: Feature[] }>('GET', '/catalogos/municipios-qro.geojson'), []);
  return { estado, municipio, localidad, geo };
}

export function CoberturaPage() {
  const [params, setParams] = useSearchParams();
  const vista = vistaDe(params);
  const { estado, municipio, localidad, geo } = useNiveles(vista);
  const error = estado.error ?? municipio.error ?? localidad.error ?? geo.error;
  const feature = geo.data?.features.find((f) => f.properties.cve_geo === vista.municipio);
  const cargando = !error && (!estado.data || !geo.data || (vista.municipio && !municipio.data) || (vista.localidad && !localidad.data));
  const nivel = vista.localidad ? 'localidad' : vista.municipio ? 'municipio' : 'estado';
  return (
    <Page title="Cobertura por territorio" lead="Dónde viven las personas con apoyo del padrón estatal: por municipio, localidad y colonia, y cuántas hay por cada 1,000 habitantes (Censo 2020 del INEGI).">
      <Box sx={{ mb: 2 }}>
        <Link component={RouterLink} to="/funcionario/tablero">
          Volver al tablero
        </Link>
      </Box>
      {estado.data && <Filtros key={`${vista.programa}/${vista.desde}/${vista.hasta}`} vista={vista} programas={estado.data.programas} onAplicar={(v) => setParams(new URLSearchParams(enlace(v)))} />}
      <Paper variant="outlined" component="section" aria-labelledby="cobertura-nivel" sx={{ p: { xs: 1.5, sm: 3 } }}>
        <Migas vista={vista} municipio={municipio.data?.municipio.nombre} localidad={localidad.data?.localidad.nombre} />
        <Typography variant="h2" id="cobertura-nivel" sx={{ fontSize: '1.25rem', mb: 1 }}>
          {nivel === 'estado' ? 'Municipios del estado' : nivel === 'municipio' ? `Localidades de ${municipio.data?.municipio.nombre ?? 'el municipio'}` : `Colonias de ${localidad.data?.localidad.nombre ?? 'la localidad'}`}
        </Typography>
        <ErrorAlert message={error} title="No pudimos cargar la cobertura" />
        {cargando && <Loading label="Cargando la cobertura…" />}
        {!cargando && !error && nivel === 'estado' && estado.data && geo.data && <NivelEstado data={estado.data} vista={vista} features={geo.data.features} />}
        {!cargando && !error && nivel === 'municipio' && municipio.data && <NivelMunicipio data={municipio.data} vista={vista} feature={feature} />}
        {!cargando && !error && nivel === 'localidad' && localidad.data && <NivelLocalidad data={localidad.data} vista={vista} feature={feature} localidades={municipio.data?.localidades} />}
      </Paper>
      <Typography color="text.secondary" sx={{ mt: 2, fontSize: '0.9rem' }}>
        Fuente de los contornos, localidades y población: INEGI (Marco Geoestadístico y Censo de Población y Vivienda 2020).
      </Typography>
    </Page>
  );
}
