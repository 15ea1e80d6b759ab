/** The brigade's work list from the package: each household to visit, and «Registrar» to start its record. */
import { useNavigate } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { visuallyHidden } from '../../../runtime/web/src/components/common.tsx';
import { useCampo } from '../estado.tsx';
import type { VisitaDeCampo } from '../paquete.ts';
import { registroNuevo } from '../registro.ts';
import { rutasDeCampo } from '../rutas.ts';

function Visita({ v, hecha }: { v: VisitaDeCampo; hecha: boolean }) {
  const { boveda, recargar } = useCampo();
  const navigate = useNavigate();
  const registrar = async () => {
    const r = registroNuevo(new Date(), v.id);
    await boveda.guardar({ ...r, persona: { ...r.persona, curp: v.curp ?? '' } });
    await recargar();
    navigate(rutasDeCampo.registro(r.idCliente));
  };
  return (
    <Paper component="li" variant="outlined" sx={{ p: 2, listStyle: 'none' }}>
      <Typography component="h3" variant="h4" sx={{ fontSize: '1.05rem' }}>
        {v.nombre}
      </Typography>
      <Typography color="text.secondary">{[v.domicilio, v.curp].filter(Boolean).join(' · ') || 'Sin domicilio'}</Typography>
      {v.nota && <Typography sx={{ mt: 0.5 }}>{v.nota}</Typography>}
      {hecha ? (
        <Typography sx={{ mt: 1, fontWeight: 600 }}>Ya tiene un registro en este dispositivo.</Typography>
      ) : (
        <Button variant="outlined" onClick={() => void registrar()} sx={{ mt: 1 }}>
          Registrar<Box component="span" sx={visuallyHidden}> a {v.nombre}</Box>
        </Button>
      )}
    </Paper>
  );
}

export function Visitas() {
  const { paquete, registros } = useCampo();
  const visitas = paquete?.visitas ?? [];
  if (visitas.length === 0) return null;
  const hechas = new Set((registros ?? []).map((r) => r.visita).filter(Boolean));
  return (
    <Box component="section" aria-labelledby="visitas-titulo" sx={{ mb: 3 }}>
      <Typography variant="h2" id="visitas-titulo" sx={{ fontSize: '1.25rem', mb: 1.5 }}>
        Lista de visitas ({visitas.length})
      </Typography>
      <Box component="ul" sx={{ p: 0, m: 0, display: 'grid', gap: 1.5 }}>
        {visitas.map((v) => (
          <Visita key={v.id} v={v} hecha={hechas.has(v.id)} />
        ))}
      </Box>
    </Box>
  );
}
