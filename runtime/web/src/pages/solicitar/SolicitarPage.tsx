/**
 * "Solicitar": the program's form one step (Category) at a time. Each "Siguiente" saves the draft on the
 * server with the step number; the server answers that step's errors, shown next to the fields, and the
 * person moves on only when there are none. Then the documents, then "Revisar y enviar" with the
 * eligibility result and the submit button.
 *
 * The step list opens any step already reached (going forward still checks the step being left); a
 * draft reopens at the step where the person left it, on any device (the server keeps the step with the
 * draft, forms/progress.ts); «Cambiar» on the review page offers «Volver a revisión» on that step.
 * State and requests live in useSolicitud (navigation: a pure reducer, navegacion.ts) and useEnvio.
 */
import { Link as RouterLink, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { Borrador, ClienteSolicitud, SolicitudResumen } from '../../api.ts';
import { ErrorAlert, Loading, Page } from '../../components/common.tsx';
import { Botones } from './Botones.tsx';
import { PasoDocumentos } from './PasoDocumentos.tsx';
import { PasoFormulario } from './PasoFormulario.tsx';
import { Pasos } from './Pasos.tsx';
import { PasoRevision } from './PasoRevision.tsx';
import { useEnvio } from './useEnvio.tsx';
import { useSolicitud, type Solicitud } from './useSolicitud.ts';

function NoSePuedeAbrir({ message, client }: { message: string; client: ClienteSolicitud }) {
  return (
    <Page title="Solicitar apoyo">
      <ErrorAlert message={message} title="No podemos abrir esta solicitud" />
      <Button component={RouterLink} to={client.rutas.apoyos} variant="outlined">
        Ver apoyos disponibles
      </Button>
    </Page>
  );
}

/** One active application per program: said before the whole form, with the way to it. */
function YaTieneSolicitud({ nombre, activa, client }: { nombre: string; activa: SolicitudResumen; client: ClienteSolicitud }) {
  return (
    <Page title={`Solicitud: ${nombre}`} heading={`Solicitud de ${nombre}`}>
      <Alert severity="info" sx={{ mb: 3 }}>
        <AlertTitle>Ya tienes una solicitud en este programa</AlertTitle>
        Tu solicitud {activa.folio} está «{activa.estado}». Solo puede haber una solicitud activa por programa; puedes seguirla en «Mis solicitudes».
      </Alert>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <Button variant="contained" component={RouterLink} to={client.rutas.solicitud(activa.id)}>
          Ver mi solicitud
        </Button>
        <Button variant="outlined" component={RouterLink} to={client.rutas.apoyos}>
          Ver otros apoyos
        </Button>
      </Stack>
    </Page>
  );
}

function AvisoDeBorrador({ borrador, resumed }: { borrador: Borrador; resumed: boolean }) {
  if (borrador.origen === 'borrador') {
    return (
      <Alert severity="info" sx={{ mb: 3 }}>
        {resumed
          ? 'Retomamos tu borrador guardado en el paso donde te quedaste. Puedes volver a cualquier paso anterior desde la lista de pasos.'
          : 'Retomamos tu borrador guardado con tus respuestas. Revísalas y avanza con «Siguiente».'}
      </Alert>
    );
  }
  if (borrador.origen !== 'expediente') return null;
  return (
    <Alert severity="info" sx={{ mb: 3 }}>
      Prellenamos con tus respuestas anteriores. Revisa que sigan siendo correctas antes de continuar.
    </Alert>
  );
}

function Formulario({ s }: { s: Solicitud }) {
  const envio = useEnvio(s);
  const { nav, labels, steps } = s;
  return (
    <>
      <Pasos labels={labels} current={nav.step} reached={nav.reached} onSelect={(i) => void s.moveTo(i, envio.submitting)} />
      <Paper variant="outlined" sx={{ p: { xs: 1.5, sm: 4 }, mx: { xs: -0.5, sm: 0 } }}>
        <Typography variant="h2" ref={s.headingRef} tabIndex={-1} sx={{ mb: 2, '&:focus': { outline: 'none' } }}>
          <Box component="span" sx={{ display: 'block', fontSize: '0.95rem', fontWeight: 600, color: 'text.secondary' }}>
            Paso {nav.step + 1} de {labels.length}
          </Box>
          {labels[nav.step]}
        </Typography>
        <ErrorAlert message={nav.saveError} title="No pudimos guardar tus respuestas" />
        {nav.step < steps.length && <PasoFormulario s={s} />}
        {nav.step === s.docStep && <PasoDocumentos s={s} />}
        {nav.step === s.reviewStep && <PasoRevision s={s} envio={envio} />}
        <Botones s={s} submitting={envio.submitting} />
      </Paper>
    </>
  );
}

export function SolicitarPage() {
  const { programaId = '' } = useParams();
  const s = useSolicitud(programaId);
  const { cargado, loadError, schema, client } = s;
  if (loadError) return <NoSePuedeAbrir message={loadError} client={client} />;
  if (!cargado || !schema) return <Loading label="Preparando tu solicitud…" />;
  const { programa, borrador, activa } = cargado;
  if (activa) return <YaTieneSolicitud nombre={programa.nombre} activa={activa} client={client} />;
  return (
    <Page title={`Solicitud: ${programa.nombre}`} heading={`Solicitud de ${programa.nombre}`}>
      <AvisoDeBorrador borrador={borrador} resumed={s.nav.resumed} />
      <Formulario s={s} />
    </Page>
  );
}
