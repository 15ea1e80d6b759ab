/**
 * Confronta: how many people receive support from two programs at once, for every pair, in a
 * period and a municipio; a cell opens the list of those people.
 */
import { useState, type FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ErrorAlert, Loading, Page, ResponsiveTable, RouterLinkText } from '../../components/common.tsx';
import { formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { padronApi, type Confronta, type FiltroConfronta, type PersonaCruzada } from './api.ts';

type Celda = { a: string; b: string };

function personasEn(matriz: Confronta, a: string, b: string): number {
  if (a === b) return matriz.programas.find((p) => p.clave === a)?.personas ?? 0;
  const [x, y] = a < b ? [a, b] : [b, a];
  return matriz.pares.find((p) => p.a === x && p.b === y)?.personas ?? 0;
}

function Matriz({ matriz, onCelda }: { matriz: Confronta; onCelda: (c: Celda) => void }) {
  const { programas } = matriz;
  return (
    <TableContainer component={Paper} variant="outlined" sx={{ mb: 3 }}>
      <Table size="small" aria-label="Personas que reciben apoyo de los dos programas">
        <TableHead>
          <TableRow>
            <TableCell>Programa</TableCell>
            {programas.map((p) => (
              <TableCell key={p.clave} align="right" title={p.nombre}>
                {p.clave}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {programas.map((fila) => (
            <TableRow key={fila.clave}>
              <TableCell component="th" scope="row">
                {fila.nombre} ({fila.clave})
              </TableCell>
              {programas.map((col) => {
                const n = personasEn(matriz, fila.clave, col.clave);
                return (
                  <TableCell key={col.clave} align="right">
                    {n > 0 ? (
                      <Link component="button" type="button" onClick={() => onCelda({ a: fila.clave, b: col.clave })} aria-label={`${formatNumber(n)} personas en ${fila.nombre} y ${col.nombre}`}>
                        {formatNumber(n)}
                      </Link>
                    ) : (
                      '0'
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function ListaDePersonas({ caption, personas }: { caption: string; personas: PersonaCruzada[] }) {
  return (
    <ResponsiveTable<PersonaCruzada>
      caption={caption}
      rows={personas}
      rowKey={(p) => p.curp}
      columns={[
        { header: 'Nombre', cell: (p) => p.nombre },
        { header: 'CURP', cell: (p) => <RouterLinkText to={`/funcionario/consulta?curp=${p.curp}`}>{p.curp}</RouterLinkText> },
        { header: 'Municipio', cell: (p) => p.municipioNombre ?? p.municipio ?? '—' },
        { header: 'Apoyos', cell: (p) => formatNumber(p.apoyos) },
      ]}
    />
  );
}

function Personas({ filtro, celda }: { filtro: FiltroConfronta; celda: Celda }) {
  const { data, error } = useLoad(() => padronApi.cruce(filtro, celda.a, celda.b), [filtro, celda]);
  if (error) return <ErrorAlert message={error} />;
  if (!data) return <Loading />;
  return (
    <Box sx={{ display: 'grid', gap: 1, mb: 3 }}>
      <ListaDePersonas caption={`Personas en ${celda.a} y ${celda.b}`} personas={data} />
      <Typography>
        {data.length === 100 ? 'Se muestran las primeras 100. ' : ''}
        <Link href={padronApi.urlCruce(filtro, celda.a, celda.b)} download>
          Descargar la lista completa (CSV)
        </Link>
      </Typography>
    </Box>
  );
}

/** People with more supports than a threshold in the period: duplication of support to look into. */
function VariosApoyos({ filtro }: { filtro: FiltroConfronta }) {
  const [masDe, setMasDe] = useState(2);
  const { data, error } = useLoad(() => padronApi.variosApoyos(filtro, masDe), [filtro, masDe]);
  return (
    <Box component="section" aria-labelledby="varios-titulo" sx={{ display: 'grid', gap: 2 }}>
      <Typography id="varios-titulo" component="h2" variant="h6">
        Personas con más de {masDe} apoyos
      </Typography>
      <TextField id="varios-mas-de" label="Más de cuántos apoyos" type="number" value={masDe} onChange={(e) => setMasDe(Math.max(1, Math.min(100, Number(e.target.value) || 1)))} sx={campo} />
      <ErrorAlert message={error} />
      {data && (data.length === 0 ? <Typography>Nadie tiene más de {masDe} apoyos con estos filtros.</Typography> : <ListaDePersonas caption={`Personas con más de ${masDe} apoyos`} personas={data} />)}
    </Box>
  );
}

/** Filters side by side on a wide screen, one under the other on a phone. */
const campo = { flex: '1 1 200px', maxWidth: { sm: 260 } };

function Filtros({ onFiltrar }: { onFiltrar: (f: FiltroConfronta) => void }) {
  const [desde, setDesde] = useState('');
  const [hasta, setHasta] = useState('');
  const [municipio, setMunicipio] = useState('');
  const filtrar = (e: FormEvent) => {
    e.preventDefault();
    onFiltrar({ ...(desde ? { desde } : {}), ...(hasta ? { hasta } : {}), ...(municipio ? { municipio } : {}) });
  };
  return (
    <Box component="form" noValidate onSubmit={filtrar} sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start', mb: 3 }}>
      <TextField id="confronta-desde" label="Desde" type="date" value={desde} onChange={(e) => setDesde(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} sx={campo} />
      <TextField id="confronta-hasta" label="Hasta" type="date" value={hasta} onChange={(e) => setHasta(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} sx={campo} />
      <TextField id="confronta-municipio" label="Municipio (clave INEGI)" value={municipio} onChange={(e) => setMunicipio(e.target.value.replace(/\D/g, '').slice(0, 5))} helperText="Cinco dígitos, p. ej. 22014" sx={campo} />
      <Button type="submit" variant="contained" sx={{ mt: 1 }}>
        Filtrar
      </Button>
    </Box>
  );
}

export function ConfrontaPage() {
  const [filtro, setFiltro] = useState<FiltroConfronta>({});
  const [celda, setCelda] = useState<Celda | null>(null);
  const { data, error } = useLoad(() => padronApi.confronta(filtro), [filtro]);
  return (
    <Page title="Confronta de programas" lead="Cuántas personas reciben apoyo de dos programas a la vez. Elige una cifra para ver quiénes son.">
      <Box sx={{ mb: 2 }}>
        <RouterLinkText to="/funcionario/padron">Volver a Carga masiva</RouterLinkText>
      </Box>
      <Filtros onFiltrar={(f) => (setCelda(null), setFiltro(f))} />
      <ErrorAlert message={error} />
      {!data && !error && <Loading />}
      {data && data.programas.length === 0 && <Typography>No hay apoyos en el padrón con esos filtros.</Typography>}
      {data && data.programas.length > 0 && <Matriz matriz={data} onCelda={setCelda} />}
      {celda && <Personas filtro={filtro} celda={celda} />}
      <VariosApoyos filtro={filtro} />
    </Page>
  );
}
