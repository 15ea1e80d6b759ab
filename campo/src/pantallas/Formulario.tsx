/** The program's form of a record: the citizen portal's own pages (steps, documents, review) on the device's client. */
import { useMemo } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { ClienteSolicitudContext } from '../../../runtime/web/src/api.ts';
import { Loading, Page } from '../../../runtime/web/src/components/common.tsx';
import { SolicitarPage } from '../../../runtime/web/src/pages/solicitar/SolicitarPage.tsx';
import { clienteDeCampo } from '../cliente.ts';
import { rutasDeCampo } from '../rutas.ts';
import { useCampo } from '../estado.tsx';
import { programaDe } from '../paquete.ts';

export function FormularioPage() {
  const { id = '', programaId = '' } = useParams();
  const { boveda, paquete } = useCampo();
  const programa = paquete ? programaDe(paquete, programaId) : null;
  const cliente = useMemo(() => (programa && paquete ? clienteDeCampo(boveda, id, paquete, programa) : null), [boveda, id, paquete, programa]);
  if (!paquete) return <Loading />;
  if (!cliente) {
    return (
      <Page title="Programa no disponible">
        <Typography sx={{ mb: 2 }}>El programa de este registro no está en tu paquete de trabajo. Actualiza el paquete con conexión o elige otro programa.</Typography>
        <Button variant="contained" component={RouterLink} to={rutasDeCampo.registro(id)}>
          Volver a los datos de la persona
        </Button>
      </Page>
    );
  }
  return (
    <ClienteSolicitudContext.Provider value={cliente}>
      <SolicitarPage />
    </ClienteSolicitudContext.Provider>
  );
}
