/**
 * "Tablero": applications by program and by status (Chart.js bar charts, each with its data as a table)
 * and the map of Querétaro's 18 municipios shaded by beneficiaries (d3-geo paths in an SVG, a legend and
 * the table of every municipio as its accessible alternative). Chart.js draws on a canvas and sets only
 * element styles from script, which the portal's CSP allows (no inline scripts are needed).
 */
import { useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { BarController, BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip, type ChartOptions } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { geoArea, geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { request } from '../api.ts';
import { ErrorAlert, Loading, Page } from '../components/common.tsx';
import { formatNumber } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { funcionarioApi, type Tablero } from './api.ts';
import { SelectField } from './common.tsx';

ChartJS.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const ESTADO_COLOR: Record<string, string> = {
  'En proceso': '#0b5c9e',
  Corrección: '#8a4b00',
  Aprobada: '#1e6b34',
  Entregado: '#1e5b4f',
  Rechazada: '#b3261e',
  Baja: '#6b4f5a',
};

/** Sequential classes, light to dark, all distinguishable; the first is "none". */
const CLASES = ['#f3eff1', '#c9e3db', '#8ec5b4', '#4f9c89', '#1e5b4f'];

interface Feature {
  type: 'Feature';
  properties: { cve_geo: string; nom_mun: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
}

/**
 * GeoJSON (RFC 7946) winds outer rings counter-clockwise; d3-geo reads them on the sphere, where that
 * is "everything but the municipio". Rings are reversed when a feature covers more than half the globe.
 */
function rewind(f: Feature): Feature {
  if (geoArea(f as unknown as GeoPermissibleObjects) <= 2 * Math.PI) return f;
  const rings = (p: number[][][]) => p.map((r) => [...r].reverse());
  const coordinates = f.geometry.type === 'Polygon' ? rings(f.geometry.coordinates as number[][][]) : (f.geometry.coordinates as number[][][][]).map(rings);
  return { ...f, geometry: { ...f.geometry, coordinates } as Feature['geometry'] };
}

/** "None" plus up to four equal ranges; with fewer ranges the darker colours are used, so one beneficiary shows clearly. */
function clases(max: number): Array<{ desde: number; hasta: number; color: string }> {
  if (max <= 0) return [{ desde: 0, hasta: 0, color: CLASES[0] }];
  const n = Math.min(4, max);
  const step = Math.ceil(max / n);
  const ranges: Array<{ desde: number; hasta: number }> = [];
  for (let i = 0; i < n; i++) ranges.push({ desde: i * step + 1, hasta: Math.min(max, (i + 1) * step) });
  const used = ranges.filter((c) => c.desde <= c.hasta);
  const colors = CLASES.slice(CLASES.length - used.length);
  return [{ desde: 0, hasta: 0, color: CLASES[0] }, ...used.map((r, i) => ({ ...r, color: colors[i] }))];
}

function DatosTabla({ caption, headers, rows }: { caption: string; headers: string[]; rows: ReactNode[][] }) {
  // Focusable, so that a keyboard can scroll it if a narrow screen ever makes it wider than its box.
  return (
    <TableContainer tabIndex={0} role="region" aria-label={`Tabla: ${caption}`} sx={{ '&:focus-visible': { outline: '3px solid #0b5c9e' } }}>
      <Table size="small" sx={{ '& td, & th': { px: { xs: 0.75, sm: 2 }, fontSize: { xs: '0.85rem', sm: '0.875rem' } } }}>
        <caption style={{ captionSide: 'top', textAlign: 'left', padding: '8px 0', fontWeight: 600, color: '#1d1b1c' }}>{caption}</caption>
        <TableHead>
          <TableRow>
            {headers.map((h, i) => (
              <TableCell key={h} scope="col" align={i === 0 ? 'left' : 'right'}>
                {h}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r, i) => (
            <TableRow key={i}>
              {r.map((c, j) =>
                j === 0 ? (
                  <TableCell key={j} component="th" scope="row">
                    {c}
                  </TableCell>
                ) : (
                  <TableCell key={j} align="right">
                    {c}
                  </TableCell>
                ),
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** A long label in lines of about 18 characters (Chart.js draws an array as several lines instead of cutting it). */
function enLineas(label: string): string | string[] {
  if (label.length <= 18) return label;
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= 18) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

function Grafica({
  id,
  titulo,
  labels,
  values,
  colors,
  horizontal,
  resumen,
  tabla,
}: {
  id: string;
  titulo: string;
  labels: string[];
  values: number[];
  colors: string[];
  horizontal?: boolean;
  resumen: string;
  tabla: ReactNode;
}) {
  const options: ChartOptions<'bar'> = useMemo(
    () => ({
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false }, tooltip: { enabled: true } },
      scales: {
        x: { beginAtZero: true, ticks: { precision: 0, color: '#1d1b1c', font: { size: 13 } }, grid: { color: '#e2dcdf' } },
        y: { beginAtZero: true, ticks: { precision: 0, color: '#1d1b1c', font: { size: 13 } }, grid: { color: '#e2dcdf' } },
      },
    }),
    [horizontal],
  );
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: { xs: 1.5, sm: 3 }, minWidth: 0 }}>
      <Typography variant="h2" id={id} sx={{ fontSize: '1.25rem', mb: 2 }}>
        {titulo}
      </Typography>
      {values.length === 0 ? (
        <Typography>Sin solicitudes todavía.</Typography>
      ) : (
        <>
          <Box sx={{ position: 'relative', height: horizontal ? Math.max(180, labels.length * 48 + 40) : 300 }}>
            <Bar
              role="img"
              aria-label={`${titulo}. ${resumen}`}
              data={{ labels: labels.map(enLineas), datasets: [{ label: 'Solicitudes', data: values, backgroundColor: colors, borderRadius: 4, maxBarThickness: 48 }] }}
              options={options}
              fallbackContent={<p>{resumen}</p>}
            />
          </Box>
          <Box component="details" sx={{ mt: 2, '& summary': { cursor: 'pointer', fontWeight: 600, color: 'secondary.main', py: 0.5 } }}>
            <summary>Ver los datos en tabla</summary>
            {tabla}
          </Box>
        </>
      )}
    </Paper>
  );
}

function Mapa({ datos }: { datos: Tablero['porMunicipio'] }) {
  const { data: geo, error } = useLoad(() => request<{ features: Feature[] }>('GET', '/catalogos/municipios-qro.geojson'), []);
  const porClave = useMemo(() => new Map(datos.map((d) => [d.municipio, d])), [datos]);
  const max = Math.max(0, ...datos.map((d) => d.beneficiarios));
  const escala = clases(max);
  const colorDe = (n: number) => escala.find((c) => n >= c.desde && n <= c.hasta)?.color ?? CLASES[0];
  const W = 600;
  const H = 640;
  const paths = useMemo(() => {
    if (!geo) return [];
    const features = geo.features.map(rewind);
    const collection = { type: 'FeatureCollection', features } as unknown as GeoPermissibleObjects;
    const projection = geoMercator().fitExtent(
      [
        [8, 8],
        [W - 8, H - 8],
      ],
      collection,
    );
    const path = geoPath(projection);
    return features.map((f) => ({ clave: f.properties.cve_geo, nombre: f.properties.nom_mun, d: path(f as unknown as GeoPermissibleObjects) ?? '' }));
  }, [geo]);

  const filas = paths
    .map((p) => ({ ...p, solicitudes: porClave.get(p.clave)?.solicitudes ?? 0, beneficiarios: porClave.get(p.clave)?.beneficiarios ?? 0 }))
    .sort((a, b) => b.beneficiarios - a.beneficiarios || b.solicitudes - a.solicitudes || a.nombre.localeCompare(b.nombre, 'es'));
  const top = filas[0];
  const descripcion = top && top.beneficiarios > 0 ? `El municipio con más beneficiarios es ${top.nombre}, con ${formatNumber(top.beneficiarios)}.` : 'Todavía no hay beneficiarios.';

  return (
    <Paper variant="outlined" component="section" aria-labelledby="mapa-titulo" sx={{ p: { xs: 1.5, sm: 3 }, mb: 3 }}>
      <Typography variant="h2" id="mapa-titulo" sx={{ fontSize: '1.25rem', mb: 1 }}>
        Beneficiarios por municipio
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Personas con el apoyo entregado, según el municipio de su domicilio. {descripcion}
      </Typography>
      <ErrorAlert message={error} title="No pudimos cargar el mapa" />
      {!geo && !error && <Loading label="Cargando el mapa…" />}
      {geo && (
        <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 3fr) minmax(0, 2fr)' }, alignItems: 'start' }}>
          <Box>
            <Box
              component="svg"
              viewBox={`0 0 ${W} ${H}`}
              role="img"
              aria-labelledby="mapa-svg-titulo mapa-svg-desc"
              sx={{ width: '100%', maxWidth: 560, height: 'auto', display: 'block', mx: 'auto' }}
            >
              <title id="mapa-svg-titulo">Mapa de los 18 municipios de Querétaro sombreados por número de beneficiarios</title>
              <desc id="mapa-svg-desc">{descripcion} Los datos de cada municipio están en la tabla junto al mapa.</desc>
              {paths.map((p) => {
                const n = porClave.get(p.clave)?.beneficiarios ?? 0;
                return (
                  <path key={p.clave} d={p.d} fill={colorDe(n)} stroke="#2b2326" strokeWidth={0.8} data-municipio={p.clave}>
                    <title>{`${p.nombre}: ${formatNumber(n)} beneficiarios`}</title>
                  </path>
                );
              })}
            </Box>
            <Box
              component="ul"
              aria-label="Leyenda del mapa: beneficiarios"
              sx={{ listStyle: 'none', p: 0, m: 0, mt: 2, display: 'flex', flexWrap: 'wrap', gap: 2, justifyContent: 'center', alignItems: 'center' }}
            >
              <Box component="li" aria-hidden="true" sx={{ fontWeight: 600 }}>
                Beneficiarios:
              </Box>
              {escala.map((c) => (
                <Box component="li" key={c.color} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                  <Box component="span" aria-hidden="true" sx={{ width: 22, height: 22, bgcolor: c.color, border: '1px solid #2b2326', borderRadius: 0.5 }} />
                  {c.desde === c.hasta ? formatNumber(c.desde) : `${formatNumber(c.desde)} a ${formatNumber(c.hasta)}`}
                </Box>
              ))}
            </Box>
          </Box>
          <DatosTabla
            caption="Solicitudes y beneficiarios por municipio"
            headers={['Municipio', 'Solicitudes', 'Beneficiarios']}
            rows={filas.map((f) => [f.nombre, formatNumber(f.solicitudes), formatNumber(f.beneficiarios)])}
          />
        </Box>
      )}
    </Paper>
  );
}

export function TableroPage() {
  const [params, setParams] = useSearchParams();
  const programa = params.get('programa') ?? '';
  const { data: programas } = useLoad(() => funcionarioApi.programas(), []);
  const { data, error } = useLoad(() => funcionarioApi.tablero(programa || undefined), [programa]);

  const total = data?.porPrograma.reduce((s, p) => s + p.total, 0) ?? 0;
  const beneficiarios = data?.porMunicipio.reduce((s, m) => s + m.beneficiarios, 0) ?? 0;
  const porEstado = data?.porEstado ?? [];
  const aprobadas = porEstado.filter((e) => e.estado === 'Aprobada').reduce((s, e) => s + e.total, 0);

  return (
    <Page title="Tablero" lead="Cómo van los programas de tu área: solicitudes por programa y estado, y beneficiarios por municipio.">
      <Box sx={{ maxWidth: 420, mb: 3 }}>
        <SelectField
          id="tablero-programa"
          label="Programa"
          size="small"
          value={programa}
          onChange={(e) => setParams(e.target.value ? { programa: e.target.value } : {})}
          placeholder="Todos los programas de mi área"
          options={(programas ?? []).map((p) => ({ value: p.id, label: p.nombre }))}
        />
      </Box>
      <ErrorAlert message={error} title="No pudimos cargar el tablero" />
      {!data && !error && <Loading label="Cargando el tablero…" />}
      {data && (
        <>
          <Box component="ul" aria-label="Totales" sx={{ listStyle: 'none', p: 0, m: 0, mb: 3, display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, 1fr)' } }}>
            {[
              ['Solicitudes', total],
              ['Aprobadas sin entregar', aprobadas],
              ['Beneficiarios (entregado)', beneficiarios],
            ].map(([k, v]) => (
              <Paper component="li" variant="outlined" key={k as string} sx={{ p: 2 }}>
                <Typography sx={{ fontWeight: 600 }}>{k}</Typography>
                <Typography sx={{ fontSize: '2rem', fontWeight: 800, color: 'secondary.main' }}>{formatNumber(v as number)}</Typography>
              </Paper>
            ))}
          </Box>
          <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, mb: 3 }}>
            <Grafica
              id="por-programa-titulo"
              titulo="Solicitudes por programa"
              horizontal
              labels={data.porPrograma.map((p) => p.nombre)}
              values={data.porPrograma.map((p) => p.total)}
              colors={data.porPrograma.map(() => '#7a1f3d')}
              resumen={data.porPrograma.map((p) => `${p.nombre}: ${formatNumber(p.total)}`).join('; ')}
              tabla={<DatosTabla caption="Solicitudes por programa" headers={['Programa', 'Solicitudes']} rows={data.porPrograma.map((p) => [p.nombre, formatNumber(p.total)])} />}
            />
            <Grafica
              id="por-estado-titulo"
              titulo="Solicitudes por estado"
              labels={porEstado.map((e) => e.estado)}
              values={porEstado.map((e) => e.total)}
              colors={porEstado.map((e) => ESTADO_COLOR[e.estado] ?? '#555055')}
              resumen={porEstado.map((e) => `${e.estado}: ${formatNumber(e.total)}`).join('; ')}
              tabla={<DatosTabla caption="Solicitudes por estado" headers={['Estado', 'Solicitudes']} rows={porEstado.map((e) => [e.estado, formatNumber(e.total)])} />}
            />
          </Box>
          <Mapa datos={data.porMunicipio} />
        </>
      )}
    </Page>
  );
}
