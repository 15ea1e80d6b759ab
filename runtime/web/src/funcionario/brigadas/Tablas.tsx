/** The brigades' figures as tables: one row per brigadista, then by day and by localidad. */
import Typography from '@mui/material/Typography';
import { ResponsiveTable, type Column } from '../../components/common.tsx';
import { formatDate, formatNumber } from '../../format.ts';
import type { BrigadistaSupervisado, ConteoDeCampo } from './api.ts';

const conteos = <T extends ConteoDeCampo>(): Column<T>[] => [
  { header: 'Registros', cell: (r) => formatNumber(r.registros) },
  { header: 'Aceptados', cell: (r) => formatNumber(r.aceptados) },
  { header: 'Rechazados', cell: (r) => formatNumber(r.rechazados) },
  { header: 'Conflictos', cell: (r) => formatNumber(r.conflictos) },
];

export function TablaBrigadistas({ brigadistas }: { brigadistas: BrigadistaSupervisado[] }) {
  if (brigadistas.length === 0) return <Typography>No hay brigadistas en tu área.</Typography>;
  const columns: Column<BrigadistaSupervisado>[] = [{ header: 'Brigadista', cell: (b) => `${b.nombre} (${b.usuario})` }, ...conteos<BrigadistaSupervisado>(), { header: 'Visitas pendientes', cell: (b) => formatNumber(b.visitasPendientes) }];
  return <ResponsiveTable caption="Avance por brigadista en el periodo" columns={columns} rows={brigadistas} rowKey={(b) => b.id} />;
}

type PorDia = BrigadistaSupervisado['porDia'][number] & { brigadista: string; clave: string };
type PorLocalidad = BrigadistaSupervisado['porLocalidad'][number] & { brigadista: string; clave: string };

export function TablaPorDia({ brigadistas }: { brigadistas: BrigadistaSupervisado[] }) {
  const rows: PorDia[] = brigadistas.flatMap((b) => b.porDia.map((d) => ({ ...d, brigadista: b.nombre, clave: `${b.id}/${d.dia}` })));
  if (rows.length === 0) return <Typography>No hay registros en el periodo.</Typography>;
  const columns: Column<PorDia>[] = [{ header: 'Día', cell: (r) => formatDate(r.dia) }, { header: 'Brigadista', cell: (r) => r.brigadista }, ...conteos<PorDia>()];
  return <ResponsiveTable caption="Registros por día de captura" columns={columns} rows={rows} rowKey={(r) => r.clave} />;
}

export function TablaPorLocalidad({ brigadistas }: { brigadistas: BrigadistaSupervisado[] }) {
  const rows: PorLocalidad[] = brigadistas.flatMap((b) => b.porLocalidad.map((l) => ({ ...l, brigadista: b.nombre, clave: `${b.id}/${l.localidad ?? ''}` })));
  if (rows.length === 0) return <Typography>No hay registros en el periodo.</Typography>;
  const columns: Column<PorLocalidad>[] = [{ header: 'Localidad', cell: (r) => r.nombre ?? r.localidad ?? 'Sin localidad en el registro' }, { header: 'Brigadista', cell: (r) => r.brigadista }, ...conteos<PorLocalidad>()];
  return <ResponsiveTable caption="Registros por localidad" columns={columns} rows={rows} rowKey={(r) => r.clave} />;
}
