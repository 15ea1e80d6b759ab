/**
 * "Tablero": applications by program and by status (Chart.js bar charts, each with its data as a table)
 * and the map of Querétaro's 18 municipios shaded by beneficiaries (d3-geo paths in an SVG, a legend and
 * the table of every municipio as its accessible alternative). Chart.js draws on a canvas and sets only
 * element styles from script, which the portal's CSP allows (no inline scripts are needed).
 */
import { useSearchParams } from 'react-router';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { ErrorAlert, Loading, Page } from '../../components/common.tsx';
import { formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { funcionarioApi, type Tablero } from '../api.ts';
import { SelectField } from '../common.tsx';
import { DatosTabla } from './DatosTabla.tsx';
import { Grafica } from './Grafica.tsx';
import { Mapa } from './Mapa.tsx';
import { ESTADO_COLOR, totales } from './tablero.ts';

function Totales({ data }: { data: Tablero }) {
  return (
    <Box component="ul" aria-label="Totales" sx={{ listStyle: 'none', p: 0, m: 0, mb: 3, display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, 1fr)' } }}>
      {totales(data).map(([k, v]) => (
        <Paper component="li" variant="outlined" key={k} sx={{ p: 2 }}>
          <Typography sx={{ fontWeight: 600 }}>{k}</Typography>
          <Typography sx={{ fontSize: '2rem', fontWeight: 800, color: 'secondary.main' }}>{formatNumber(v)}</Typography>
        </Paper>
      ))}
    </Box>
  );
}

function Graficas({ data }: { data: Tablero }) {
  const { porPrograma, porEstado } = data;
  return (
    <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, mb: 3 }}>
      <Grafica
        id="por-programa-titulo"
        titulo="Solicitudes por programa"
        horizontal
        labels={porPrograma.map((p) => p.nombre)}
        values={porPrograma.map((p) => p.total)}
        colors={porPrograma.map(() => '#7a1f3d')}
        resumen={porPrograma.map((p) => `${p.nombre}: ${formatNumber(p.total)}`).join('; ')}
        tabla={<DatosTabla caption="Solicitudes por programa" headers={['Programa', 'Solicitudes']} rows={porPrograma.map((p) => [p.nombre, formatNumber(p.total)])} />}
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
  );
}

export function TableroPage() {
  const [params, setParams] = useSearchParams();
  const programa = params.get('programa') ?? '';
  const { data: programas } = useLoad(() => funcionarioApi.programas(), []);
  const { data, error } = useLoad(() => funcionarioApi.tablero(programa || undefined), [programa]);
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
          <Totales data={data} />
          <Graficas data={data} />
          <Mapa datos={data.porMunicipio} />
        </>
      )}
    </Page>
  );
}
