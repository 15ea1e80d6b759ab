/** What the review found: counts by outcome and by code, sample refused rows, and the downloads to fix them. */
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { ROW_CODE_LABELS, type RowCode } from '../../../../../engine/padron/rows.ts';
import { ResponsiveTable } from '../../components/common.tsx';
import { formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { padronApi, type Lote, type VistaPrevia } from './api.ts';

const codeLabel = (code: string) => ROW_CODE_LABELS[code as RowCode] ?? code;

function Cifra({ label, value }: { label: string; value: number }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="h5" component="p">
        {formatNumber(value)}
      </Typography>
      <Typography>{label}</Typography>
    </Paper>
  );
}

function PorCodigo({ porCodigo }: { porCodigo: Record<string, number> }) {
  const rows = Object.entries(porCodigo).sort((a, b) => b[1] - a[1]);
  if (rows.length === 0) return <Typography>Ninguna fila tiene errores ni avisos.</Typography>;
  return (
    <ResponsiveTable<[string, number]>
      caption="Filas por código"
      rows={rows}
      rowKey={([code]) => code}
      columns={[
        { header: 'Qué pasa', cell: ([code]) => codeLabel(code) },
        { header: 'Código', cell: ([code]) => code },
        { header: 'Filas', cell: ([, n]) => formatNumber(n) },
      ]}
    />
  );
}

function MuestraRechazadas({ muestra }: { muestra: VistaPrevia['rechazadas'] }) {
  if (muestra.length === 0) return null;
  return (
    <ResponsiveTable<VistaPrevia['rechazadas'][number]>
      caption="Primeras filas rechazadas"
      rows={muestra}
      rowKey={(r) => String(r.fila)}
      columns={[
        { header: 'Fila', cell: (r) => formatNumber(r.fila) },
        { header: 'Motivo', cell: (r) => r.problemas.filter((p) => !p.warning).map((p) => p.message).join(' ') },
      ]}
    />
  );
}

export function Resumen({ lote }: { lote: Lote }) {
  const muestra = useLoad(() => padronApi.muestra(lote.id), [lote.id, lote.estado]);
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, 1fr)' } }}>
        <Cifra label="filas en el archivo" value={lote.filas} />
        <Cifra label="filas aceptadas" value={lote.aceptadas} />
        <Cifra label="filas rechazadas" value={lote.rechazadas} />
      </Box>
      <PorCodigo porCodigo={lote.porCodigo} />
      {lote.rechazadas > 0 && (
        <Typography>
          Descarga las filas rechazadas con su motivo para corregirlas y volver a enviarlas:{' '}
          <Link href={padronApi.urlRechazadas(lote.id, 'csv')} download>
            rechazadas en CSV
          </Link>{' '}
          o{' '}
          <Link href={padronApi.urlRechazadas(lote.id, 'xlsx')} download>
            rechazadas en Excel
          </Link>
          .
        </Typography>
      )}
      {muestra.data && <MuestraRechazadas muestra={muestra.data.rechazadas} />}
    </Box>
  );
}
