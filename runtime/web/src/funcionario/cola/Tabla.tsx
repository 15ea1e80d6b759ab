/** The queue's table (cards on phones): the seed's columns, «Ver solicitud», and the selection for bulk approval. */
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { StatusChip, visuallyHidden } from '../../components/common.tsx';
import { formatDate } from '../../format.ts';
import { type FilaSolicitud } from '../api.ts';

const nombreCompleto = (r: FilaSolicitud) => [r.nombre, r.primerApellido, r.segundoApellido].filter(Boolean).join(' ');

interface Columna {
  header: string;
  cell: (r: FilaSolicitud) => React.ReactNode;
  nowrap?: boolean;
}

/** The queue's columns, in plain words; the name is one column so the table fits a 1280 px screen. */
const COLUMNAS: Columna[] = [
  {
    header: 'CURP',
    cell: (r) => (
      <Box component="span" sx={{ fontFamily: 'ui-monospace, monospace', fontSize: '0.75rem' }}>
        {r.curp || '—'}
      </Box>
    ),
    nowrap: true,
  },
  { header: 'Nombre', cell: (r) => nombreCompleto(r) || '—' },
  { header: 'Fecha', cell: (r) => formatDate(r.fechaSolicitud), nowrap: true },
  { header: 'Folio', cell: (r) => r.folio, nowrap: true },
  { header: 'Programa', cell: (r) => r.programaNombre },
  { header: 'Proceso', cell: (r) => r.procesoEtiqueta || r.proceso },
  { header: 'Tipo de apoyo', cell: (r) => r.tipoApoyo || '—' },
  { header: 'Padrón', cell: (r) => enPadron(r) },
  { header: 'Estado', cell: (r) => <StatusChip estado={r.estado} /> },
];

/** Whether the applicant is in the Padrón Estatal, and with how many supports. */
function enPadron(r: FilaSolicitud): string {
  if (r.padron === null) return 'No';
  return `Sí, ${r.padron} ${r.padron === 1 ? 'apoyo' : 'apoyos'}`;
}

function VerBoton({ r, compacto = false }: { r: FilaSolicitud; compacto?: boolean }) {
  return (
    <Button
      size="small"
      variant="outlined"
      startIcon={compacto ? undefined : <VisibilityIcon aria-hidden="true" />}
      component={RouterLink}
      to={`/funcionario/solicitudes/${r.id}`}
      sx={compacto ? { whiteSpace: 'nowrap', px: 1, fontSize: '0.8125rem', minWidth: 0 } : { whiteSpace: 'nowrap' }}
    >
      Ver solicitud
      <Box component="span" sx={visuallyHidden}>
        {' '}
        {r.folio}
      </Box>
    </Button>
  );
}

interface TablaProps {
  filas: FilaSolicitud[];
  seleccion: Set<string>;
  onSeleccion: (ids: Set<string>) => void;
  seleccionable: boolean;
  caption: string;
}

/** The selection for bulk approval: only rows the official may approve now (the server says which: `aprobar`). */
function useSeleccion({ filas, seleccion, onSeleccion }: TablaProps) {
  const toggle = (id: string) => {
    const next = new Set(seleccion);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSeleccion(next);
  };
  const elegibles = filas.filter((r) => r.aprobar);
  const todas = elegibles.length > 0 && elegibles.every((r) => seleccion.has(r.id));
  const algunas = elegibles.some((r) => seleccion.has(r.id));
  const alternarTodas = () => onSeleccion(todas ? new Set() : new Set(elegibles.map((r) => r.id)));
  return { toggle, todas, algunas, alternarTodas };
}
type Seleccion = ReturnType<typeof useSeleccion>;

function Tarjeta({ r, props, sel }: { r: FilaSolicitud; props: TablaProps; sel: Seleccion }) {
  const datos = [
    ['Nombre', nombreCompleto(r) || '—'],
    ['CURP', r.curp || '—'],
    ['Programa', r.programaNombre],
    ['Proceso', r.procesoEtiqueta || r.proceso],
    ['Tipo de apoyo', r.tipoApoyo || '—'],
    ['Fecha', formatDate(r.fechaSolicitud)],
    ['Padrón', enPadron(r)],
  ];
  return (
    <Paper component="li" variant="outlined" sx={{ p: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1, flexWrap: 'wrap' }}>
        {props.seleccionable && r.aprobar && <Checkbox checked={props.seleccion.has(r.id)} onChange={() => sel.toggle(r.id)} slotProps={{ input: { 'aria-label': `Seleccionar solicitud ${r.folio}` } }} sx={{ ml: -1 }} />}
        <Typography component="p" sx={{ fontWeight: 700, overflowWrap: 'anywhere' }}>
          {r.folio}
        </Typography>
        <StatusChip estado={r.estado} />
      </Box>
      <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 1.5, rowGap: 0.5, mb: 1.5 }}>
        {datos.map(([k, v]) => (
          <Box key={k} sx={{ display: 'contents' }}>
            <Typography component="dt" sx={{ fontWeight: 700 }}>
              {k}
            </Typography>
            <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
              {v}
            </Typography>
          </Box>
        ))}
      </Box>
      <VerBoton r={r} />
    </Paper>
  );
}

/** On phones: one card per application. */
function Tarjetas({ props, sel }: { props: TablaProps; sel: Seleccion }) {
  return (
    <>
      {props.seleccionable && props.filas.length > 0 && (
        <Box sx={{ mb: 1 }}>
          <label>
            <Checkbox checked={sel.todas} indeterminate={sel.algunas && !sel.todas} onChange={sel.alternarTodas} />
            Seleccionar todas las que puedes aprobar en esta página
          </label>
        </Box>
      )}
      <Box component="ul" aria-label={props.caption} sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 2 }}>
        {props.filas.map((r) => (
          <Tarjeta key={r.id} r={r} props={props} sel={sel} />
        ))}
      </Box>
    </>
  );
}

function Fila({ r, props, sel }: { r: FilaSolicitud; props: TablaProps; sel: Seleccion }) {
  return (
    <TableRow hover selected={props.seleccion.has(r.id)}>
      {props.seleccionable && (
        <TableCell padding="checkbox">
          {r.aprobar && <Checkbox checked={props.seleccion.has(r.id)} onChange={() => sel.toggle(r.id)} slotProps={{ input: { 'aria-label': `Seleccionar solicitud ${r.folio}` } }} />}
        </TableCell>
      )}
      {COLUMNAS.map((c) => (
        <TableCell key={c.header} sx={c.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
          {c.cell(r)}
        </TableCell>
      ))}
      <TableCell>
        <VerBoton r={r} compacto />
      </TableCell>
    </TableRow>
  );
}

export function TablaSolicitudes(props: TablaProps) {
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'), { noSsr: true });
  const sel = useSeleccion(props);
  if (!wide) return <Tarjetas props={props} sel={sel} />;
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" sx={{ '& td, & th': { px: 0.75, fontSize: '0.8125rem', lineHeight: 1.35 }, '& .MuiChip-root': { fontSize: '0.75rem', height: 22 }, '& .MuiChip-label': { px: 1 } }}>
        <caption style={{ captionSide: 'top', textAlign: 'left', padding: '10px 12px', fontWeight: 600, color: '#1d1b1c' }}>{props.caption}</caption>
        <TableHead>
          <TableRow>
            {props.seleccionable && (
              <TableCell padding="checkbox" scope="col">
                <Checkbox checked={sel.todas} indeterminate={sel.algunas && !sel.todas} onChange={sel.alternarTodas} slotProps={{ input: { 'aria-label': 'Seleccionar todas las que puedes aprobar en esta página' } }} />
              </TableCell>
            )}
            {COLUMNAS.map((c) => (
              <TableCell key={c.header} scope="col">
                {c.header}
              </TableCell>
            ))}
            <TableCell scope="col">Acciones</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.filas.map((r) => (
            <Fila key={r.id} r={r} props={props} sel={sel} />
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
