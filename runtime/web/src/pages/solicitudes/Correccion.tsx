/**
 * The correction an official asked for, on the citizen's «Ver solicitud»: the comment, what to
 * correct, a form with only the flagged answers editable, and the documents to upload again.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import SendIcon from '@mui/icons-material/Send';
import { api, ApiError, messageOf, type DocumentoRequerido, type DocumentoSubido, type ErrorCampo, type Json, type ProgramaDetalle, type SolicitudDetalle } from '../../api.ts';
import { ErrorAlert, ErrorSummary, type SummaryItem } from '../../components/common.tsx';
import { DocumentoUpload } from '../../components/Documentos.tsx';
import { SiprosForm } from '../../forms/SiprosForm.tsx';
import { breadcrumbAt, fieldId, stepsOf, summaryMessage, toAdditionalErrors } from '../../forms/schema.ts';

type Props = { s: SolicitudDetalle; programa: ProgramaDetalle | null; onDone: (msg: string) => void };

/** Flagged documents may name the document type or an uploaded file's id. */
function docMarcado(tipo: string, marcados: readonly string[], subidos: readonly DocumentoSubido[]): boolean {
  return marcados.includes(tipo) || subidos.some((d) => d.tipo === tipo && marcados.includes(d.id));
}

/** The documents of the application's own program version, with the current descriptions when known. */
function documentosDe(s: SolicitudDetalle, programa: ProgramaDetalle | null): DocumentoRequerido[] {
  return (s.documentosDelPrograma ?? programa?.documentos ?? []).map((d) => {
    const actual = programa?.documentos.find((x) => x.id === d.id);
    return { obligatorio: true, condicional: false, ...actual, ...d, descripcion: actual?.descripcion };
  });
}

/** The summary's items for the server's refusal of a correction. */
function itemsDelRechazo(e: ApiError, schema: Json, documentos: DocumentoRequerido[]): SummaryItem[] {
  if (e.fieldErrors.length) return e.fieldErrors.map((fe) => ({ target: fieldId(fe.path, 'correccion'), message: summaryMessage(schema, fe) }));
  if (e.code === 'FIELD_NOT_FLAGGED') {
    const campos = ((e.details as { campos?: string[] } | undefined)?.campos ?? []) as string[];
    return campos.map((p) => ({ message: `${breadcrumbAt(schema, p)}: no estaba marcado para corregir.` }));
  }
  if (e.code === 'DOCUMENTS_MISSING') {
    const ids = ((e.details as { documentos?: unknown[] } | undefined)?.documentos ?? []).map(String);
    return ids.map((d) => ({ target: `documento-${d}-titulo`, message: `Vuelve a subir: ${documentos.find((x) => x.id === d)?.nombre ?? d}` }));
  }
  return [];
}

function useCorreccion({ s, programa, onDone }: Props) {
  const c = s.correccion!;
  const schema = s.formulario.schema;
  const [data, setData] = useState<Json>(s.respuestas);
  const [errors, setErrors] = useState<ErrorCampo[]>([]);
  const [general, setGeneral] = useState<string | null>(null);
  const [items, setItems] = useState<SummaryItem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);
  const [nuevos, setNuevos] = useState<Record<string, DocumentoSubido>>({});
  const documentos = documentosDe(s, programa);
  const docsMarcados = documentos.filter((d) => docMarcado(d.id, c.documentos, s.documentos));
  const additional = useMemo(() => toAdditionalErrors(schema, errors), [schema, errors]);

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
        if (e.fieldErrors.length) setErrors(e.fieldErrors);
        setItems(itemsDelRechazo(e, schema, documentos));
      }
      setAttempt((a) => a + 1);
    } finally {
      setSending(false);
    }
  };
  const subido = (id: string, saved: DocumentoSubido) => setNuevos((o) => ({ ...o, [id]: saved }));
  return { c, schema, data, setData, additional, general, items, attempt, sending, nuevos, docsMarcados, enviar, subido };
}
type Corrigiendo = ReturnType<typeof useCorreccion>;

/** Arriving by «Corregir» (#corregir): straight to what must be corrected, after the page's own focus on its h1. */
function useFocoAlLlegar() {
  const { hash } = useLocation();
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (hash !== '#corregir') return;
    const timer = setTimeout(() => {
      titleRef.current?.scrollIntoView({ block: 'start' });
      titleRef.current?.focus({ preventScroll: true });
    }, 0);
    return () => clearTimeout(timer);
  }, [hash]);
  return titleRef;
}

function AvisoDeCorreccion({ k }: { k: Corrigiendo }) {
  const { c, schema, docsMarcados } = k;
  const titleRef = useFocoAlLlegar();
  return (
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
  );
}

/** One form (one JSON Forms state) with a section per step that has flagged fields. */
function RespuestasMarcadas({ s, k }: { s: SolicitudDetalle; k: Corrigiendo }) {
  const campos = k.c.campos;
  const steps = useMemo(() => stepsOf(s.formulario.uischema, s.programa.nombre), [s]);
  const config = useMemo(() => ({ only: campos, editable: campos, flagged: campos, idPrefix: 'correccion' }), [campos]);
  const correctionUi = useMemo(() => {
    const conMarcas = steps.filter((st) => campos.some((p) => st.paths.some((sp) => p === sp || p.startsWith(`${sp}.`) || sp.startsWith(`${p}.`))));
    return conMarcas.length === 0 ? null : { type: 'VerticalLayout', elements: conMarcas.map((st) => ({ type: 'Group', label: st.label, elements: (st.uischema.elements as Json[]) ?? [] })) };
  }, [steps, campos]);
  if (!correctionUi) return null;
  return <SiprosForm schema={k.schema} uischema={correctionUi} data={k.data} onChange={k.setData} errors={k.additional} config={config} headingLevel={3} />;
}

function DocumentosPorSubir({ s, k }: { s: SolicitudDetalle; k: Corrigiendo }) {
  if (k.docsMarcados.length === 0) return null;
  return (
    <Box component="section" aria-labelledby="docs-corregir">
      <Typography variant="h3" id="docs-corregir" sx={{ mb: 2 }}>
        Documentos por volver a subir
      </Typography>
      <Stack spacing={2}>
        {k.docsMarcados.map((d) => (
          <DocumentoUpload key={d.id} solicitudId={s.id} doc={d} subido={k.nuevos[d.id]} necesidad="obligatorio" marcado headingLevel={4} onUploaded={(saved) => k.subido(d.id, saved)} />
        ))}
      </Stack>
    </Box>
  );
}

export function Correccion(props: Props) {
  const k = useCorreccion(props);
  return (
    <Box component="section" id="corregir" aria-labelledby="correccion-titulo" sx={{ mb: 4 }}>
      <AvisoDeCorreccion k={k} />
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
        <Typography variant="h2" sx={{ mb: 2 }}>
          Corrige tus datos
        </Typography>
        <ErrorAlert message={k.general} />
        <ErrorSummary title="Revisa:" items={k.items} focusKey={k.attempt} />
        <Stack spacing={3}>
          <RespuestasMarcadas s={props.s} k={k} />
          <DocumentosPorSubir s={props.s} k={k} />
        </Stack>
        <Button sx={{ mt: 3 }} variant="contained" size="large" startIcon={<SendIcon aria-hidden="true" />} onClick={k.enviar} disabled={k.sending}>
          {k.sending ? 'Enviando…' : 'Enviar corrección'}
        </Button>
      </Paper>
    </Box>
  );
}
