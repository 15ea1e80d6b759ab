import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import GlobalStyles from '@mui/material/GlobalStyles';
import PrintIcon from '@mui/icons-material/Print';
import HistoryIcon from '@mui/icons-material/History';
import VisibilityIcon from '@mui/icons-material/Visibility';
import EditIcon from '@mui/icons-material/Edit';
import { api, type EventoHistorial, type ProgramaDetalle, type SolicitudDetalle, type SolicitudResumen } from '../api.ts';
import { ErrorAlert, Folio, Loading, Page, ResponsiveTable, StatusChip, visuallyHidden } from '../components/common.tsx';
import { AnswersView } from '../forms/AnswersView.tsx';
import { formatBytes, formatDate, formatDateTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { Correccion } from './solicitudes/Correccion.tsx';

export function MisSolicitudesPage() {
  const { data, error } = useLoad(() => api.solicitudes(), []);
  // The list names the support type by id; its name is in the catalog.
  const { data: catalogo } = useLoad(() => api.programas().catch(() => []), []);
  const tipoNombre = (r: SolicitudResumen) => {
    if (!r.tipoApoyo) return '—';
    const apoyo = catalogo?.find((p) => p.id === r.programa.id)?.apoyos.find((a) => a.id === r.tipoApoyo);
    return apoyo?.nombre ?? r.tipoApoyo;
  };
  return (
    <Page title="Mis solicitudes" lead="Aquí están tus solicitudes y su estado. Te avisaremos por SMS cuando cambie el estado de alguna.">
      <ErrorAlert message={error} title="No pudimos cargar tus solicitudes" />
      {!data && !error && <Loading label="Cargando tus solicitudes…" />}
      {data && data.length === 0 && (
        <Paper variant="outlined" sx={{ p: 3 }}>
          <Typography sx={{ mb: 2 }}>Todavía no tienes solicitudes.</Typography>
          <Button variant="contained" component={RouterLink} to="/apoyos">
            Ver apoyos disponibles
          </Button>
        </Paper>
      )}
      {data && data.length > 0 && (
        <ResponsiveTable<SolicitudResumen>
          caption="Tus solicitudes, de la más reciente a la más antigua"
          rows={data}
          rowKey={(r) => r.id}
          columns={[
            {
              header: 'Solicitud',
              cell: (r) => (
                <>
                  <Box component="span" sx={{ fontWeight: 600, display: 'block' }}>
                    {r.programa.nombre}
                  </Box>
                  <Box component="span" sx={{ color: 'text.secondary', fontSize: '0.9rem' }}>
                    {r.folio ? (
                      <>
                        Folio <Folio folio={r.folio} />
                      </>
                    ) : (
                      'Sin enviar'
                    )}{' '}
                    · {formatDate(r.fecha)}
                  </Box>
                </>
              ),
            },
            { header: 'Tipo de apoyo', cell: (r) => (r.estado === 'Borrador' ? '—' : tipoNombre(r)) },
            { header: 'Estado', cell: (r) => <StatusChip estado={r.estado} /> },
            {
              header: 'Acciones',
              cell: (r) =>
                r.estado === 'Borrador' ? (
                  <Button size="small" variant="contained" startIcon={<EditIcon aria-hidden="true" />} component={RouterLink} to={`/solicitar/${r.programa.id}`}>
                    Continuar<Box component="span" sx={visuallyHidden}> solicitud de {r.programa.nombre}</Box>
                  </Button>
                ) : (
                  <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { xs: 'stretch', sm: 'center' } }}>
                    {r.estado === 'Corrección' && (
                      // The one thing the person must do: first, and straight to the correction form.
                      <Button size="small" variant="contained" startIcon={<EditIcon aria-hidden="true" />} component={RouterLink} to={`/solicitudes/${r.id}#corregir`}>
                        Corregir<Box component="span" sx={visuallyHidden}> {r.folio ?? r.programa.nombre}</Box>
                      </Button>
                    )}
                    <Button size="small" variant="outlined" startIcon={<VisibilityIcon aria-hidden="true" />} component={RouterLink} to={`/solicitudes/${r.id}`}>
                      Ver solicitud<Box component="span" sx={visuallyHidden}> {r.folio ?? r.programa.nombre}</Box>
                    </Button>
                    <Button size="small" variant="outlined" startIcon={<HistoryIcon aria-hidden="true" />} component={RouterLink} to={`/solicitudes/${r.id}/historial`}>
                      Historial<Box component="span" sx={visuallyHidden}> de {r.folio ?? r.programa.nombre}</Box>
                    </Button>
                  </Stack>
                ),
            },
          ]}
        />
      )}
    </Page>
  );
}

/** A folio in a page title: smaller on a phone, so that a long one still fits on its line. */
const FOLIO_IN_HEADING = { fontSize: { xs: 'min(0.8em, 5.6vw)', sm: 'inherit' } } as const;

function Resumen({ s }: { s: SolicitudDetalle }) {
  const items: Array<[string, React.ReactNode]> = [
    ['Programa', s.programa.nombre],
    ['Tipo de apoyo', s.tipoApoyo?.nombre ?? '—'],
    ['Folio', s.folio ? <Folio key="f" folio={s.folio} /> : 'Sin enviar'],
    ['Estado', <StatusChip key="e" estado={s.estado} />],
    ['Fecha de solicitud', formatDate(s.fecha)],
  ];
  if (s.etapa) items.push(['Etapa', s.etapa]);
  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, mb: 3 }}>
      {/* On a phone each name above its value: a folio beside «Fecha de solicitud» would not fit on one line. */}
      <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'max-content 1fr' }, columnGap: 3, rowGap: { xs: 0.25, sm: 1 }, alignItems: 'baseline', '& dd': { mb: { xs: 1, sm: 0 } } }}>
        {items.map(([k, v]) => (
          <Box key={k} sx={{ display: 'contents' }}>
            <Typography component="dt" sx={{ fontWeight: 700 }}>
              {k}
            </Typography>
            <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
              {v}
            </Typography>
          </Box>
        ))}
      </Box>
    </Paper>
  );
}

export function EnviadaPage() {
  const { id = '' } = useParams();
  const { data, error } = useLoad(() => api.solicitud(id), [id]);
  if (error) {
    return (
      <Page title="Solicitud enviada">
        <ErrorAlert message={error} />
      </Page>
    );
  }
  if (!data) return <Loading />;
  return (
    <Page title="Solicitud enviada" heading="¡Recibimos tu solicitud!">
      <Alert severity="success" sx={{ mb: 3 }}>
        <AlertTitle>
          Tu folio es <Folio folio={data.folio ?? ''} />
        </AlertTitle>
        Guárdalo: con él puedes dar seguimiento a tu solicitud de {data.programa.nombre}. Te avisaremos por SMS cuando cambie su estado.
      </Alert>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, mb: 3, textAlign: 'center' }}>
        <Typography component="p" sx={{ color: 'text.secondary' }}>
          Folio
        </Typography>
        {/* On a phone the size follows the screen's width so that even a long folio fits on one line. */}
        <Typography component="p" data-folio sx={{ fontSize: { xs: 'clamp(1rem, 5.2vw, 1.4rem)', sm: '2rem' }, fontWeight: 800, letterSpacing: { xs: 0, sm: '0.04em' } }}>
          <Folio folio={data.folio ?? ''} />
        </Typography>
        <Typography component="p" sx={{ mt: 1 }}>
          Estado: <StatusChip estado={data.estado} />
        </Typography>
      </Paper>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <Button variant="contained" component={RouterLink} to={`/solicitudes/${data.id}`}>
          Ver solicitud
        </Button>
        <Button variant="outlined" component={RouterLink} to="/solicitudes">
          Ir a mis solicitudes
        </Button>
      </Stack>
    </Page>
  );
}

/**
 * The delivery QR of an approved application: the image, its text (the official can type it when the
 * camera fails) and "Imprimir", which prints only this block.
 */
function EntregaQrSeccion({ s }: { s: SolicitudDetalle }) {
  const { data, error } = useLoad(() => api.entrega(s.id), [s.id, s.estado]);
  if (error) return <ErrorAlert message={error} title="No pudimos cargar tu código QR de entrega" />;
  if (!data) return <Loading label="Cargando tu código QR de entrega…" />;
  if (data.entregada) {
    return (
      <Alert severity="success" sx={{ mb: 4 }}>
        <AlertTitle>Recibiste tu apoyo</AlertTitle>
        Quedó registrada la entrega el {formatDateTime(data.entregada.fecha)}.
      </Alert>
    );
  }
  return (
    <Paper component="section" aria-labelledby="qr-titulo" variant="outlined" data-qr-entrega sx={{ p: { xs: 2, sm: 3 }, mb: 4, borderWidth: 2, borderColor: 'success.main' }}>
      <GlobalStyles styles={{ '@media print': { 'header, footer, nav, [data-no-print]': { display: 'none !important' }, 'main > div > *:not(h1):not([data-qr-entrega])': { display: 'none !important' } } }} />
      <Typography variant="h2" id="qr-titulo" sx={{ mb: 1 }}>
        Tu código QR para recibir el apoyo
      </Typography>
      <Typography sx={{ mb: 2 }}>Preséntalo con tu identificación el día de la entrega, impreso o en la pantalla de tu celular. Es personal: no lo compartas.</Typography>
      <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 1.5 }}>
        <Box component="img" src={api.urlQrEntrega(s.id)} alt={`Código QR de entrega del folio ${data.folio}`} sx={{ width: { xs: 240, sm: 280 }, height: { xs: 240, sm: 280 }, bgcolor: '#fff', p: 1, border: 1, borderColor: 'divider' }} />
        <Typography component="p" sx={{ fontWeight: 700 }}>
          Folio <Folio folio={data.folio} />
        </Typography>
        <Typography component="p" id="codigo-entrega-ayuda" color="text.secondary" sx={{ fontSize: '0.95rem', textAlign: 'center' }}>
          Si no se puede leer el QR, dicta este código de entrega:
        </Typography>
        <Box component="code" data-codigo-entrega aria-describedby="codigo-entrega-ayuda" sx={{ display: 'block', fontFamily: 'ui-monospace, monospace', fontSize: '1.6rem', fontWeight: 700, letterSpacing: '0.12em', whiteSpace: 'nowrap', bgcolor: '#f3eff1', px: 2, py: 1, borderRadius: 1, textAlign: 'center' }}>
          {data.codigo}
        </Box>
        <Button variant="contained" startIcon={<PrintIcon aria-hidden="true" />} onClick={() => window.print()} data-no-print>
          Imprimir
        </Button>
      </Box>
    </Paper>
  );
}

export function VerSolicitudPage() {
  const { id = '' } = useParams();
  const { data: s, error, reload } = useLoad(() => api.solicitud(id), [id]);
  const programaId = s?.programa.id;
  const { data: programa } = useLoad<ProgramaDetalle | null>(() => (programaId ? api.programa(programaId) : Promise.resolve(null)), [programaId]);
  const [aviso, setAviso] = useState<string | null>(null);

  if (error) {
    return (
      <Page title="Ver solicitud">
        <ErrorAlert message={error} />
        <Button component={RouterLink} to="/solicitudes" variant="outlined">
          Ir a mis solicitudes
        </Button>
      </Page>
    );
  }
  if (!s) return <Loading label="Cargando tu solicitud…" />;
  const enCorreccion = s.estado === 'Corrección' && s.correccion;
  const nombreDoc = (tipo: string) => s.documentosDelPrograma?.find((d) => d.id === tipo)?.nombre ?? programa?.documentos.find((d) => d.id === tipo)?.nombre ?? tipo;
  return (
    <Page title={`Solicitud ${s.folio ?? s.programa.nombre}`} heading={s.folio ? <>Solicitud <Folio folio={s.folio} sx={FOLIO_IN_HEADING} /></> : 'Solicitud'}>
      {aviso && (
        <Alert severity="success" role="status" sx={{ mb: 3 }}>
          {aviso}
        </Alert>
      )}
      <Resumen s={s} />
      {(s.estado === 'Aprobada' || s.estado === 'Entregado') && <EntregaQrSeccion s={s} />}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 4 }}>
        <Button variant="outlined" startIcon={<HistoryIcon aria-hidden="true" />} component={RouterLink} to={`/solicitudes/${s.id}/historial`}>
          Historial de la solicitud
        </Button>
        <Button variant="text" component={RouterLink} to="/solicitudes">
          Volver a mis solicitudes
        </Button>
      </Stack>
      {enCorreccion && (
        <Correccion
          key={`${s.id}-${s.estado}`}
          s={s}
          programa={programa}
          onDone={(msg) => {
            setAviso(msg);
            reload();
            window.scrollTo({ top: 0 });
          }}
        />
      )}
      <Box component="section" aria-labelledby="respuestas" sx={{ mb: 4 }}>
        <Typography variant="h2" id="respuestas" sx={{ mb: 2 }}>
          {enCorreccion ? 'Tu solicitud como la enviaste' : 'Tus respuestas'}
        </Typography>
        <AnswersView schema={s.formulario.schema} uischema={s.formulario.uischema} data={s.respuestas} flagged={enCorreccion ? s.correccion!.campos : undefined} headingLevel={3} />
      </Box>
      <Box component="section" aria-labelledby="documentos">
        <Typography variant="h2" id="documentos" sx={{ mb: 2 }}>
          Documentos
        </Typography>
        {s.documentos.length === 0 ? (
          <Typography>No hay documentos en esta solicitud.</Typography>
        ) : (
          <Paper variant="outlined" component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
            {s.documentos.map((d, i) => (
              <Box component="li" key={d.id} sx={{ p: 2, borderTop: i ? 1 : 0, borderColor: 'divider', display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'baseline' }}>
                <Typography component="span" sx={{ fontWeight: 700 }}>
                  {nombreDoc(d.tipo)}:
                </Typography>
                <Link href={api.urlDocumento(s.id, d.id)} target="_blank" rel="noopener">
                  {d.nombre}
                  <Box component="span" sx={visuallyHidden}>
                    {' '}
                    (se abre en otra pestaña)
                  </Box>
                </Link>
                <Typography component="span" color="text.secondary" sx={{ fontSize: '0.9rem' }}>
                  {formatBytes(d.tamano)}
                  {d.subido ? ` · subido el ${formatDateTime(d.subido)}` : ''}
                </Typography>
              </Box>
            ))}
          </Paper>
        )}
      </Box>
    </Page>
  );
}

export function HistorialPage() {
  const { id = '' } = useParams();
  const { data: s } = useLoad(() => api.solicitud(id), [id]);
  const { data, error } = useLoad<EventoHistorial[]>(() => api.historial(id), [id]);
  return (
    <Page title="Historial de la solicitud" heading={s?.folio ? <>Historial de la solicitud <Folio folio={s.folio} sx={FOLIO_IN_HEADING} /></> : 'Historial de la solicitud'} lead={s ? `${s.programa.nombre}. Todos los movimientos de tu solicitud, del más antiguo al más reciente.` : undefined}>
      <ErrorAlert message={error} />
      {!data && !error && <Loading label="Cargando el historial…" />}
      {data && data.length === 0 && <Typography>Tu solicitud todavía no tiene movimientos.</Typography>}
      {data && data.length > 0 && (
        <ResponsiveTable<EventoHistorial & { i: number }>
          caption="Movimientos de la solicitud"
          rows={data.map((e, i) => ({ ...e, i }))}
          rowKey={(r) => String(r.i)}
          columns={[
            { header: 'Estado', cell: (r) => <StatusChip estado={r.estado} /> },
            { header: 'Fecha', cell: (r) => formatDate(r.fecha) },
            { header: 'Comentario', cell: (r) => r.comentario || '—' },
          ]}
        />
      )}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mt: 3 }}>
        <Button variant="outlined" component={RouterLink} to={`/solicitudes/${id}`}>
          Ver solicitud
        </Button>
        <Button variant="text" component={RouterLink} to="/solicitudes">
          Volver a mis solicitudes
        </Button>
      </Stack>
    </Page>
  );
}
