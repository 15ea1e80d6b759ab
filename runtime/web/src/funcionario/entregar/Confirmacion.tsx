/** «2. Confirmar la entrega»: who and what, a warning when it was delivered before, and the result. */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { StatusChip } from '../../components/common.tsx';
import { formatDateTime } from '../../format.ts';
import type { Verificacion } from '../api.ts';
import { DataList } from '../common.tsx';
import { yaEntregada, type Entrega } from './useEntrega.ts';

function Confirmar({ e, v }: { e: Entrega; v: Verificacion }) {
  return (
    <>
      <Typography sx={{ mt: 2 }}>
        Pide una identificación y revisa que el nombre coincida. Entrega {v.apoyo.tipo} ({v.apoyo.detalle}) y después confirma.
      </Typography>
      <Typography role="status" color="text.secondary" sx={{ mt: 1, fontSize: '0.95rem' }}>
        {e.ubicacion}
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ mt: 2 }}>
        <Button variant="contained" color="success" size="large" onClick={e.confirmar} disabled={e.confirmando}>
          {e.confirmando ? 'Registrando…' : 'Confirmar entrega'}
        </Button>
        <Button variant="outlined" size="large" onClick={e.otra} disabled={e.confirmando}>
          Cancelar
        </Button>
      </Stack>
    </>
  );
}

function Verificada({ e, v }: { e: Entrega; v: Verificacion }) {
  const previa = v.entregada ? yaEntregada(v.entregada) : null;
  return (
    <Box data-verificacion>
      <DataList
        items={[
          ['Folio', <strong key="f">{v.folio}</strong>],
          ['Nombre', v.nombre],
          ['Programa', v.programaNombre],
          ['Qué entregar', <strong key="a">{`${v.apoyo.tipo}: ${v.apoyo.detalle}`}</strong>],
          ['Estado', <StatusChip key="e" estado={v.estado} />],
        ]}
      />
      {previa ? (
        <Alert severity="warning" variant="filled" role="alert" sx={{ mt: 2 }}>
          <AlertTitle>No entregues de nuevo</AlertTitle>
          {previa}
        </Alert>
      ) : (
        <Confirmar e={e} v={v} />
      )}
    </Box>
  );
}

function Resultado({ e }: { e: Entrega }) {
  const { entregada, repetida } = e;
  return (
    <>
      {entregada && (
        <Alert severity="success" icon={<CheckCircleIcon aria-hidden="true" />} role="status">
          <AlertTitle>Entrega registrada</AlertTitle>
          Folio {entregada.folio}: entregado el {formatDateTime(entregada.entregada.fecha)} por {entregada.entregada.funcionario}. Se entregó {entregada.apoyo.tipo} ({entregada.apoyo.detalle}).
        </Alert>
      )}
      {repetida && (
        <Alert severity="warning" variant="filled" role="alert">
          <AlertTitle>Este apoyo ya se había entregado</AlertTitle>
          {repetida}
        </Alert>
      )}
    </>
  );
}

export function Confirmacion({ e }: { e: Entrega }) {
  const { verificacion, entregada, repetida, error } = e;
  const previa = !!verificacion?.entregada;
  return (
    <Paper variant="outlined" component="section" aria-labelledby="resultado-titulo" sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography variant="h2" id="resultado-titulo" sx={{ mb: 2, fontSize: '1.3rem' }}>
        2. Confirmar la entrega
      </Typography>
      <Box ref={e.resultadoRef} tabIndex={-1} sx={{ '&:focus': { outline: 'none' } }}>
        {!verificacion && !entregada && !repetida && !error && <Typography color="text.secondary">Aquí verás el folio, el nombre y el programa cuando leas un código.</Typography>}
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        {verificacion && <Verificada e={e} v={verificacion} />}
        <Resultado e={e} />
        {(entregada || repetida || previa || error) && (
          <Button variant="contained" sx={{ mt: 2 }} onClick={e.otra}>
            Leer otro código
          </Button>
        )}
      </Box>
    </Paper>
  );
}
