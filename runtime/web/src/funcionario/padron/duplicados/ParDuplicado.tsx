/**
 * One pair of «Posibles duplicados»: the two people side by side, field by field, the matcher's
 * reasons with the weight of each, and the two decisions. Each pair is its own labelled region so
 * a screen reader (and a test) can tell its buttons apart.
 */
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ErrorAlert, RouterLinkText } from '../../../components/common.tsx';
import { formatDate, formatNumber } from '../../../format.ts';
import { padronApi, type PersonaDelPadron, type PosibleDuplicado } from '../api.ts';

export const nombreCompleto = (p: PersonaDelPadron) => [p.nombres, p.primerApellido, p.segundoApellido].filter(Boolean).join(' ');
const SEXO: Record<string, string> = { H: 'Hombre', M: 'Mujer', X: 'No binario' };

const FILAS: Array<[string, (p: PersonaDelPadron) => string]> = [
  ['Nombre', nombreCompleto],
  ['CURP', (p) => p.curps.join(', ')],
  ['Fecha de nacimiento', (p) => formatDate(p.fechaNacimiento) || '—'],
  ['Sexo', (p) => (p.sexo ? (SEXO[p.sexo] ?? p.sexo) : '—')],
  ['Municipio', (p) => p.municipio ?? p.cveMun ?? '—'],
  ['Apoyos', (p) => `${formatNumber(p.apoyos)}${p.programas.length ? ` (${p.programas.join(', ')})` : ''}`],
];

function LadoALado({ par }: { par: PosibleDuplicado }) {
  return (
    <Table size="small" aria-label="Las dos personas, dato por dato" sx={{ mb: 2, '& td, & th': { verticalAlign: 'top', overflowWrap: 'anywhere' } }}>
      <TableHead>
        <TableRow>
          <TableCell>Dato</TableCell>
          <TableCell>Persona 1</TableCell>
          <TableCell>Persona 2</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {FILAS.map(([dato, valor]) => (
          <TableRow key={dato}>
            <TableCell component="th" scope="row">
              {dato}
            </TableCell>
            <TableCell>{valor(par.a)}</TableCell>
            <TableCell>{valor(par.b)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const peso = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n).toLocaleString('es-MX', { maximumFractionDigits: 1 })}`;

function Razones({ par }: { par: PosibleDuplicado }) {
  return (
    <Box component="ul" aria-label="Por qué pueden ser la misma persona" sx={{ listStyle: 'none', p: 0, m: 0, mb: 2, display: 'grid', gap: 0.5 }}>
      {par.razones.map((r) => (
        <Box component="li" key={r.campo} sx={{ display: 'flex', justifyContent: 'space-between', gap: 2, borderBottom: '1px solid #eee', py: 0.25 }}>
          <span>{r.etiqueta}</span>
          <Box component="span" sx={{ fontWeight: 700, color: r.peso > 0 ? 'success.dark' : r.peso < 0 ? 'error.dark' : 'text.secondary', whiteSpace: 'nowrap' }}>
            {peso(r.peso)}
          </Box>
        </Box>
      ))}
    </Box>
  );
}

type Decidido = { tipo: 'misma'; curp: string } | { tipo: 'distintas' };

export function ParDuplicado({ par, onDecidido }: { par: PosibleDuplicado; onDecidido: () => void }) {
  const [ocupado, setOcupado] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [decidido, setDecidido] = useState<Decidido | null>(null);
  const titulo = `${nombreCompleto(par.a)} y ${nombreCompleto(par.b)}`;
  const decidir = async (tipo: Decidido['tipo']) => {
    setOcupado(true);
    setError(null);
    try {
      if (tipo === 'misma') setDecidido({ tipo, curp: (await padronApi.esLaMisma(par.id)).persona.curps[0] });
      else {
        await padronApi.sonDistintas(par.id);
        setDecidido({ tipo });
      }
      onDecidido();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setOcupado(false);
    }
  };
  return (
    <Paper component="section" variant="outlined" aria-label={titulo} sx={{ p: { xs: 2, sm: 3 }, mb: 2 }}>
      <Typography component="h2" variant="h6" sx={{ mb: 0.5 }}>
        {titulo}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Puntaje {par.puntaje.toLocaleString('es-MX', { maximumFractionDigits: 1 })}
        {par.motivo ? ` · A revisión: ${par.motivo}` : ''} · {par.origenNombre}
      </Typography>
      <LadoALado par={par} />
      <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 700 }}>
        Por qué
      </Typography>
      <Razones par={par} />
      <ErrorAlert message={error} />
      {decidido ? (
        <Alert severity="success" role="status">
          {decidido.tipo === 'misma' ? (
            <>
              Quedó como una sola persona, con las CURP y los apoyos de las dos. <RouterLinkText to={`/funcionario/padron/expedientes/${decidido.curp}`}>Ver su expediente</RouterLinkText> (ahí puedes separarlas).
            </>
          ) : (
            'Quedó anotado que son personas distintas; este par no se volverá a proponer.'
          )}
        </Alert>
      ) : (
        <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap' }}>
          <Button variant="contained" disabled={ocupado} onClick={() => void decidir('misma')}>
            Es la misma persona
          </Button>
          <Button variant="outlined" disabled={ocupado} onClick={() => void decidir('distintas')}>
            Son personas distintas
          </Button>
        </Box>
      )}
    </Paper>
  );
}
