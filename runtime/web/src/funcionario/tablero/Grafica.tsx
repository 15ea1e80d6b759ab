/** A Chart.js bar chart with its summary for screen readers and its data as a table under "Ver los datos en tabla". */
import { useMemo, type ReactNode } from 'react';
import { BarController, BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { enLineas, opcionesGrafica } from './tablero.ts';

ChartJS.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

interface GraficaProps {
  id: string;
  titulo: string;
  labels: string[];
  values: number[];
  colors: string[];
  horizontal?: boolean;
  resumen: string;
  tabla: ReactNode;
}

function Barras({ titulo, labels, values, colors, horizontal, resumen }: Omit<GraficaProps, 'id' | 'tabla'>) {
  const options = useMemo(() => opcionesGrafica(horizontal), [horizontal]);
  return (
    <Box sx={{ position: 'relative', height: horizontal ? Math.max(180, labels.length * 48 + 40) : 300 }}>
      <Bar
        role="img"
        aria-label={`${titulo}. ${resumen}`}
        data={{ labels: labels.map(enLineas), datasets: [{ label: 'Solicitudes', data: values, backgroundColor: colors, borderRadius: 4, maxBarThickness: 48 }] }}
        options={options}
        fallbackContent={<p>{resumen}</p>}
      />
    </Box>
  );
}

export function Grafica({ id, tabla, ...barras }: GraficaProps) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: { xs: 1.5, sm: 3 }, minWidth: 0 }}>
      <Typography variant="h2" id={id} sx={{ fontSize: '1.25rem', mb: 2 }}>
        {barras.titulo}
      </Typography>
      {barras.values.length === 0 ? (
        <Typography>Sin solicitudes todavía.</Typography>
      ) : (
        <>
          <Barras {...barras} />
          <Box component="details" sx={{ mt: 2, '& summary': { cursor: 'pointer', fontWeight: 600, color: 'secondary.main', py: 0.5 } }}>
            <summary>Ver los datos en tabla</summary>
            {tabla}
          </Box>
        </>
      )}
    </Paper>
  );
}
