/** After «Guardar para enviar»: the record is in the queue; it goes now if there is a network, later if not. */
import { useEffect, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { Page } from '../../../runtime/web/src/components/common.tsx';
import { rutasDeCampo } from '../rutas.ts';
import { useCampo } from '../estado.tsx';
import { nombreCompleto, registroNuevo, type RegistroLocal } from '../registro.ts';

export function ListoPage() {
  const { id = '' } = useParams();
  const { boveda, enLinea, enviarAhora, recargar } = useCampo();
  const navigate = useNavigate();
  const [r, setR] = useState<RegistroLocal | null>(null);
  useEffect(() => {
    void boveda.registro(id).then(setR);
    void recargar();
  }, [boveda, id, recargar]);
  const otra = async () => {
    const nuevo = registroNuevo(new Date());
    await boveda.guardar(nuevo);
    navigate(rutasDeCampo.registro(nuevo.idCliente));
  };
  const enviar = async () => {
    await enviarAhora();
    navigate(rutasDeCampo.lista);
  };
  return (
    <Page title="Registro guardado">
      <Alert severity="success" role="status" sx={{ mb: 3 }}>
        <AlertTitle>{r ? `Guardamos el registro de ${nombreCompleto(r.persona)}` : 'Guardamos el registro'}</AlertTitle>
        {enLinea ? 'Está en la lista de envío; puedes enviarlo ahora.' : 'Está en la lista de envío y se enviará cuando vuelva la conexión. El folio llegará entonces.'} Al recibirlo, el servidor
        revisa otra vez los requisitos, también con lo que solo él sabe (el Padrón Estatal, otras solicitudes).
      </Alert>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <Button variant="contained" size="large" onClick={() => void otra()}>
          Registrar a otra persona
        </Button>
        {enLinea && (
          <Button variant="outlined" size="large" onClick={() => void enviar()}>
            Enviar ahora
          </Button>
        )}
        <Button variant="outlined" size="large" component={RouterLink} to={rutasDeCampo.lista}>
          Ver los registros
        </Button>
      </Stack>
    </Page>
  );
}
