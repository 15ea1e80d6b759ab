/**
 * «Ver solicitud» for an official: the summary and the applicant, the actions the server says this
 * official may take now, the correction asked, the delivery, requirements, answers, documents and
 * history. The parts are in ver-solicitud/.
 */
import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { ErrorAlert, Loading, Page } from '../components/common.tsx';
import { useLoad } from '../hooks.ts';
import { funcionarioApi, type Accion } from './api.ts';
import { AccionDialog } from './ver-solicitud/AccionDialog.tsx';
import { Acciones, ApoyoEntregado, CorreccionPedida, EnPadronConOtraCurp, TambienRecibe, Documentos, Historial, Requisitos, Respuestas, ResumenYSolicitante } from './ver-solicitud/Secciones.tsx';

function VolverASolicitudes({ variant }: { variant: 'text' | 'outlined' }) {
  return (
    <Button component={RouterLink} to="/funcionario/solicitudes" variant={variant} startIcon={<ArrowBackIcon aria-hidden="true" />} sx={variant === 'text' ? { mb: 2, mt: -1 } : undefined}>
      Volver a Solicitudes
    </Button>
  );
}

export function VerSolicitudFuncionarioPage() {
  const { id = '' } = useParams();
  const { data: s, error, reload } = useLoad(() => funcionarioApi.solicitud(id), [id]);
  const [accion, setAccion] = useState<Accion | null>(null);
  const [aviso, setAviso] = useState<string | null>(null);
  const avisoRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (aviso) avisoRef.current?.focus();
  }, [aviso]);
  const closed = (mensaje?: string) => {
    setAccion(null);
    if (mensaje) setAviso(mensaje);
    reload();
  };

  if (error) {
    return (
      <Page title="Ver solicitud">
        <ErrorAlert message={error} />
        <VolverASolicitudes variant="outlined" />
      </Page>
    );
  }
  if (!s) return <Loading label="Cargando la solicitud…" />;
  return (
    <Page title={`Solicitud ${s.folio}`} heading={`Solicitud ${s.folio}`}>
      <VolverASolicitudes variant="text" />
      {aviso && (
        <Alert severity="success" role="status" ref={avisoRef} tabIndex={-1} sx={{ mb: 3 }} onClose={() => setAviso(null)}>
          {aviso}
        </Alert>
      )}
      <ResumenYSolicitante s={s} />
      <Acciones s={s} onAccion={setAccion} />
      <CorreccionPedida s={s} />
      <ApoyoEntregado s={s} />
      <TambienRecibe s={s} />
      <EnPadronConOtraCurp s={s} />
      <Requisitos s={s} />
      <Respuestas s={s} />
      <Documentos s={s} />
      <Historial s={s} />
      {accion && <AccionDialog key={accion.evento} s={s} accion={accion} onClose={() => closed()} onDone={(mensaje) => closed(mensaje)} />}
    </Page>
  );
}
