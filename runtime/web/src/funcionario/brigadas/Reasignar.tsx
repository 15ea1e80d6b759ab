/** «Reasignar una visita»: a pending visit of the area's work lists handed to another brigadista. */
import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { ErrorAlert, Loading } from '../../components/common.tsx';
import { useLoad } from '../../hooks.ts';
import { messageOf } from '../../api.ts';
import { SelectField } from '../common.tsx';
import { brigadasApi, type BrigadistaSupervisado } from './api.ts';

export function Reasignar({ brigadistas, onHecho }: { brigadistas: BrigadistaSupervisado[]; onHecho: () => void }) {
  const { data: visitas, error, reload } = useLoad(() => brigadasApi.visitas(), []);
  const [visita, setVisita] = useState('');
  const [destino, setDestino] = useState('');
  const [problema, setProblema] = useState<string | null>(null);
  const [hecho, setHecho] = useState<string | null>(null);
  const [ocupado, setOcupado] = useState(false);
  if (error) return <ErrorAlert message={error} />;
  if (!visitas) return <Loading label="Cargando las visitas…" />;
  const pendientes = visitas.filter((v) => v.estado === 'pendiente');
  if (pendientes.length === 0) return <Typography>No hay visitas pendientes en las listas de tu área.</Typography>;
  const nombreDe = (id: string) => brigadistas.find((b) => b.id === id)?.nombre ?? 'otro brigadista';

  const enviar = async (e: FormEvent) => {
    e.preventDefault();
    setHecho(null);
    if (!visita || !destino) return setProblema('Elige la visita y el brigadista que la hará.');
    setOcupado(true);
    try {
      const movida = await brigadasApi.reasignar(visita, destino);
      setProblema(null);
      setHecho(`La visita a ${movida.nombre} ahora es de ${nombreDe(movida.brigadista)}.`);
      setVisita('');
      reload();
      onHecho();
    } catch (err) {
      setProblema(messageOf(err));
    } finally {
      setOcupado(false);
    }
  };

  return (
    <Box component="form" noValidate onSubmit={enviar} aria-label="Reasignar una visita" sx={{ display: 'grid', gap: 2, maxWidth: 560 }}>
      {problema && <ErrorAlert message={problema} />}
      {hecho && (
        <Alert severity="success" role="status">
          {hecho}
        </Alert>
      )}
      <SelectField id="reasignar-visita" label="Visita pendiente" value={visita} onChange={(e) => setVisita(e.target.value)} placeholder="Elige una visita" options={pendientes.map((v) => ({ value: v.id, label: `${v.nombre}${v.domicilio ? `, ${v.domicilio}` : ''} (de ${nombreDe(v.brigadista)})` }))} />
      <SelectField id="reasignar-brigadista" label="Pasarla a" value={destino} onChange={(e) => setDestino(e.target.value)} placeholder="Elige un brigadista" options={brigadistas.map((b) => ({ value: b.id, label: `${b.nombre} (${b.usuario})` }))} />
      <Box>
        <Button type="submit" variant="contained" disabled={ocupado}>
          Reasignar la visita
        </Button>
      </Box>
    </Box>
  );
}
