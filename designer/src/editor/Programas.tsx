/** The designer's first page: drafts to continue, scheduled publications, and the published programs. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { messageOf, type Json } from '../../../runtime/web/src/api.ts';
import { ErrorAlert, Loading, Page } from '../../../runtime/web/src/components/common.tsx';
import { formatDateTime } from '../../../runtime/web/src/format.ts';
import { disenador, type Listado } from '../api.ts';

type Crear = (body: Parameters<typeof disenador.nuevo>[0]) => Promise<void>;
interface ListaProps {
  data: Listado;
  busy: boolean;
  crear: Crear;
  onError: (message: string) => void;
  reload: () => void;
}

const fila = { p: 2, display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' } as const;

function Borradores({ data, onError, reload }: ListaProps) {
  const descartar = async (id: string, nombre: string) => {
    if (!window.confirm(`¿Descartar el borrador «${nombre}»? Se perderán sus cambios.`)) return;
    await disenador.descartar(id).catch((e) => onError(messageOf(e)));
    reload();
  };
  return (
    <Box component="section" aria-labelledby="t-borradores">
      <Typography variant="h2" id="t-borradores" sx={{ mb: 1.5 }}>Borradores</Typography>
      {data.borradores.length === 0 ? (
        <Typography>No hay borradores.</Typography>
      ) : (
        <Stack spacing={1.5}>
          {data.borradores.map((b) => (
            <Paper key={b.id} variant="outlined" sx={fila}>
              <Box sx={{ flex: 1, minWidth: 240 }}>
                <Typography sx={{ fontWeight: 700 }}>{b.nombre}</Typography>
                <Typography color="text.secondary" sx={{ fontSize: '0.95rem' }}>
                  {b.versionBase ? `Versión ${b.version} (nueva versión de la ${b.versionBase})` : `Versión ${b.version}`} · modificado por {b.actualizadoPor} el {formatDateTime(b.actualizado)}
                </Typography>
              </Box>
              <Button variant="contained" component={RouterLink} to={`/disenador/${b.id}/general`} aria-label={`Continuar ${b.nombre}`}>
                Continuar
              </Button>
              <Button color="error" aria-label={`Descartar borrador ${b.nombre}`} onClick={() => void descartar(b.id, b.nombre)}>
                Descartar
              </Button>
            </Paper>
          ))}
        </Stack>
      )}
    </Box>
  );
}

function Programadas({ data, onError, reload }: ListaProps) {
  if (data.programadas.length === 0) return null;
  const cancelar = async (id: string) => {
    await disenador.cancelarProgramada(id).catch((e) => onError(messageOf(e)));
    reload();
  };
  return (
    <Box component="section" aria-labelledby="t-programadas">
      <Typography variant="h2" id="t-programadas" sx={{ mb: 1.5 }}>Publicaciones programadas</Typography>
      <Stack spacing={1.5}>
        {data.programadas.map((p) => (
          <Paper key={p.id} variant="outlined" sx={fila}>
            <Typography sx={{ flex: 1 }}>
              <strong>{data.programas.find((x) => x.id === p.programaId)?.nombre ?? p.programaId}</strong>, versión {p.version}: se publica el {formatDateTime(p.para)} (programó {p.programadaPor})
            </Typography>
            <Button color="error" onClick={() => void cancelar(p.id)}>
              Cancelar publicación
            </Button>
          </Paper>
        ))}
      </Stack>
    </Box>
  );
}

function Publicados({ data, busy, crear }: ListaProps) {
  return (
    <Box component="section" aria-labelledby="t-publicados">
      <Typography variant="h2" id="t-publicados" sx={{ mb: 1.5 }}>Programas publicados</Typography>
      <Stack spacing={1.5}>
        {data.programas.map((p) => (
          <Paper key={p.id} variant="outlined" sx={fila}>
            <Box sx={{ flex: 1, minWidth: 240 }}>
              <Typography sx={{ fontWeight: 700 }}>{p.nombre}</Typography>
              <Typography color="text.secondary" sx={{ fontSize: '0.95rem' }}>Versión vigente: {p.version} · actualizado el {formatDateTime(p.actualizado)}</Typography>
            </Box>
            <Button variant="outlined" disabled={busy} onClick={() => void crear({ desde: p.id, como: 'nueva-version' })} aria-label={`Nueva versión de ${p.nombre}`}>
              Nueva versión
            </Button>
            <Button disabled={busy} onClick={() => void crear({ desde: p.id, como: 'copia' })} aria-label={`Copiar ${p.nombre}`}>
              Copiar
            </Button>
          </Paper>
        ))}
      </Stack>
    </Box>
  );
}

function useProgramas() {
  const navigate = useNavigate();
  const [data, setData] = useState<Listado | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => disenador.programas().then(setData, (e) => setError(messageOf(e))), []);
  useEffect(() => void load(), [load]);
  const crear: Crear = async (body) => {
    setBusy(true);
    setError(null);
    try {
      const b = await disenador.nuevo(body);
      navigate(`/disenador/${b.id}/general`);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };
  const importar = async (file: File) => {
    try {
      const definicion = JSON.parse(await file.text()) as Json;
      await crear({ definicion });
    } catch (e) {
      setError(e instanceof SyntaxError ? 'El archivo no es una definición válida (no es JSON).' : messageOf(e));
    }
  };
  return { data, error, setError, busy, crear, importar, reload: () => void load() };
}

export function Programas() {
  const p = useProgramas();
  const fileRef = useRef<HTMLInputElement>(null);
  return (
    <Page title="Diseñador de programas" lead="Crea un programa nuevo, prepara la siguiente versión de uno publicado o continúa un borrador. Nada se publica hasta que pases las pruebas y confirmes.">
      <ErrorAlert message={p.error} />
      <Stack direction="row" spacing={2} sx={{ mb: 3, flexWrap: 'wrap', gap: 1 }}>
        <Button variant="contained" startIcon={<AddIcon aria-hidden="true" />} disabled={p.busy} onClick={() => void p.crear({})}>
          Nuevo programa
        </Button>
        <Button variant="outlined" startIcon={<UploadFileIcon aria-hidden="true" />} onClick={() => fileRef.current?.click()}>
          Importar JSON
        </Button>
        <input ref={fileRef} type="file" accept="application/json,.json" hidden aria-label="Archivo JSON a importar" onChange={(e) => e.target.files?.[0] && p.importar(e.target.files[0])} />
      </Stack>
      {!p.data ? (
        <Loading />
      ) : (
        <Stack spacing={4}>
          <Borradores data={p.data} busy={p.busy} crear={p.crear} onError={p.setError} reload={p.reload} />
          <Programadas data={p.data} busy={p.busy} crear={p.crear} onError={p.setError} reload={p.reload} />
          <Publicados data={p.data} busy={p.busy} crear={p.crear} onError={p.setError} reload={p.reload} />
        </Stack>
      )}
    </Page>
  );
}
