/**
 * The map of Querétaro's 18 municipios shaded by beneficiaries (d3-geo paths in an SVG), its legend, and
 * the table of every municipio as its accessible alternative.
 */
import { useMemo } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { request } from '../../api.ts';
import { ErrorAlert, Loading } from '../../components/common.tsx';
import { formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import type { Tablero } from '../api.ts';
import { DatosTabla } from './DatosTabla.tsx';
import { clases, colorEnEscala, descripcionMapa, filasMunicipios, proyectarContornos, rangoTexto, type Clase, type Feature, type Trazo } from './tablero.ts';

const W = 600;
const H = 640;

/** The municipios' shapes, loaded once and projected to fit the SVG. */
function useTrazos() {
  const { data: geo, error } = useLoad(() => request<{ features: Feature[] }>('GET', '/catalogos/municipios-qro.geojson'), []);
  const paths = useMemo((): Trazo[] => (geo ? proyectarContornos(geo.features, W, H, 8).trazos : []), [geo]);
  return { geo, error, paths };
}

function MapaSvg({ paths, datos, escala, descripcion }: { paths: Trazo[]; datos: Tablero['porMunicipio']; escala: Clase[]; descripcion: string }) {
  const porClave = useMemo(() => new Map(datos.map((d) => [d.municipio, d])), [datos]);
  return (
    <Box component="svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="mapa-svg-titulo mapa-svg-desc" sx={{ width: '100%', maxWidth: 560, height: 'auto', display: 'block', mx: 'auto' }}>
      <title id="mapa-svg-titulo">Mapa de los 18 municipios de Querétaro sombreados por número de beneficiarios</title>
      <desc id="mapa-svg-desc">{descripcion} Los datos de cada municipio están en la tabla junto al mapa.</desc>
      {paths.map((p) => {
        const n = porClave.get(p.clave)?.beneficiarios ?? 0;
        return (
          <path key={p.clave} d={p.d} fill={colorEnEscala(escala, n)} stroke="#2b2326" strokeWidth={0.8} data-municipio={p.clave}>
            <title>{`${p.nombre}: ${formatNumber(n)} beneficiarios`}</title>
          </path>
        );
      })}
    </Box>
  );
}

function Leyenda({ escala }: { escala: Clase[] }) {
  return (
    <Box component="ul" aria-label="Leyenda del mapa: beneficiarios" sx={{ listStyle: 'none', p: 0, m: 0, mt: 2, display: 'flex', flexWrap: 'wrap', gap: 2, justifyContent: 'center', alignItems: 'center' }}>
      <Box component="li" aria-hidden="true" sx={{ fontWeight: 600 }}>
        Beneficiarios:
      </Box>
      {escala.map((c) => (
        <Box component="li" key={c.color} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Box component="span" aria-hidden="true" sx={{ width: 22, height: 22, bgcolor: c.color, border: '1px solid #2b2326', borderRadius: 0.5 }} />
          {rangoTexto(c)}
        </Box>
      ))}
    </Box>
  );
}

export function Mapa({ datos }: { datos: Tablero['porMunicipio'] }) {
  const { geo, error, paths } = useTrazos();
  const escala = clases(Math.max(0, ...datos.map((d) => d.beneficiarios)));
  const filas = filasMunicipios(paths, datos);
  const descripcion = descripcionMapa(filas);
  return (
    <Paper variant="outlined" component="section" aria-labelledby="mapa-titulo" sx={{ p: { xs: 1.5, sm: 3 }, mb: 3 }}>
      <Typography variant="h2" id="mapa-titulo" sx={{ fontSize: '1.25rem', mb: 1 }}>
        Beneficiarios por municipio
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Personas con el apoyo entregado, según el municipio de su domicilio. {descripcion}
      </Typography>
      <Button component={RouterLink} to="/funcionario/tablero/cobertura" variant="outlined" sx={{ mb: 2 }}>
        Ver la cobertura del padrón por localidad y colonia
      </Button>
      <ErrorAlert message={error} title="No pudimos cargar el mapa" />
      {!geo && !error && <Loading label="Cargando el mapa…" />}
      {geo && (
        <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 3fr) minmax(0, 2fr)' }, alignItems: 'start' }}>
          <Box>
            <MapaSvg paths={paths} datos={datos} escala={escala} descripcion={descripcion} />
            <Leyenda escala={escala} />
          </Box>
          <DatosTabla caption="Solicitudes y beneficiarios por municipio" headers={['Municipio', 'Solicitudes', 'Beneficiarios']} rows={filas.map((f) => [f.nombre, formatNumber(f.solicitudes), formatNumber(f.beneficiarios)])} />
        </Box>
      )}
    </Paper>
  );
}
