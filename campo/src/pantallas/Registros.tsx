/** The records on the device, one card each, grouped by where they stand: what each needs from the brigadista. */
import { Link as RouterLink, useNavigate } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { Folio, visuallyHidden } from '../../../runtime/web/src/components/common.tsx';
import { formatDateTime } from '../../../runtime/web/src/format.ts';
import { rutasDeCampo } from '../rutas.ts';
import { useCampo } from '../estado.tsx';
import { programaDe } from '../paquete.ts';
import { correccionDe, nombreCompleto, type EstadoLocal, type RegistroLocal } from '../registro.ts';

export const GRUPOS: Array<{ id: string; titulo: string; estados: EstadoLocal[]; vacio: string }> = [
  { id: 'borradores', titulo: 'Borradores', estados: ['borrador'], vacio: 'No hay registros sin terminar.' },
  { id: 'pendientes', titulo: 'Pendientes de enviar', estados: ['pendiente'], vacio: 'No hay registros esperando conexión.' },
  { id: 'enviados', titulo: 'Enviados', estados: ['aceptado'], vacio: 'Todavía no hay registros aceptados.' },
  { id: 'rechazados', titulo: 'Rechazados', estados: ['rechazado', 'corregido'], vacio: 'No hay registros rechazados.' },
  { id: 'conflictos', titulo: 'Conflictos', estados: ['conflicto'], vacio: 'No hay conflictos.' },
];

const ESTADO: Record<EstadoLocal, { label: string; color: 'default' | 'primary' | 'success' | 'warning' | 'error' | 'info' }> = {
  borrador: { label: 'Sin terminar', color: 'default' },
  pendiente: { label: 'Por enviar', color: 'info' },
  aceptado: { label: 'Aceptado', color: 'success' },
  rechazado: { label: 'Rechazado', color: 'error' },
  conflicto: { label: 'Conflicto', color: 'warning' },
  corregido: { label: 'Corregido', color: 'default' },
};

function Motivos({ r }: { r: RegistroLocal }) {
  const motivos = r.resultado?.motivos ?? [];
  if (!motivos.length) return null;
  return (
    <Box component="ul" sx={{ m: 0, mt: 1, pl: 2.5 }} aria-label={`Motivos de ${nombreCompleto(r.persona)}`}>
      {motivos.map((m, i) => (
        <li key={`${m.codigo}-${i}`}>{m.mensaje}</li>
      ))}
    </Box>
  );
}

function Acciones({ r }: { r: RegistroLocal }) {
  const { boveda, recargar } = useCampo();
  const navigate = useNavigate();
  const nombre = <Box component="span" sx={visuallyHidden}> de {nombreCompleto(r.persona)}</Box>;
  const corregir = async () => {
    const nuevo = correccionDe(r, new Date());
    await boveda.guardar(nuevo);
    await boveda.copiarFotos(r.idCliente, nuevo.idCliente);
    await boveda.cambiar(r.idCliente, (x) => ({ ...x, estado: 'corregido', corregidoPor: nuevo.idCliente }));
    await recargar();
    navigate(rutasDeCampo.registro(nuevo.idCliente));
  };
  if (r.estado === 'borrador') {
    return (
      <Button variant="outlined" component={RouterLink} to={rutasDeCampo.registro(r.idCliente)} sx={{ mt: 1.5 }}>
        Continuar el registro{nombre}
      </Button>
    );
  }
  if (r.estado === 'corregido') return <Typography sx={{ mt: 1.5, fontWeight: 600 }}>Corregido: se envía como un registro nuevo.</Typography>;
  if (r.estado !== 'rechazado') return null;
  return (
    <Button variant="contained" onClick={() => void corregir()} sx={{ mt: 1.5 }}>
      Corregir y reenviar{nombre}
    </Button>
  );
}

function Tarjeta({ r }: { r: RegistroLocal }) {
  const { paquete } = useCampo();
  const programa = paquete ? programaDe(paquete, r.programa)?.detalle.nombre : undefined;
  const e = ESTADO[r.estado];
  return (
    <Paper component="li" variant="outlined" data-registro={r.idCliente} sx={{ p: 2, listStyle: 'none' }}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography component="h3" variant="h4" sx={{ mr: 'auto', fontSize: '1.1rem' }}>
          {nombreCompleto(r.persona)}
        </Typography>
        <Chip label={e.label} color={e.color} size="small" sx={{ fontWeight: 700 }} />
      </Box>
      <Typography color="text.secondary" sx={{ fontSize: '0.95rem' }}>
        {[r.persona.curp || 'Sin CURP', programa, `capturado ${formatDateTime(r.creadoEn)}`].filter(Boolean).join(' · ')}
      </Typography>
      {r.resultado?.folio && (
        <Typography sx={{ mt: 1 }}>
          Folio: <Folio folio={r.resultado.folio} sx={{ fontWeight: 700 }} />
        </Typography>
      )}
      {r.estado === 'pendiente' && r.sinRespuesta && <Typography sx={{ mt: 1 }}>Se envió sin respuesta; lo confirmaremos con el servidor antes de enviarlo otra vez.</Typography>}
      <Motivos r={r} />
      <Acciones r={r} />
    </Paper>
  );
}

export function Grupo({ id, titulo, vacio, registros }: { id: string; titulo: string; vacio: string; registros: RegistroLocal[] }) {
  return (
    <Box component="section" aria-labelledby={`${id}-titulo`} sx={{ mb: 3 }}>
      <Typography variant="h2" id={`${id}-titulo`} sx={{ fontSize: '1.25rem', mb: 1.5 }}>
        {titulo} ({registros.length})
      </Typography>
      {registros.length === 0 ? (
        <Typography color="text.secondary">{vacio}</Typography>
      ) : (
        <Box component="ul" sx={{ p: 0, m: 0, display: 'grid', gap: 1.5 }}>
          {registros.map((r) => (
            <Tarjeta key={r.idCliente} r={r} />
          ))}
        </Box>
      )}
    </Box>
  );
}
