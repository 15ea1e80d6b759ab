/** The start page once open: a new record, the sending, the records by state, and the work package. */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { Loading, Page } from '../../../runtime/web/src/components/common.tsx';
import { formatDateTime } from '../../../runtime/web/src/format.ts';
import { rutasDeCampo } from '../rutas.ts';
import { useCampo } from '../estado.tsx';
import { detalles } from '../paquete.ts';
import { registroNuevo } from '../registro.ts';
import { Envio } from './Envio.tsx';
import { GRUPOS, Grupo } from './Registros.tsx';
import { Visitas } from './Visitas.tsx';

function Paquete() {
  const { paquete, descargadoEn, enLinea, descargarPaquete } = useCampo();
  const [aviso, setAviso] = useState<{ ok: boolean; texto: string } | null>(null);
  const [bajando, setBajando] = useState(false);
  const actualizar = async () => {
    setBajando(true);
    const error = await descargarPaquete();
    setBajando(false);
    setAviso(error ? { ok: false, texto: error } : { ok: true, texto: 'Paquete actualizado.' });
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="paquete-titulo" sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography variant="h2" id="paquete-titulo" sx={{ fontSize: '1.25rem', mb: 1 }}>
        Paquete de trabajo
      </Typography>
      <Typography sx={{ mb: 2 }}>
        {paquete ? `Descargado ${formatDateTime(descargadoEn)}: ${detalles(paquete).map((p) => p.nombre).join(', ') || 'sin programas'}; ${paquete.visitas.length} ${paquete.visitas.length === 1 ? 'visita' : 'visitas'} en tu lista.` : 'Todavía no hay paquete en este dispositivo.'}
      </Typography>
      <Button variant="outlined" onClick={() => void actualizar()} disabled={!enLinea || bajando}>
        {bajando ? 'Descargando…' : 'Actualizar paquete'}
      </Button>
      {!enLinea && <Typography color="text.secondary" sx={{ mt: 1 }}>Para actualizarlo necesitas conexión.</Typography>}
      <Box role="status" sx={{ mt: aviso ? 2 : 0 }}>
        {aviso && <Alert severity={aviso.ok ? 'success' : 'error'}>{aviso.texto}</Alert>}
      </Box>
    </Paper>
  );
}

export function Lista() {
  const { registros, boveda, recargar, paquete } = useCampo();
  const navigate = useNavigate();
  const nuevo = async () => {
    const r = registroNuevo(new Date());
    await boveda.guardar(r);
    await recargar();
    navigate(rutasDeCampo.registro(r.idCliente));
  };
  if (!registros) return <Loading label="Abriendo los registros…" />;
  const pendientes = registros.filter((r) => r.estado === 'pendiente').length;
  return (
    <Page title="Registros" lead="Registra a cada persona aunque no haya señal: todo se guarda cifrado en este dispositivo y se envía cuando vuelve la conexión.">
      <Box sx={{ mb: 3 }}>
        <Button variant="contained" size="large" startIcon={<PersonAddIcon aria-hidden="true" />} onClick={() => void nuevo()} disabled={!paquete?.programas.length}>
          Nuevo registro
        </Button>
      </Box>
      <Envio pendientes={pendientes} />
      <Visitas />
      {GRUPOS.map((g) => (
        <Grupo key={g.id} id={g.id} titulo={g.titulo} vacio={g.vacio} registros={registros.filter((r) => g.estados.includes(r.estado))} />
      ))}
      <Paquete />
    </Page>
  );
}
