/**
 * «Carga masiva de padrones»: an agency's liaison picks the program and the file (CSV or Excel),
 * and sees the batches loaded so far; each batch opens its own page (columns, review, load).
 */
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { ErrorAlert, Loading, Page, ResponsiveTable, RouterLinkText } from '../../components/common.tsx';
import { formatBytes, formatDateTime, formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { SelectField } from '../common.tsx';
import { padronApi, type Lote, type ProgramaDelCatalogo } from './api.ts';

function ElegirArchivo({ archivo, onArchivo }: { archivo: File | null; onArchivo: (f: File | null) => void }) {
  return (
    <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
      <Button variant="outlined" component="label" startIcon={<UploadFileIcon />}>
        Elegir archivo
        <input hidden type="file" accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => onArchivo(e.target.files?.[0] ?? null)} />
      </Button>
      <Typography aria-live="polite">{archivo ? `${archivo.name} (${formatBytes(archivo.size)})` : 'Ningún archivo elegido: CSV o Excel (.xlsx).'}</Typography>
    </Box>
  );
}

/** The upload form: program of the catalog and the file; on success, the batch's page. */
function SubirPadron({ programas }: { programas: ProgramaDelCatalogo[] }) {
  const navigate = useNavigate();
  const [programa, setPrograma] = useState('');
  const [archivo, setArchivo] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [enviando, setEnviando] = useState(false);
  const subir = async (e: FormEvent) => {
    e.preventDefault();
    if (!programa || !archivo) return setError(!programa ? 'Elige el programa al que pertenece el padrón.' : 'Elige el archivo del padrón.');
    setEnviando(true);
    setError(null);
    try {
      const lote = await padronApi.subir(programa, archivo);
      navigate(`/funcionario/padron/lotes/${lote.id}`);
    } catch (err) {
      setError((err as Error).message);
      setEnviando(false);
    }
  };
  return (
    <Paper variant="outlined" component="form" noValidate onSubmit={subir} aria-labelledby="subir-titulo" sx={{ p: { xs: 2, sm: 3 }, mb: 3, display: 'grid', gap: 2 }}>
      <Typography id="subir-titulo" component="h2" variant="h6">
        Subir un padrón
      </Typography>
      <SelectField id="padron-programa" label="Programa" value={programa} onChange={(e) => setPrograma(e.target.value)} placeholder="Elige el programa" options={programas.map((p) => ({ value: p.clave, label: `${p.nombre} (${p.clave})` }))} />
      <ElegirArchivo archivo={archivo} onArchivo={setArchivo} />
      <ErrorAlert message={error} />
      <Box>
        <Button type="submit" variant="contained" disabled={enviando}>
          {enviando ? 'Subiendo…' : 'Subir y asignar columnas'}
        </Button>
      </Box>
    </Paper>
  );
}

function TablaLotes({ lotes }: { lotes: Lote[] }) {
  if (lotes.length === 0) return <Typography>Todavía no hay cargas.</Typography>;
  return (
    <ResponsiveTable<Lote>
      caption="Cargas recientes"
      rows={lotes}
      rowKey={(l) => l.id}
      columns={[
        { header: 'Archivo', cell: (l) => <RouterLinkText to={`/funcionario/padron/lotes/${l.id}`}>{l.archivo}</RouterLinkText> },
        { header: 'Programa', cell: (l) => l.programaNombre },
        { header: 'Estado', cell: (l) => l.estadoNombre },
        { header: 'Filas', cell: (l) => formatNumber(l.filas) },
        { header: 'Rechazadas', cell: (l) => formatNumber(l.rechazadas) },
        { header: 'Subido', cell: (l) => formatDateTime(l.creadoAt) },
      ]}
    />
  );
}

export function PadronPage() {
  const programas = useLoad(() => padronApi.programas(), []);
  const lotes = useLoad(() => padronApi.lotes(), []);
  return (
    <Page title="Carga masiva de padrones" lead="Sube el padrón de un programa en CSV o Excel: asignas sus columnas, revisas los errores antes de guardar nada y lo cargas al Padrón Estatal.">
      <Box sx={{ mb: 2, display: 'flex', gap: 3, flexWrap: 'wrap' }}>
        <RouterLinkText to="/funcionario/padron/confronta">Ver la confronta entre programas</RouterLinkText>
        <Link href={padronApi.urlPub()} download>
          Descargar el padrón en formato PUB (CSV)
        </Link>
        <Link href={padronApi.urlTransparencia()} download>
          Descargar la lista pública de beneficiarios (CSV)
        </Link>
      </Box>
      <ErrorAlert message={programas.error ?? lotes.error} />
      {programas.data ? <SubirPadron programas={programas.data} /> : !programas.error && <Loading />}
      <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
        Cargas
      </Typography>
      {lotes.data && <TablaLotes lotes={lotes.data} />}
    </Page>
  );
}
