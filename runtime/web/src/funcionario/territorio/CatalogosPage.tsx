/**
 * «Catálogos de territorio» for administrators: import SEPOMEX's postal codes or INEGI's localidades,
 * read what the file adds, changes and removes (and the rows it refuses) before anything changes, then
 * apply it or discard it; the history of versions below.
 */
import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { ErrorAlert, Page, ResponsiveTable } from '../../components/common.tsx';
import { formatBytes, formatDateTime, formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { enPalabras, territorioApi, type CatalogImport } from './api.ts';

const CATALOGOS: Array<{ tipo: CatalogImport['tipo']; nombre: string; ayuda: string }> = [
  { tipo: 'sepomex', nombre: 'Códigos postales (SEPOMEX)', ayuda: 'El archivo TXT separado por «|» que descargas de Correos de México.' },
  { tipo: 'localidades', nombre: 'Localidades (INEGI)', ayuda: 'El catálogo de localidades de INEGI (AGEEML) en CSV.' },
];
const nombreDe = (tipo: CatalogImport['tipo']) => CATALOGOS.find((c) => c.tipo === tipo)?.nombre ?? tipo;

function Importar({ onImportada }: { onImportada: (i: CatalogImport) => void }) {
  const [tipo, setTipo] = useState<CatalogImport['tipo']>('sepomex');
  const [archivo, setArchivo] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [enviando, setEnviando] = useState(false);
  const enviar = async (e: FormEvent) => {
    e.preventDefault();
    if (!archivo) return setError('Elige el archivo del catálogo.');
    setEnviando(true);
    setError(null);
    try {
      onImportada(await territorioApi.importar(tipo, archivo));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setEnviando(false);
    }
  };
  return (
    <Paper variant="outlined" component="form" noValidate onSubmit={enviar} aria-labelledby="importar-titulo" sx={{ p: { xs: 2, sm: 3 }, mb: 3, display: 'grid', gap: 2 }}>
      <Typography id="importar-titulo" component="h2" variant="h6">
        Importar un catálogo
      </Typography>
      <RadioGroup aria-label="Catálogo" value={tipo} onChange={(e) => setTipo(e.target.value as CatalogImport['tipo'])}>
        {CATALOGOS.map((c) => (
          <FormControlLabel key={c.tipo} value={c.tipo} control={<Radio />} label={`${c.nombre}: ${c.ayuda}`} />
        ))}
      </RadioGroup>
      <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button variant="outlined" component="label" startIcon={<UploadFileIcon />}>
          Elegir archivo
          <input hidden type="file" accept=".txt,.csv,text/plain,text/csv" onChange={(e) => setArchivo(e.target.files?.[0] ?? null)} />
        </Button>
        <Typography aria-live="polite">{archivo ? `${archivo.name} (${formatBytes(archivo.size)})` : 'Ningún archivo elegido.'}</Typography>
      </Box>
      <ErrorAlert message={error} />
      <Box>
        <Button type="submit" variant="contained" disabled={enviando}>
          {enviando ? 'Revisando el archivo…' : 'Revisar cambios'}
        </Button>
      </Box>
    </Paper>
  );
}

function Ejemplos({ titulo, lineas }: { titulo: string; lineas: string[] }) {
  if (lineas.length === 0) return null;
  return (
    <Box>
      <Typography component="h4" variant="subtitle2">
        {titulo}
      </Typography>
      <Box component="ul" sx={{ mt: 0.5, pl: 3 }}>
        {lineas.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </Box>
    </Box>
  );
}

/** What an import would do, with the buttons to apply or discard it. */
function Revision({ importacion, onDecidida }: { importacion: CatalogImport; onDecidida: (i: CatalogImport) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [ocupado, setOcupado] = useState(false);
  const { resumen } = importacion;
  const decidir = async (accion: 'aplicar' | 'descartar') => {
    setOcupado(true);
    setError(null);
    try {
      onDecidida(await territorioApi[accion](importacion.id));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setOcupado(false);
    }
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="revision-titulo" sx={{ p: { xs: 2, sm: 3 }, mb: 3, display: 'grid', gap: 1.5 }}>
      <Typography id="revision-titulo" component="h2" variant="h6">
        Cambios de «{importacion.archivo}»
      </Typography>
      <Typography>
        {nombreDe(importacion.tipo)}, {importacion.codificacion}: {formatNumber(importacion.filas)} filas, {formatNumber(importacion.rechazadas)} rechazadas. Frente al catálogo vigente:{' '}
        <strong>
          {formatNumber(importacion.agregadas)} agregadas, {formatNumber(importacion.cambiadas)} cambiadas, {formatNumber(importacion.quitadas)} quitadas
        </strong>
        .
      </Typography>
      <Ejemplos titulo="Algunas agregadas" lineas={resumen.ejemplos.agregadas} />
      <Ejemplos titulo="Algunas cambiadas" lineas={resumen.ejemplos.cambiadas} />
      <Ejemplos titulo="Algunas quitadas" lineas={resumen.ejemplos.quitadas} />
      <Ejemplos titulo="Filas rechazadas" lineas={resumen.primerosRechazos.map((r) => `Fila ${formatNumber(r.fila)}: ${r.detalle} (${r.codigo})`)} />
      <ErrorAlert message={error} />
      {importacion.estado === 'por_aplicar' ? (
        <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap' }}>
          <Button variant="contained" disabled={ocupado} onClick={() => void decidir('aplicar')}>
            Aplicar y reemplazar el catálogo
          </Button>
          <Button variant="outlined" disabled={ocupado} onClick={() => void decidir('descartar')}>
            Descartar
          </Button>
        </Box>
      ) : (
        <Alert severity={importacion.estado === 'vigente' ? 'success' : 'info'}>{importacion.estado === 'vigente' ? `Catálogo reemplazado: vigente desde ${formatDateTime(importacion.aplicadaAt)}.` : `Importación ${enPalabras(importacion.estado).toLowerCase()}.`}</Alert>
      )}
    </Paper>
  );
}

export function CatalogosPage() {
  const historial = useLoad(() => territorioApi.importaciones(), []);
  const [actual, setActual] = useState<CatalogImport | null>(null);
  const mostrar = (i: CatalogImport) => {
    setActual(i);
    historial.reload();
  };
  return (
    <Page title="Catálogos de territorio" lead="Colonias por código postal y localidades: importa el archivo, revisa qué cambia y aplícalo. Hasta que lo apliques, el catálogo vigente no cambia.">
      <Importar onImportada={mostrar} />
      {actual && <Revision importacion={actual} onDecidida={mostrar} />}
      <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
        Versiones
      </Typography>
      <ErrorAlert message={historial.error} />
      {historial.data && historial.data.length === 0 && <Typography>Todavía no hay importaciones.</Typography>}
      {historial.data && historial.data.length > 0 && (
        <ResponsiveTable<CatalogImport>
          caption="Importaciones de catálogos, las más recientes primero"
          rows={historial.data}
          rowKey={(i) => i.id}
          columns={[
            { header: 'Catálogo', cell: (i) => nombreDe(i.tipo) },
            { header: 'Archivo', cell: (i) => i.archivo },
            { header: 'Estado', cell: (i) => enPalabras(i.estado) },
            { header: 'Cambios', cell: (i) => `+${formatNumber(i.agregadas)} ~${formatNumber(i.cambiadas)} −${formatNumber(i.quitadas)}` },
            { header: 'Importada', cell: (i) => `${formatDateTime(i.creadaAt)} por ${i.importadaPor}` },
          ]}
        />
      )}
    </Page>
  );
}
