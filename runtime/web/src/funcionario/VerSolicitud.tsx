/**
 * "Ver Solicitud" for officials: the person, the answers as people read them, the documents viewable on
 * the page, the eligibility reasons, the history and exactly the actions the server offers (`acciones`),
 * each with its comment and, when it allows them, the fields and documents to flag for correction.
 */
import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { ApiError, messageOf } from '../api.ts';
import { ErrorAlert, Loading, Page, ResponsiveTable, StatusChip, visuallyHidden } from '../components/common.tsx';
import { AnswersView } from '../forms/AnswersView.tsx';
import { formatBytes, formatDate, formatDateTime, formatPhone, mediaTypeLabel } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { funcionarioApi, type Accion, type DocumentoSolicitud, type MovimientoHistorial, type SolicitudFuncionario } from './api.ts';
import { DataList, FormDialog, Section } from './common.tsx';

/** Colour of an action's button: approving is green, refusing red, the rest neutral. */
/** A button colour for an action's tone ('info', a status still in process, reads as the primary button). */
function colorDe(accion: Accion): 'success' | 'error' | 'warning' | 'primary' {
  return accion.tono === 'info' ? 'primary' : accion.tono;
}

const CONFLICT_CODES = ['WORKFLOW_REFUSED', 'CONFLICT'];

function AccionDialog({ s, accion, onClose, onDone }: { s: SolicitudFuncionario; accion: Accion; onClose: () => void; onDone: (mensaje: string) => void }) {
  const [comentario, setComentario] = useState('');
  const [campos, setCampos] = useState<string[]>([]);
  const [documentos, setDocumentos] = useState<string[]>([]);
  const [errores, setErrores] = useState<{ comentario?: string; marcas?: string }>({});
  const [error, setError] = useState<React.ReactNode>(null);
  const [conflicto, setConflicto] = useState(false);
  const [busy, setBusy] = useState(false);
  const [filtro, setFiltro] = useState('');
  const sinAcentos = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  // Marked fields always stay in the list; the others by the search words.
  const visibles = s.campos.filter((c) => campos.includes(c.ruta) || sinAcentos(c.etiqueta).includes(sinAcentos(filtro.trim())));
  const tiposDoc = [...new Map(s.documentos.map((d) => [d.tipo, d.etiqueta])).entries()];

  const toggle = (list: string[], set: (l: string[]) => void, v: string) => {
    set(list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
    setErrores((e) => ({ ...e, marcas: undefined }));
  };

  const enviar = async () => {
    const e: typeof errores = {};
    if (accion.requiereComentario && !comentario.trim()) e.comentario = 'Escribe un comentario: la persona lo verá y queda en el historial.';
    if (accion.permiteMarcas && campos.length === 0 && documentos.length === 0) e.marcas = 'Marca al menos un dato o un documento para corregir.';
    setErrores(e);
    if (e.comentario) return document.getElementById('accion-comentario')?.focus();
    if (e.marcas) return document.getElementById('marcas-titulo')?.focus();
    setBusy(true);
    setError(null);
    try {
      const r = await funcionarioApi.evento(s.id, {
        evento: accion.evento,
        ...(comentario.trim() ? { comentario: comentario.trim() } : {}),
        ...(accion.permiteMarcas ? { campos, documentos } : {}),
      });
      onDone(`Listo: «${accion.etiqueta}». La solicitud ${s.folio} quedó «${r.estado}»${r.etapa ? ` (${r.etapa})` : ''}.`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && CONFLICT_CODES.includes(err.code)) {
        setConflicto(true);
        setError(
          <>
            <AlertTitle>Otro funcionario ya resolvió esta solicitud o cambió su estado</AlertTitle>
            {err.message} Cierra este cuadro para ver la solicitud como está ahora.
          </>,
        );
      } else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open
      title={`${accion.etiqueta}: ${s.folio}`}
      onClose={() => onClose()}
      onSubmit={enviar}
      submitLabel={accion.etiqueta}
      submitColor={colorDe(accion)}
      busy={busy}
      error={error}
      hideSubmit={conflicto}
      maxWidth={accion.permiteMarcas ? 'md' : 'sm'}
      initialFocus="accion-comentario"
    >
      <Stack spacing={3}>
        <TextField
          id="accion-comentario"
          label={accion.requiereComentario ? 'Comentario' : 'Comentario (opcional)'}
          required={accion.requiereComentario}
          multiline
          minRows={3}
          value={comentario}
          onChange={(e) => {
            setComentario(e.target.value);
            setErrores((x) => ({ ...x, comentario: undefined }));
          }}
          error={!!errores.comentario}
          helperText={
            errores.comentario ??
            (accion.permiteMarcas || /RECHAZAR|BAJA/.test(accion.evento) ? 'La persona verá este comentario: dile con claridad qué debe hacer.' : 'Queda en el historial de la solicitud.')
          }
          slotProps={{ htmlInput: { maxLength: 2000 } }}
        />
        {accion.permiteMarcas && (
          <Box>
            <Typography id="marcas-titulo" tabIndex={-1} sx={{ fontWeight: 700, mb: 1, '&:focus': { outline: 'none' } }}>
              ¿Qué debe corregir? Solo podrá cambiar lo que marques.
            </Typography>
            {errores.marcas && (
              <Alert severity="error" sx={{ mb: 1 }}>
                {errores.marcas}
              </Alert>
            )}
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '3fr 2fr' } }}>
              <FormControl component="fieldset" error={!!errores.marcas}>
                <FormLabel component="legend" sx={{ fontWeight: 600 }}>
                  Datos
                </FormLabel>
                <TextField
                  id="buscar-dato"
                  size="small"
                  label="Buscar un dato"
                  value={filtro}
                  onChange={(e) => setFiltro(e.target.value)}
                  helperText={`${visibles.length} de ${s.campos.length} datos`}
                  sx={{ my: 1 }}
                />
                <FormGroup sx={{ maxHeight: 320, overflowY: 'auto', flexWrap: 'nowrap', border: 1, borderColor: 'divider', borderRadius: 1, px: 1.5 }}>
                  {visibles.map((c) => (
                    <FormControlLabel key={c.ruta} control={<Checkbox checked={campos.includes(c.ruta)} onChange={() => toggle(campos, setCampos, c.ruta)} />} label={c.etiqueta} />
                  ))}
                </FormGroup>
              </FormControl>
              <FormControl component="fieldset" error={!!errores.marcas}>
                <FormLabel component="legend" sx={{ fontWeight: 600 }}>
                  Documentos por volver a subir
                </FormLabel>
                {tiposDoc.length === 0 ? (
                  <FormHelperText>La solicitud no tiene documentos.</FormHelperText>
                ) : (
                  <FormGroup>
                    {tiposDoc.map(([tipo, etiqueta]) => (
                      <FormControlLabel key={tipo} control={<Checkbox checked={documentos.includes(tipo)} onChange={() => toggle(documentos, setDocumentos, tipo)} />} label={etiqueta} />
                    ))}
                  </FormGroup>
                )}
              </FormControl>
            </Box>
          </Box>
        )}
      </Stack>
    </FormDialog>
  );
}

function Documento({ solicitudId, d }: { solicitudId: string; d: DocumentoSolicitud }) {
  const [abierto, setAbierto] = useState(false);
  const url = d.url || `/api/solicitudes/${solicitudId}/documentos/${d.id}`;
  const esPdf = d.tipoMedio === 'application/pdf';
  const esImagen = d.tipoMedio.startsWith('image/');
  const panel = `doc-${d.id}`;
  return (
    <Paper variant="outlined" component="li" sx={{ p: 2 }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}>
        <Box sx={{ mr: 'auto', minWidth: 0 }}>
          <Typography component="h3" variant="h4">
            {d.etiqueta}
          </Typography>
          <Typography color="text.secondary" sx={{ fontSize: '0.9rem', overflowWrap: 'anywhere' }}>
            {d.nombre} · {mediaTypeLabel(d.tipoMedio)} · {formatBytes(d.tamano)}
          </Typography>
        </Box>
        {(esPdf || esImagen) && (
          <Button variant={abierto ? 'contained' : 'outlined'} aria-expanded={abierto} aria-controls={panel} onClick={() => setAbierto((a) => !a)}>
            {abierto ? 'Ocultar' : 'Ver aquí'}
            <Box component="span" sx={visuallyHidden}>
              {' '}
              {d.etiqueta}
            </Box>
          </Button>
        )}
        <Link href={url} target="_blank" rel="noopener">
          Abrir en otra pestaña
          <Box component="span" sx={visuallyHidden}>
            : {d.etiqueta}
          </Box>
        </Link>
      </Box>
      <Box id={panel} hidden={!abierto} sx={{ mt: abierto ? 2 : 0 }}>
        {abierto && esPdf && (
          <Box
            component="iframe"
            src={url}
            title={`${d.etiqueta}: ${d.nombre}`}
            sx={{ width: '100%', height: { xs: 420, md: 640 }, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#fff' }}
          />
        )}
        {abierto && esImagen && (
          <Box component="img" src={url} alt={`${d.etiqueta} (${d.nombre})`} sx={{ maxWidth: '100%', maxHeight: 640, display: 'block', border: 1, borderColor: 'divider', borderRadius: 1 }} />
        )}
      </Box>
    </Paper>
  );
}

const motivoTexto = (m: unknown): string => (typeof m === 'string' ? m : ((m as { message?: string })?.message ?? JSON.stringify(m)));

export function VerSolicitudFuncionarioPage() {
  const { id = '' } = useParams();
  const { data: s, error, reload } = useLoad(() => funcionarioApi.solicitud(id), [id]);
  const [accion, setAccion] = useState<Accion | null>(null);
  const [aviso, setAviso] = useState<string | null>(null);
  const avisoRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (aviso) avisoRef.current?.focus();
  }, [aviso]);

  if (error) {
    return (
      <Page title="Ver solicitud">
        <ErrorAlert message={error} />
        <Button component={RouterLink} to="/funcionario/solicitudes" variant="outlined" startIcon={<ArrowBackIcon aria-hidden="true" />}>
          Volver a Solicitudes
        </Button>
      </Page>
    );
  }
  if (!s) return <Loading label="Cargando la solicitud…" />;

  const c = s.ciudadano;
  // A role without personal data gets the CURP masked, no names and no answers (runtime/API-funcionarios.md).
  const sinDatosPersonales = !c.nombre && !c.primerApellido && Object.keys(s.respuestas ?? {}).length === 0;
  const nombre = [c.nombre, c.primerApellido, c.segundoApellido].filter(Boolean).join(' ');
  const etiquetaCampo = (ruta: string) => s.campos.find((x) => x.ruta === ruta)?.etiqueta ?? ruta;
  const etiquetaDoc = (tipo: string) => s.documentos.find((d) => d.tipo === tipo || d.id === tipo)?.etiqueta ?? tipo;

  return (
    <Page title={`Solicitud ${s.folio}`} heading={`Solicitud ${s.folio}`}>
      <Button component={RouterLink} to="/funcionario/solicitudes" variant="text" startIcon={<ArrowBackIcon aria-hidden="true" />} sx={{ mb: 2, mt: -1 }}>
        Volver a Solicitudes
      </Button>
      {aviso && (
        <Alert severity="success" role="status" ref={avisoRef} tabIndex={-1} sx={{ mb: 3 }} onClose={() => setAviso(null)}>
          {aviso}
        </Alert>
      )}
      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, mb: 4 }}>
        <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
          <Typography variant="h2" sx={{ mb: 2, fontSize: '1.25rem' }}>
            Resumen
          </Typography>
          <DataList
            items={[
              ['Programa', s.programaNombre],
              ['Folio', s.folio],
              ['Estado', <StatusChip key="e" estado={s.estado} />],
              ['Proceso', s.procesoEtiqueta || s.proceso],
              ['Fecha de solicitud', formatDate(s.fechaSolicitud)],
              ...(s.tipoApoyo ? ([['Tipo de apoyo', s.tipoApoyo]] as Array<[string, string]>) : []),
              ['Versión del programa', String(s.version)],
            ]}
          />
        </Paper>
        <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
          <Typography variant="h2" sx={{ mb: 2, fontSize: '1.25rem' }}>
            Solicitante
          </Typography>
          <DataList
            items={[
              ['Nombre', nombre || 'No visible con tu rol'],
              [
                'CURP',
                <Box key="curp" component="span" sx={{ fontFamily: 'ui-monospace, monospace' }}>
                  {c.curp}
                </Box>,
              ],
              ['Teléfono', c.telefono ? formatPhone(c.telefono) : null],
              ['Correo', c.correo],
            ]}
          />
        </Paper>
      </Box>

      {/* The actions stay in view (on wide screens) while the official reads the answers and documents. */}
      <Box
        component="section"
        aria-labelledby="acciones-titulo"
        sx={{
          position: { md: 'sticky' },
          top: 0,
          zIndex: 5,
          bgcolor: 'background.default',
          py: 1.5,
          mb: 3,
          borderBottom: { md: '1px solid #d9d2d5' },
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          gap: 1.5,
        }}
      >
        <Typography variant="h2" id="acciones-titulo" sx={{ fontSize: '1.25rem', mr: 1 }}>
          Acciones
        </Typography>
        {s.acciones.length === 0 ? (
          <Typography>Por ahora no te toca decidir en esta solicitud: está en «{s.procesoEtiqueta || s.estado}», y ese paso lo resuelve otra persona del proceso.</Typography>
        ) : (
          <Stack data-acciones direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: { sm: 'center' }, rowGap: 1.5, width: { xs: '100%', sm: 'auto' } }}>
            {s.acciones.map((a) => (
              <Button key={a.evento} variant="contained" color={colorDe(a)} onClick={() => setAccion(a)}>
                {a.etiqueta}
              </Button>
            ))}
          </Stack>
        )}
        <Box component="nav" aria-label="En esta página" sx={{ ml: { md: 'auto' }, display: 'flex', gap: 2, flexWrap: 'wrap' }}>
          <Link href="#respuestas-titulo">Respuestas</Link>
          <Link href="#documentos-titulo">Documentos ({s.documentos.length})</Link>
          <Link href="#historial-titulo">Historial ({s.historial.length})</Link>
        </Box>
      </Box>

      {s.correccion && (
        <Alert severity="warning" variant="outlined" sx={{ mb: 4, bgcolor: '#fffaf2' }}>
          <AlertTitle component="h2" sx={{ fontSize: '1.15rem', fontWeight: 700 }}>
            Corrección pedida
          </AlertTitle>
          {s.correccion.comentario && <Typography sx={{ mb: 1 }}>«{s.correccion.comentario}»</Typography>}
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {s.correccion.campos.map((p) => (
              <li key={p}>{etiquetaCampo(p)}</li>
            ))}
            {s.correccion.documentos.map((d) => (
              <li key={d}>Documento: {etiquetaDoc(d)}</li>
            ))}
          </Box>
        </Alert>
      )}

      {s.entrega && (
        <Alert severity="success" sx={{ mb: 4 }}>
          <AlertTitle component="h2" sx={{ fontSize: '1.15rem', fontWeight: 700 }}>
            Apoyo entregado
          </AlertTitle>
          Se entregó el {formatDateTime(s.entrega.fecha)} por {s.entrega.funcionario}
          {s.entrega.latitud !== null && s.entrega.longitud !== null && s.entrega.latitud !== undefined ? ` (ubicación ${s.entrega.latitud.toFixed(5)}, ${s.entrega.longitud!.toFixed(5)})` : ''}.
        </Alert>
      )}

      <Section id="elegibilidad-titulo" title="Requisitos">
        {!s.elegibilidad ? (
          <Typography>Sin evaluación de requisitos.</Typography>
        ) : s.elegibilidad.eligible ? (
          <Alert severity="success">Cumple los requisitos del programa. Puntaje de prioridad: {s.elegibilidad.score}.</Alert>
        ) : (
          <Alert severity="warning">
            <AlertTitle>No cumple estos requisitos</AlertTitle>
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {s.elegibilidad.reasons.map((m, i) => (
                <li key={i}>{motivoTexto(m)}</li>
              ))}
            </Box>
            <Typography sx={{ mt: 1 }}>Puntaje de prioridad: {s.elegibilidad.score}.</Typography>
          </Alert>
        )}
      </Section>

      <Section id="respuestas-titulo" title="Respuestas">
        {sinDatosPersonales ? (
          <Alert severity="info">Tu rol no incluye datos personales: no se muestran las respuestas ni los documentos de la persona.</Alert>
        ) : (
          <AnswersView schema={s.formulario.schema} uischema={s.formulario.uischema} data={s.respuestas} flagged={s.correccion?.campos} headingLevel={3} />
        )}
      </Section>

      <Section id="documentos-titulo" title="Documentos">
        {s.documentos.length === 0 ? (
          <Typography>La solicitud no tiene documentos.</Typography>
        ) : (
          <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1.5 }}>
            {s.documentos.map((d) => (
              <Documento key={d.id} solicitudId={s.id} d={d} />
            ))}
          </Box>
        )}
      </Section>

      <Section id="historial-titulo" title="Historial">
        {s.historial.length === 0 ? (
          <Typography>Sin movimientos.</Typography>
        ) : (
          <ResponsiveTable<MovimientoHistorial & { i: number }>
            caption="Movimientos de la solicitud, del más antiguo al más reciente"
            rows={s.historial.map((h, i) => ({ ...h, i }))}
            rowKey={(r) => String(r.i)}
            columns={[
              { header: 'Estado', cell: (r) => <StatusChip estado={r.estado} /> },
              { header: 'Fecha', cell: (r) => formatDateTime(r.fecha) },
              { header: 'Comentario', cell: (r) => r.comentario || '—' },
              { header: 'Registró', cell: (r) => `${r.actor ?? '—'}${r.enVentanilla ? ' (capturada en ventanilla)' : ''}` },
            ]}
          />
        )}
      </Section>

      {accion && (
        <AccionDialog
          key={accion.evento}
          s={s}
          accion={accion}
          onClose={() => {
            setAccion(null);
            reload();
          }}
          onDone={(mensaje) => {
            setAccion(null);
            setAviso(mensaje);
            reload();
          }}
        />
      )}
    </Page>
  );
}
