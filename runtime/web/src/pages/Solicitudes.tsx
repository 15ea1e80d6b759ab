import { useEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink, useLocation, useParams } from 'react-router';
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
import SendIcon from '@mui/icons-material/Send';
import { api, ApiError, messageOf, type DocumentoRequerido, type DocumentoSubido, type ErrorCampo, type EventoHistorial, type Json, type ProgramaDetalle, type SolicitudDetalle, type SolicitudResumen } from '../api.ts';
import { ErrorAlert, ErrorSummary, Folio, Loading, Page, ResponsiveTable, StatusChip, visuallyHidden, type SummaryItem } from '../components/common.tsx';
import { DocumentoUpload } from '../components/Documentos.tsx';
import { AnswersView } from '../forms/AnswersView.tsx';
import { SiprosForm } from '../forms/SiprosForm.tsx';
import { breadcrumbAt, fieldId, stepsOf, summaryMessage, toAdditionalErrors } from '../forms/schema.ts';
import { formatBytes, formatDate, formatDateTime } from '../format.ts';
import { useLoad } from '../hooks.ts';

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

/** Flagged documents may name the document type or an uploaded file's id. */
function docMarcado(tipo: string, marcados: readonly string[], subidos: readonly DocumentoSubido[]): boolean {
  return marcados.includes(tipo) || subidos.some((d) => d.tipo === tipo && marcados.includes(d.id));
}

function Correccion({ s, programa, onDone }: { s: SolicitudDetalle; programa: ProgramaDetalle | null; onDone: (msg: string) => void }) {
  const c = s.correccion!;
  const schema = s.formulario.schema;
  const [data, setData] = useState<Json>(s.respuestas);
  const [errors, setErrors] = useState<ErrorCampo[]>([]);
  const [general, setGeneral] = useState<string | null>(null);
  const [items, setItems] = useState<SummaryItem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);
  const [nuevos, setNuevos] = useState<Record<string, DocumentoSubido>>({});
  const steps = useMemo(() => stepsOf(s.formulario.uischema, s.programa.nombre), [s]);
  const stepsConMarcas = steps.filter((st) => c.campos.some((p) => st.paths.some((sp) => p === sp || p.startsWith(`${sp}.`) || sp.startsWith(`${p}.`))));
  const config = useMemo(() => ({ only: c.campos, editable: c.campos, flagged: c.campos, idPrefix: 'correccion' }), [c.campos]);
  // One form (one JSON Forms state) with a section per step that has flagged fields.
  const correctionUi = useMemo(
    () => ({ type: 'VerticalLayout', elements: stepsConMarcas.map((st) => ({ type: 'Group', label: st.label, elements: (st.uischema.elements as Json[]) ?? [] })) }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [steps, c.campos],
  );
  const additional = useMemo(() => toAdditionalErrors(schema, errors), [schema, errors]);
  // The documents of the application's own program version, with the current descriptions when known.
  const documentos: DocumentoRequerido[] = (s.documentosDelPrograma ?? programa?.documentos ?? []).map((d) => {
    const actual = programa?.documentos.find((x) => x.id === d.id);
    return { obligatorio: true, condicional: false, ...actual, ...d, descripcion: actual?.descripcion };
  });
  const docsMarcados = documentos.filter((d) => docMarcado(d.id, c.documentos, s.documentos));
  const { hash } = useLocation();
  const titleRef = useRef<HTMLHeadingElement>(null);
  // Arriving by «Corregir» (#corregir): straight to what must be corrected. After the page's own
  // focus on its h1, which runs when the page mounts.
  useEffect(() => {
    if (hash !== '#corregir') return;
    const timer = setTimeout(() => {
      titleRef.current?.scrollIntoView({ block: 'start' });
      titleRef.current?.focus({ preventScroll: true });
    }, 0);
    return () => clearTimeout(timer);
  }, [hash]);

  const enviar = async () => {
    if (sending) return;
    setGeneral(null);
    setItems([]);
    const faltan = docsMarcados.filter((d) => !nuevos[d.id]);
    if (faltan.length > 0) {
      setItems(faltan.map((d) => ({ target: `documento-${d.id}-titulo`, message: `Vuelve a subir: ${d.nombre}` })));
      setAttempt((a) => a + 1);
      return;
    }
    setSending(true);
    try {
      const r = await api.enviarCorreccion(s.id, data);
      onDone(`Enviamos tu corrección. Tu solicitud quedó «${r.estado}».`);
    } catch (e) {
      setGeneral(messageOf(e));
      if (e instanceof ApiError) {
        if (e.fieldErrors.length) {
          setErrors(e.fieldErrors);
          setItems(e.fieldErrors.map((fe) => ({ target: fieldId(fe.path, 'correccion'), message: summaryMessage(schema, fe) })));
        } else if (e.code === 'FIELD_NOT_FLAGGED') {
          const campos = ((e.details as { campos?: string[] } | undefined)?.campos ?? []) as string[];
          setItems(campos.map((p) => ({ message: `${breadcrumbAt(schema, p)}: no estaba marcado para corregir.` })));
        } else if (e.code === 'DOCUMENTS_MISSING') {
          const ids = ((e.details as { documentos?: unknown[] } | undefined)?.documentos ?? []).map(String);
          setItems(ids.map((d) => ({ target: `documento-${d}-titulo`, message: `Vuelve a subir: ${documentos.find((x) => x.id === d)?.nombre ?? d}` })));
        }
      }
      setAttempt((a) => a + 1);
    } finally {
      setSending(false);
    }
  };

  return (
    <Box component="section" id="corregir" aria-labelledby="correccion-titulo" sx={{ mb: 4 }}>
      <Alert severity="warning" variant="outlined" sx={{ mb: 3, bgcolor: '#fffaf2', borderWidth: 2 }}>
        <AlertTitle id="correccion-titulo" component="h2" ref={titleRef} tabIndex={-1} sx={{ fontSize: '1.3rem', fontWeight: 700, '&:focus': { outline: 'none' } }}>
          Tu solicitud necesita correcciones
        </AlertTitle>
        {c.comentario && (
          <Box sx={{ my: 1 }}>
            <Typography sx={{ fontWeight: 700 }}>Comentario de quien revisó tu solicitud:</Typography>
            <Box component="blockquote" data-comentario sx={{ m: 0, mt: 0.5, pl: 2, borderLeft: 4, borderColor: 'warning.main', fontSize: '1.05rem' }}>
              {c.comentario}
            </Box>
          </Box>
        )}
        {(c.campos.length > 0 || docsMarcados.length > 0) && (
          <>
            <Typography sx={{ fontWeight: 700, mt: 1.5 }}>Corrige:</Typography>
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {c.campos.map((p) => (
                <li key={p}>{breadcrumbAt(schema, p)}</li>
              ))}
              {docsMarcados.map((d) => (
                <li key={d.id}>Documento: {d.nombre}</li>
              ))}
            </Box>
          </>
        )}
        <Typography sx={{ mt: 1.5 }}>Solo puedes cambiar lo marcado. Cuando termines, presiona «Enviar corrección».</Typography>
      </Alert>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
        <Typography variant="h2" sx={{ mb: 2 }}>
          Corrige tus datos
        </Typography>
        <ErrorAlert message={general} />
        <ErrorSummary title="Revisa:" items={items} focusKey={attempt} />
        <Stack spacing={3}>
          {stepsConMarcas.length > 0 && <SiprosForm schema={schema} uischema={correctionUi} data={data} onChange={setData} errors={additional} config={config} headingLevel={3} />}
          {docsMarcados.length > 0 && (
            <Box component="section" aria-labelledby="docs-corregir">
              <Typography variant="h3" id="docs-corregir" sx={{ mb: 2 }}>
                Documentos por volver a subir
              </Typography>
              <Stack spacing={2}>
                {docsMarcados.map((d) => (
                  <DocumentoUpload
                    key={d.id}
                    solicitudId={s.id}
                    doc={d}
                    subido={nuevos[d.id]}
                    necesidad="obligatorio"
                    marcado
                    headingLevel={4}
                    onUploaded={(saved) => setNuevos((o) => ({ ...o, [d.id]: saved }))}
                  />
                ))}
              </Stack>
            </Box>
          )}
        </Stack>
        <Button sx={{ mt: 3 }} variant="contained" size="large" startIcon={<SendIcon aria-hidden="true" />} onClick={enviar} disabled={sending}>
          {sending ? 'Enviando…' : 'Enviar corrección'}
        </Button>
      </Paper>
    </Box>
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
