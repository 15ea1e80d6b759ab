/** The three levels of the coverage page: the state, a municipio, a localidad; each a map (or figures), its tables and its files. */
import { useState, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { formatNumber } from '../../../format.ts';
import { CLASES, type Feature } from '../tablero.ts';
import { DatosTabla } from '../DatosTabla.tsx';
import { coberturaApi, type CoberturaColonia, type CoberturaDeLocalidad, type CoberturaDeMunicipio, type CoberturaEstado, type Formato, type Vista } from './api.ts';
import { CABECERAS_CIFRAS, cifras, enlace, nombreColonia, ordenLocalidades, porMil, resumen, tramosTasa } from './cobertura.ts';
import { Leyenda, MapaEstado, MapaMunicipio } from './MapaCobertura.tsx';

// The map above its table: the table has six columns, too many to sit beside a map that can be read.
const rejilla = { display: 'grid', gap: 3, gridTemplateColumns: 'minmax(0, 1fr)' };

function Descargas({ vista, archivos }: { vista: Vista; archivos: Array<[Formato, string]> }) {
  return (
    <Box component="ul" aria-label="Descargar" sx={{ listStyle: 'none', p: 0, m: 0, mt: 2, display: 'flex', flexWrap: 'wrap', gap: 2 }}>
      {archivos.map(([formato, texto]) => (
        <li key={formato}>
          <Link href={coberturaApi.url(vista, formato)} download>
            {texto}
          </Link>
        </li>
      ))}
    </Box>
  );
}

const ir = (to: string, texto: ReactNode) => (
  <Link component={RouterLink} to={to}>
    {texto}
  </Link>
);

function TablaColonias({ colonias, caption }: { colonias: CoberturaColonia[]; caption: string }) {
  if (colonias.length === 0) return <Typography sx={{ mt: 2 }}>No hay personas con apoyo en sus colonias con estos filtros.</Typography>;
  return <DatosTabla caption={caption} headers={['Colonia', 'Código postal', 'Personas', 'Apoyos']} rows={colonias.map((c) => [nombreColonia(c), c.codigoPostal ?? '—', formatNumber(c.personas), formatNumber(c.apoyos)])} />;
}

export function NivelEstado({ data, vista, features }: { data: CoberturaEstado; vista: Vista; features: Feature[] }) {
  const tramos = tramosTasa(Math.max(0, ...data.municipios.map((m) => m.personasPorMil ?? 0)), CLASES);
  const filas = [...data.municipios].sort((a, b) => b.personas - a.personas || a.nombre.localeCompare(b.nombre, 'es'));
  const hrefDe = (clave: string) => enlace({ ...vista, municipio: clave, localidad: '' });
  const descripcion = resumen('el estado', data.total.personas, filas[0]);
  return (
    <>
      <Typography sx={{ mb: 2 }}>
        {descripcion} En total, {porMil(data.total.personasPorMil)} personas por cada 1,000 habitantes y {formatNumber(data.total.apoyos)} apoyos. Elige un municipio para ver sus localidades.
      </Typography>
      <Box sx={rejilla}>
        <Box>
          <MapaEstado features={features} municipios={data.municipios} tramos={tramos} hrefDe={hrefDe} descripcion={`${descripcion} Los datos de cada municipio están en la tabla junto al mapa.`} />
          <Leyenda tramos={tramos} />
        </Box>
        <DatosTabla caption="Cobertura por municipio" headers={['Municipio', ...CABECERAS_CIFRAS]} rows={filas.map((m) => [ir(hrefDe(m.clave), m.nombre), ...cifras(m)])} />
      </Box>
      <Descargas vista={vista} archivos={[['csv', 'Tabla de municipios (CSV)'], ['geojson', 'Mapa de municipios (GeoJSON)']]} />
    </>
  );
}

export function NivelMunicipio({ data, vista, feature }: { data: CoberturaDeMunicipio; vista: Vista; feature: Feature | undefined }) {
  const [todas, setTodas] = useState(false);
  const ordenadas = ordenLocalidades(data.localidades);
  const sinPersonas = ordenadas.filter((l) => l.personas === 0).length;
  // Localidades without anyone are many and say little: listed only when asked for (the map shows them as small dots).
  const localidades = todas ? ordenadas : ordenadas.filter((l) => l.personas > 0);
  const hrefDe = (cvegeo: string) => enlace({ ...vista, localidad: cvegeo });
  const descripcion = resumen(data.municipio.nombre, data.municipio.personas, ordenadas[0]);
  const otras = data.otrasLocalidades;
  return (
    <>
      <Typography sx={{ mb: 2 }}>
        {descripcion} {porMil(data.municipio.personasPorMil)} personas por cada 1,000 habitantes. Elige una localidad para ver sus colonias.
      </Typography>
      <Box sx={rejilla}>
        {feature ? <MapaMunicipio feature={feature} localidades={data.localidades} hrefDe={hrefDe} descripcion={`${descripcion} Los datos de cada localidad están en la tabla junto al mapa.`} /> : <Typography>Este municipio no tiene contorno en el mapa del estado; sus datos están en la tabla.</Typography>}
        <DatosTabla
          caption={`Cobertura por localidad en ${data.municipio.nombre}`}
          headers={['Localidad', 'Ámbito', ...CABECERAS_CIFRAS]}
          rows={[
            ...localidades.map((l) => [ir(hrefDe(l.cvegeo), l.nombre), l.ambito ?? '—', ...cifras(l)]),
            ...(otras.personas > 0 ? [['Otras localidades (fuera del catálogo o sin localidad)', '—', '—', formatNumber(otras.personas), formatNumber(otras.apoyos), '—']] : []),
          ]}
        />
      </Box>
      {sinPersonas > 0 && (
        <Button onClick={() => setTodas(!todas)} aria-expanded={todas} sx={{ mt: 1 }}>
          {todas ? 'Mostrar solo las localidades con personas' : `Mostrar también las ${formatNumber(sinPersonas)} localidades sin personas`}
        </Button>
      )}
      <Descargas vista={vista} archivos={[['csv', 'Tabla de localidades (CSV)'], ['geojson', 'Puntos de localidades (GeoJSON)'], ['colonias-csv', 'Tabla de colonias (CSV)']]} />
      <Box sx={{ mt: 3 }}>
        <TablaColonias colonias={data.colonias} caption={`Colonias de ${data.municipio.nombre}`} />
      </Box>
    </>
  );
}

function Cifra({ titulo, valor }: { titulo: string; valor: string }) {
  return (
    <Paper component="li" variant="outlined" sx={{ p: 2 }}>
      <Typography sx={{ fontWeight: 600 }}>{titulo}</Typography>
      <Typography sx={{ fontSize: { xs: '1.4rem', sm: '1.75rem' }, fontWeight: 800, color: 'secondary.main', overflowWrap: 'anywhere' }}>{valor}</Typography>
    </Paper>
  );
}

export function NivelLocalidad({ data, vista, feature, localidades }: { data: CoberturaDeLocalidad; vista: Vista; feature: Feature | undefined; localidades: CoberturaDeMunicipio['localidades'] | undefined }) {
  const l = data.localidad;
  return (
    <>
      <Typography sx={{ mb: 2 }}>
        {resumen(l.nombre, l.personas, undefined)} {l.ambito === 'urbano' ? 'Localidad urbana' : l.ambito === 'rural' ? 'Localidad rural' : 'Localidad sin ámbito en el catálogo'}, clave {l.cvegeo}.
      </Typography>
      <Box component="ul" aria-label={`Cifras de ${l.nombre}`} sx={{ listStyle: 'none', p: 0, m: 0, mb: 3, display: 'grid', gap: 2, gridTemplateColumns: { xs: 'repeat(2, minmax(0, 1fr))', sm: 'repeat(4, minmax(0, 1fr))' } }}>
        <Cifra titulo="Personas" valor={formatNumber(l.personas)} />
        <Cifra titulo="Apoyos" valor={formatNumber(l.apoyos)} />
        <Cifra titulo="Población" valor={l.poblacion === null ? '—' : formatNumber(l.poblacion)} />
        <Cifra titulo="Personas por 1,000 hab." valor={porMil(l.personasPorMil)} />
      </Box>
      <Box sx={rejilla}>
        {feature && localidades ? <MapaMunicipio feature={feature} localidades={localidades} seleccionada={l.cvegeo} hrefDe={(cvegeo) => enlace({ ...vista, localidad: cvegeo })} descripcion={`${l.nombre}, marcada en azul, entre las localidades de ${data.municipio.nombre}.`} /> : <span />}
        <TablaColonias colonias={data.colonias} caption={`Colonias de ${l.nombre}`} />
      </Box>
      <Descargas vista={vista} archivos={[['colonias-csv', 'Tabla de colonias (CSV)'], ['geojson', 'Punto de la localidad (GeoJSON)']]} />
    </>
  );
}
