/**
 * «Brigadas»: the supervisor's view of the field brigades of their area: each brigadista's records of
 * a period (accepted, refused, conflicts), by day and by localidad, their points on the map of the
 * municipio (or the state), and a form to hand a pending visit to another brigadista.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { request } from '../../api.ts';
import { ErrorAlert, Loading, Page } from '../../components/common.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { SelectField } from '../common.tsx';
import type { Feature } from '../tablero/tablero.ts';
import { brigadasApi, type SupervisionDeCampo, type Vista } from './api.ts';
import { descripcionMapa, paramsDe, vistaDe } from './brigadas.ts';
import { LeyendaPuntos, MapaPuntos } from './MapaPuntos.tsx';
import { Reasignar } from './Reasignar.tsx';
import { TablaBrigadistas, TablaPorDia, TablaPorLocalidad } from './Tablas.tsx';

const campo = { flex: '1 1 200px', maxWidth: { sm: 260 } };

function Filtros({ vista, municipios, onAplicar }: { vista: Vista; municipios: Feature[]; onAplicar: (v: Vista) => void }) {
  const [desde, setDesde] = useState(vista.desde);
  const [hasta, setHasta] = useState(vista.hasta);
  const [municipio, setMunicipio] = useState(vista.municipio);
  const aplicar = (e: FormEvent) => {
    e.preventDefault();
    onAplicar({ desde, hasta, municipio });
  };
  const opciones = municipios.map((f) => ({ value: f.properties.cve_geo, label: f.properties.nom_mun })).sort((a, b) => a.label.localeCompare(b.label, 'es'));
  return (
    <Box component="form" noValidate onSubmit={aplicar} aria-label="Filtros de las brigadas" sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start', mb: 3 }}>
      <TextField id="brigadas-desde" label="Registros desde" type="date" value={desde} onChange={(e) => setDesde(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} sx={campo} />
      <TextField id="brigadas-hasta" label="Registros hasta" type="date" value={hasta} onChange={(e) => setHasta(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} sx={campo} />
      <SelectField id="brigadas-municipio" label="Municipio" value={municipio} onChange={(e) => setMunicipio(e.target.value)} placeholder="Todo el estado" options={opciones} sx={campo} />
      <Button type="submit" variant="contained" sx={{ mt: 1 }}>
        Aplicar filtros
      </Button>
    </Box>
  );
}

/** The outlines to draw under the points: the municipio chosen, or every municipio of the state. */
function useContornos(municipio: string, estado: Feature[] | null) {
  const { data } = useLoad(async () => (municipio ? brigadasApi.mapaMunicipio(municipio) : null), [municipio]);
  if (!municipio) return estado;
  if (!data) return null;
  return [{ type: 'Feature', properties: { cve_geo: data.clave, nom_mun: data.nombre }, geometry: data.contorno } as Feature];
}

function Seccion({ titulo, children }: { titulo: string; children: ReactNode }) {
  const id = `brigadas-${titulo.toLowerCase().replace(/\s+/g, '-')}`;
  return (
    <Box component="section" aria-labelledby={id} sx={{ mb: 4 }}>
      <Typography id={id} variant="h2" sx={{ fontSize: '1.4rem', mb: 2 }}>
        {titulo}
      </Typography>
      {children}
    </Box>
  );
}

function Avance({ datos, contornos, onReasignada }: { datos: SupervisionDeCampo; contornos: Feature[] | null; onReasignada: () => void }) {
  const { totales } = datos;
  return (
    <>
      <Typography sx={{ mb: 3 }} role="status">
        Del {formatDate(datos.desde)} al {formatDate(datos.hasta)}: {formatNumber(totales.registros)} registros, {formatNumber(totales.aceptados)} aceptados, {formatNumber(totales.rechazados)} rechazados y {formatNumber(totales.conflictos)} con conflicto.
      </Typography>
      <Seccion titulo="Por brigadista">
        <TablaBrigadistas brigadistas={datos.brigadistas} />
      </Seccion>
      <Seccion titulo="Mapa de los registros">
        <Paper variant="outlined" sx={{ p: 2 }}>
          {contornos ? <MapaPuntos contornos={contornos} puntos={datos.puntos} descripcion={descripcionMapa(datos)} /> : <Loading label="Cargando el mapa…" />}
          <LeyendaPuntos />
        </Paper>
      </Seccion>
      <Seccion titulo="Por día">
        <TablaPorDia brigadistas={datos.brigadistas} />
      </Seccion>
      <Seccion titulo="Por localidad">
        <TablaPorLocalidad brigadistas={datos.brigadistas} />
      </Seccion>
      <Seccion titulo="Reasignar una visita">
        <Reasignar brigadistas={datos.brigadistas} onHecho={onReasignada} />
      </Seccion>
    </>
  );
}

export function BrigadasPage() {
  const [params, setParams] = useSearchParams();
  const vista = vistaDe(params);
  const { data: geo } = useLoad(() => request<{ features: Feature[] }>('GET', '/catalogos/municipios-qro.geojson'), []);
  const { data, error, reload } = useLoad(() => brigadasApi.supervision(vista), [vista.desde, vista.hasta, vista.municipio]);
  const contornos = useContornos(vista.municipio, geo?.features ?? null);
  return (
    <Page title="Brigadas" lead="El avance de las brigadas de campo de tu área: sus registros por día y localidad, en el mapa, y sus listas de visitas.">
      <Filtros key={`${vista.desde}|${vista.hasta}|${vista.municipio}`} vista={vista} municipios={geo?.features ?? []} onAplicar={(v) => setParams(paramsDe(v))} />
      {error && <ErrorAlert message={error} />}
      {!error && !data && <Loading label="Cargando el avance de las brigadas…" />}
      {data && <Avance datos={data} contornos={contornos} onReasignada={reload} />}
    </Page>
  );
}
