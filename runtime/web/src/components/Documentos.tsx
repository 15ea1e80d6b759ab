import { useRef, useState, type CSSProperties, type RefObject } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { visuallyHidden } from './common.tsx';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { messageOf, useClienteSolicitud, type DocumentoRequerido, type DocumentoSubido } from '../api.ts';
import { formatBytes, listaO, mediaTypeLabel } from '../format.ts';

export type Necesidad = 'obligatorio' | 'necesario' | 'no-necesario' | 'opcional' | 'si-aplica';

/**
 * Whether the citizen must upload a document, given the eligibility answer (`documentosRequeridos`).
 * `sinEvaluar`: no eligibility check is available (ventanilla); a conditional document is then "if it applies"
 * and the server says on sending which ones are missing.
 */
export function necesidadDe(doc: DocumentoRequerido, requeridos: readonly string[] | null, sinEvaluar = false): Necesidad {
  if (doc.obligatorio) return 'obligatorio';
  if (doc.condicional && sinEvaluar) return 'si-aplica';
  if (doc.condicional) {
    if (requeridos === null) return 'necesario';
    return requeridos.includes(doc.id) ? 'necesario' : 'no-necesario';
  }
  return requeridos?.includes(doc.id) ? 'necesario' : 'opcional';
}

const NECESIDAD: Record<Necesidad, { label: string; color: 'primary' | 'info' | 'default' }> = {
  obligatorio: { label: 'Obligatorio', color: 'primary' },
  necesario: { label: 'Necesario en tu caso', color: 'primary' },
  'no-necesario': { label: 'No es necesario en tu caso', color: 'default' },
  'si-aplica': { label: 'Solo si aplica', color: 'default' },
  opcional: { label: 'Opcional', color: 'default' },
};

/** One document of a program: what it is, formats and size, and its upload (the server's errors shown). */
interface UploadProps {
  solicitudId: string | null;
  doc: DocumentoRequerido;
  subido?: DocumentoSubido;
  necesidad: Necesidad;
  onUploaded: (d: DocumentoSubido) => void;
  headingLevel?: number;
  marcado?: boolean;
  disabled?: boolean;
}

/** Checks the file in the browser (size, type) and sends it; the server checks its content again. */
function useSubida({ solicitudId, doc, onUploaded }: UploadProps, input: RefObject<HTMLInputElement | null>) {
  const client = useClienteSolicitud();
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [justUploaded, setJustUploaded] = useState(false);
  const formatos = listaO(doc.tipos.map(mediaTypeLabel));
  const problemOf = (file: File): string | null => {
    if (file.size > doc.tamanoMaximo) return `El archivo «${file.name}» pesa ${formatBytes(file.size)}; el máximo para este documento es ${formatBytes(doc.tamanoMaximo)}.`;
    if (file.type && !doc.tipos.includes(file.type)) return `El archivo «${file.name}» es de tipo ${mediaTypeLabel(file.type)}; para este documento sube un archivo ${formatos}.`;
    if (!solicitudId) return 'Primero guarda tus respuestas para poder subir documentos.';
    return null;
  };
  const upload = async (chosen: File | undefined) => {
    if (!chosen) return;
    setError(null);
    setJustUploaded(false);
    setUploading(true);
    // A client may shrink a photo first (the field app): the size limit applies to what is kept.
    const file = client.prepararArchivo ? await client.prepararArchivo(chosen, doc.tipos).catch(() => chosen) : chosen;
    const problem = problemOf(file);
    if (problem || !solicitudId) {
      setUploading(false);
      return setError(problem);
    }
    try {
      onUploaded(await client.subirDocumento(solicitudId, doc.id, file));
      setJustUploaded(true);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  };
  return { client, error, uploading, justUploaded, formatos, upload };
}

function Encabezado({ doc, id, necesidad, marcado, headingLevel }: { doc: DocumentoRequerido; id: string; necesidad: Necesidad; marcado: boolean; headingLevel: number }) {
  const n = NECESIDAD[necesidad];
  const tag = `h${Math.min(6, headingLevel)}` as 'h3';
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center', mb: 1 }}>
      <Typography component={tag} variant="h4" id={`${id}-titulo`} sx={{ mr: 'auto' }}>
        {doc.nombre}
      </Typography>
      {marcado && <Chip color="warning" label="Vuelve a subirlo" size="small" sx={{ fontWeight: 700 }} />}
      <Chip color={n.color} variant={n.color === 'default' ? 'outlined' : 'filled'} label={n.label} size="small" sx={{ fontWeight: 700 }} />
    </Box>
  );
}

function YaSubido({ subido, doc, url, justUploaded }: { subido: DocumentoSubido; doc: DocumentoRequerido; url: string | null; justUploaded: boolean }) {
  return (
    <Typography sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 1.5 }} role={justUploaded ? 'status' : undefined}>
      <CheckCircleIcon color="success" fontSize="small" aria-hidden="true" />
      <span>
        {justUploaded ? 'Listo: subiste' : 'Subiste'} «{subido.nombre}» ({formatBytes(subido.tamano)}).
      </span>
      {url && (
        <Link href={url} target="_blank" rel="noopener">
          Ver archivo<Box component="span" sx={visuallyHidden}> {doc.nombre} (se abre en otra pestaña)</Box>
        </Link>
      )}
    </Typography>
  );
}

function Progreso({ uploading, error, doc, id }: { uploading: boolean; error: string | null; doc: DocumentoRequerido; id: string }) {
  return (
    <>
      {uploading && (
        <Box role="status" sx={{ mt: 1.5 }}>
          <Typography sx={{ fontSize: '0.95rem' }}>Subiendo archivo…</Typography>
          <LinearProgress aria-label={`Subiendo ${doc.nombre}`} />
        </Box>
      )}
      {error && (
        <Alert id={`${id}-error`} severity="error" role="alert" sx={{ mt: 1.5 }}>
          {error}
        </Alert>
      )}
    </>
  );
}

export function DocumentoUpload(props: UploadProps) {
  const { solicitudId, doc, subido, necesidad, headingLevel = 3, marcado = false, disabled = false } = props;
  const input = useRef<HTMLInputElement>(null);
  const u = useSubida(props, input);
  const id = `documento-${doc.id}`;
  const describedBy = [`${id}-formato`, u.error ? `${id}-error` : null].filter(Boolean).join(' ');
  const secondary = subido || necesidad === 'no-necesario' || necesidad === 'opcional' || necesidad === 'si-aplica';
  return (
    <Paper
      component="section"
      aria-labelledby={`${id}-titulo`}
      variant="outlined"
      data-documento={doc.id}
      sx={{ p: { xs: 2, sm: 2.5 }, ...(marcado ? { borderLeft: 6, borderLeftColor: 'warning.main', bgcolor: '#fffaf2' } : {}) }}
    >
      <Encabezado doc={doc} id={id} necesidad={necesidad} marcado={marcado} headingLevel={headingLevel} />
      {doc.descripcion && <Typography sx={{ mb: 1 }}>{doc.descripcion}</Typography>}
      <Typography id={`${id}-formato`} color="text.secondary" sx={{ mb: 1.5, fontSize: '0.95rem' }}>
        Formatos: {u.formatos}. Tamaño máximo: {formatBytes(doc.tamanoMaximo)}.
      </Typography>
      {subido && <YaSubido subido={subido} doc={doc} url={solicitudId ? u.client.urlDocumento(solicitudId, subido.id) : null} justUploaded={u.justUploaded} />}
      <input ref={input} id={id} type="file" accept={doc.tipos.join(',')} capture={u.client.camara ? 'environment' : undefined} tabIndex={-1} aria-label={`Archivo de ${doc.nombre}`} aria-describedby={describedBy} style={visuallyHiddenStyle} disabled={disabled || u.uploading} onChange={(e) => void u.upload(e.target.files?.[0])} />
      <Button variant={secondary ? 'outlined' : 'contained'} startIcon={<UploadFileIcon aria-hidden="true" />} disabled={disabled || u.uploading} aria-describedby={describedBy} onClick={() => input.current?.click()}>
        {subido ? 'Cambiar archivo' : 'Subir archivo'}
        <Box component="span" sx={visuallyHidden}>
          : {doc.nombre}
        </Box>
      </Button>
      <Progreso uploading={u.uploading} error={u.error} doc={doc} id={id} />
    </Paper>
  );
}

const visuallyHiddenStyle: CSSProperties = { ...visuallyHidden };
