/** A chart's or the map's data as a small table: the accessible alternative to the picture. */
import type { ReactNode } from 'react';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';

function FilaDatos({ fila }: { fila: ReactNode[] }) {
  return (
    <TableRow>
      {fila.map((c, j) =>
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
  );
}

export function DatosTabla({ caption, headers, rows }: { caption: string; headers: string[]; rows: ReactNode[][] }) {
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
            <FilaDatos key={i} fila={r} />
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
