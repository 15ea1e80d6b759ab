/** A document of the application: its name, type and size, shown in place (PDF or image) or in another tab. */
import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { visuallyHidden } from '../../components/common.tsx';
import { formatBytes, mediaTypeLabel } from '../../format.ts';
import type { DocumentoSolicitud } from '../api.ts';

function Vista({ url, d }: { url: string; d: DocumentoSolicitud }) {
  if (d.tipoMedio === 'application/pdf') {
    return (
      <Box component="iframe" src={url} title={`${d.etiqueta}: ${d.nombre}`} sx={{ width: '100%', height: { xs: 420, md: 640 }, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#fff' }} />
    );
  }
  return <Box component="img" src={url} alt={`${d.etiqueta} (${d.nombre})`} sx={{ maxWidth: '100%', maxHeight: 640, display: 'block', border: 1, borderColor: 'divider', borderRadius: 1 }} />;
}

export function Documento({ solicitudId, d }: { solicitudId: string; d: DocumentoSolicitud }) {
  const [abierto, setAbierto] = useState(false);
  const url = d.url || `/api/solicitudes/${solicitudId}/documentos/${d.id}`;
  const visible = d.tipoMedio === 'application/pdf' || d.tipoMedio.startsWith('image/');
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
        {visible && (
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
        {abierto && visible && <Vista url={url} d={d} />}
      </Box>
    </Paper>
  );
}
