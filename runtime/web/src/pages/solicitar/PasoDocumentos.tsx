import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ErrorSummary, type SummaryItem } from '../../components/common.tsx';
import { DocumentoUpload, necesidadDe } from '../../components/Documentos.tsx';
import type { Solicitud } from './useSolicitud.ts';

/** The documents step: one upload per document, each saying whether the answers make it necessary. */
export function PasoDocumentos({ s }: { s: Solicitud }) {
  const { cargado, docs, nav, eleg, client } = s;
  if (!cargado) return null;
  const documentos = cargado.programa.documentos;
  const missing: SummaryItem[] = nav.docsMissing
    .filter((d) => !docs[d])
    .map((d) => ({ target: `documento-${d}-titulo`, message: `Falta: ${documentos.find((x) => x.id === d)?.nombre ?? d}` }));
  return (
    <>
      <ErrorSummary title="Faltan documentos para continuar" items={missing} focusKey={nav.attempt} />
      <Typography sx={{ mb: 3 }}>Sube una foto clara o un archivo PDF de cada documento. Puedes cambiar un archivo antes de enviar tu solicitud.</Typography>
      <Stack spacing={2}>
        {documentos.map((d) => (
          <DocumentoUpload
            key={d.id}
            solicitudId={s.solicitudId}
            doc={d}
            subido={docs[d.id]}
            necesidad={necesidadDe(d, eleg?.documentosRequeridos ?? null, !client.elegibilidad)}
            onUploaded={(saved) => s.setDocs((old) => ({ ...old, [d.id]: saved }))}
          />
        ))}
      </Stack>
    </>
  );
}
