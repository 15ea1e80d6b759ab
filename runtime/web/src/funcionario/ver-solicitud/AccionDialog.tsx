/** The dialog of a workflow action: a comment, and for a correction what must be corrected. */
import { useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ApiError, messageOf } from '../../api.ts';
import { funcionarioApi, type Accion, type SolicitudFuncionario } from '../api.ts';
import { FormDialog } from '../common.tsx';

/** The fields and documents an official marks for correction (only those can change). */
function useMarcas(onChange: () => void) {
  const [campos, setCampos] = useState<string[]>([]);
  const [documentos, setDocumentos] = useState<string[]>([]);
  const [filtro, setFiltro] = useState('');
  const toggle = (list: string[], set: (l: string[]) => void, v: string) => {
    set(list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
    onChange();
  };
  return {
    campos,
    documentos,
    filtro,
    setFiltro,
    toggleCampo: (ruta: string) => toggle(campos, setCampos, ruta),
    toggleDocumento: (tipo: string) => toggle(documentos, setDocumentos, tipo),
  };
}
type Marcado = ReturnType<typeof useMarcas>;

const sinAcentos = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function DatosPorCorregir({ s, marcas, error }: { s: SolicitudFuncionario; marcas: Marcado; error?: string }) {
  // Marked fields always stay in the list; the others by the search words.
  const visibles = s.campos.filter((c) => marcas.campos.includes(c.ruta) || sinAcentos(c.etiqueta).includes(sinAcentos(marcas.filtro.trim())));
  return (
    <FormControl component="fieldset" error={!!error}>
      <FormLabel component="legend" sx={{ fontWeight: 600 }}>
        Datos
      </FormLabel>
      <TextField id="buscar-dato" size="small" label="Buscar un dato" value={marcas.filtro} onChange={(e) => marcas.setFiltro(e.target.value)} helperText={`${visibles.length} de ${s.campos.length} datos`} sx={{ my: 1 }} />
      <FormGroup sx={{ maxHeight: 320, overflowY: 'auto', flexWrap: 'nowrap', border: 1, borderColor: 'divider', borderRadius: 1, px: 1.5 }}>
        {visibles.map((c) => (
          <FormControlLabel key={c.ruta} control={<Checkbox checked={marcas.campos.includes(c.ruta)} onChange={() => marcas.toggleCampo(c.ruta)} />} label={c.etiqueta} />
        ))}
      </FormGroup>
    </FormControl>
  );
}

function DocumentosPorCorregir({ s, marcas, error }: { s: SolicitudFuncionario; marcas: Marcado; error?: string }) {
  const tiposDoc = [...new Map(s.documentos.map((d) => [d.tipo, d.etiqueta])).entries()];
  return (
    <FormControl component="fieldset" error={!!error}>
      <FormLabel component="legend" sx={{ fontWeight: 600 }}>
        Documentos por volver a subir
      </FormLabel>
      {tiposDoc.length === 0 ? (
        <FormHelperText>La solicitud no tiene documentos.</FormHelperText>
      ) : (
        <FormGroup>
          {tiposDoc.map(([tipo, etiqueta]) => (
            <FormControlLabel key={tipo} control={<Checkbox checked={marcas.documentos.includes(tipo)} onChange={() => marcas.toggleDocumento(tipo)} />} label={etiqueta} />
          ))}
        </FormGroup>
      )}
    </FormControl>
  );
}

function Marcas({ s, marcas, error }: { s: SolicitudFuncionario; marcas: Marcado; error?: string }) {
  return (
    <Box>
      <Typography id="marcas-titulo" tabIndex={-1} sx={{ fontWeight: 700, mb: 1, '&:focus': { outline: 'none' } }}>
        ¿Qué debe corregir? Solo podrá cambiar lo que marques.
      </Typography>
      {error && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {error}
        </Alert>
      )}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '3fr 2fr' } }}>
        <DatosPorCorregir s={s} marcas={marcas} error={error} />
        <DocumentosPorCorregir s={s} marcas={marcas} error={error} />
      </Box>
    </Box>
  );
}

/** A button colour for an action's tone ('info', a status still in process, reads as the primary button). */
export function colorDe(accion: Accion): 'success' | 'error' | 'warning' | 'primary' {
  return accion.tono === 'info' ? 'primary' : accion.tono;
}

const CONFLICT_CODES = ['WORKFLOW_REFUSED', 'CONFLICT'];

export function AccionDialog({ s, accion, onClose, onDone }: { s: SolicitudFuncionario; accion: Accion; onClose: () => void; onDone: (mensaje: string) => void }) {
  const [comentario, setComentario] = useState('');
  const [errores, setErrores] = useState<{ comentario?: string; marcas?: string }>({});
  const [error, setError] = useState<ReactNode>(null);
  const [conflicto, setConflicto] = useState(false);
  const [busy, setBusy] = useState(false);
  const marcas = useMarcas(() => setErrores((e) => ({ ...e, marcas: undefined })));
  const { campos, documentos } = marcas;

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
        {accion.permiteMarcas && <Marcas s={s} marcas={marcas} error={errores.marcas} />}
      </Stack>
    </FormDialog>
  );
}

