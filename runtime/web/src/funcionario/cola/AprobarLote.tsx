/** Bulk approval of the selected applications, each on its own, with one result per application. */
import { useState, type CSSProperties } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import { messageOf } from '../../api.ts';
import { StatusChip, visuallyHidden } from '../../components/common.tsx';
import { funcionarioApi, type FilaSolicitud, type ResultadoLote } from '../api.ts';
import { FormDialog } from '../common.tsx';

/**
 * Sends the bulk approval: the rows chosen, grouped by the event that approves each (workflows may
 * name it differently), with the results back in the order chosen.
 */
async function aprobarPorEvento(filas: FilaSolicitud[], ids: string[], comentario?: string): Promise<ResultadoLote[]> {
  const porEvento = new Map<string, string[]>();
  for (const id of ids) {
    const evento = filas.find((r) => r.id === id)?.aprobar;
    if (evento) porEvento.set(evento, [...(porEvento.get(evento) ?? []), id]);
  }
  const resultados = new Map<string, ResultadoLote>();
  for (const [evento, grupo] of porEvento) for (const r of (await funcionarioApi.lote(grupo, evento, comentario)).resultados) resultados.set(r.id, r);
  return ids.flatMap((id) => resultados.get(id) ?? []);
}

const visuallyHiddenCaption: CSSProperties = { ...visuallyHidden };

function ResultadosDelLote({ resultados }: { resultados: ResultadoLote[] }) {
  const aprobadas = resultados.filter((r) => r.ok).length;
  return (
    <>
      <Alert severity={aprobadas === resultados.length ? 'success' : 'warning'} role="status" sx={{ mb: 2 }}>
        Se aprobaron {aprobadas} de {resultados.length}.
      </Alert>
      <TableContainer>
        <Table size="small">
          <caption style={visuallyHiddenCaption}>Resultado por solicitud</caption>
          <TableHead>
            <TableRow>
              <TableCell scope="col">Folio</TableCell>
              <TableCell scope="col">Resultado</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {resultados.map((r) => (
              <TableRow key={r.id} data-resultado={r.ok ? 'ok' : 'error'}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.folio ?? r.id}</TableCell>
                <TableCell>
                  {r.ok ? (
                    <StatusChip estado={r.estado ?? 'Aprobada'} />
                  ) : (
                    <Typography component="span" sx={{ color: 'error.main', fontWeight: 600 }}>
                      No se aprobó: {r.error?.message}
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}

function Confirmacion({ folios, comentario, onComentario }: { folios: string[]; comentario: string; onComentario: (c: string) => void }) {
  return (
    <>
      <Typography sx={{ mb: 1 }}>Se aprobará cada solicitud por separado; las que no se puedan aprobar te dirán por qué. A cada persona se le emitirá su código QR de entrega.</Typography>
      <Typography sx={{ mb: 2, fontWeight: 600 }}>Folios: {folios.join(', ')}</Typography>
      <TextField
        id="lote-comentario"
        label="Comentario (opcional)"
        multiline
        minRows={3}
        value={comentario}
        onChange={(e) => onComentario(e.target.value)}
        helperText="Queda en el historial de cada solicitud."
        slotProps={{ htmlInput: { maxLength: 2000 } }}
      />
    </>
  );
}

function useLote(filas: FilaSolicitud[], ids: string[], onDone: () => void) {
  const [abierto, setAbierto] = useState(false);
  const [comentario, setComentario] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [resultados, setResultados] = useState<ResultadoLote[] | null>(null);
  const aprobar = async () => {
    setBusy(true);
    setError(null);
    try {
      setResultados(await aprobarPorEvento(filas, ids, comentario.trim() || undefined));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const abrir = () => {
    setAbierto(true);
    setError(null);
  };
  const cerrar = () => {
    setAbierto(false);
    if (resultados) {
      setResultados(null);
      setComentario('');
      onDone();
    }
  };
  return { abierto, comentario, setComentario, busy, error, resultados, aprobar, abrir, cerrar };
}

export function AprobarLote({ filas, ids, onDone }: { filas: FilaSolicitud[]; ids: string[]; onDone: () => void }) {
  const l = useLote(filas, ids, onDone);
  const folios = ids.map((id) => filas.find((r) => r.id === id)?.folio ?? id);
  return (
    <>
      <Button variant="contained" color="success" startIcon={<DoneAllIcon aria-hidden="true" />} disabled={ids.length === 0} onClick={l.abrir}>
        Aprobar seleccionadas{ids.length ? ` (${ids.length})` : ''}
      </Button>
      <FormDialog
        open={l.abierto}
        title={l.resultados ? 'Resultado de la aprobación' : `Aprobar ${ids.length === 1 ? '1 solicitud' : `${ids.length} solicitudes`}`}
        onClose={l.cerrar}
        onSubmit={l.aprobar}
        submitLabel="Aprobar"
        submitColor="success"
        busy={l.busy}
        error={l.error}
        hideSubmit={!!l.resultados}
        maxWidth="md"
        initialFocus="lote-comentario"
      >
        {!l.resultados ? <Confirmacion folios={folios} comentario={l.comentario} onComentario={l.setComentario} /> : <ResultadosDelLote resultados={l.resultados} />}
      </FormDialog>
    </>
  );
}
