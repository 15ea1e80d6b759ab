/**
 * The designer (issue 5) at /disenador: the planning office builds, tests and publishes programs
 * without seeing their JSON. Every check is the engine's, on the server (see api.ts).
 */
import { AREA_NAMES, type ElementArea } from '../../engine/definition/locate.ts';
import { Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link as RouterLink, Navigate, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { ApiError, messageOf, type Json } from '../../runtime/web/src/api.ts';
import { ErrorAlert, Loading, Page } from '../../runtime/web/src/components/common.tsx';
import { formatDateTime } from '../../runtime/web/src/format.ts';
import { useSession } from '../../runtime/web/src/session.tsx';
import { disenador, type Biblioteca, type Borrador, type ErrorDefinicion, type Listado, type ResultadoPrueba } from './api.ts';
import { EditorContext, hace, type EditorState } from './comun.tsx';
import { bundledForm, type Def } from './model.ts';
import { ConvocatoriaSeccion, DocumentosSeccion, GeneralSeccion, MensajesSeccion } from './Secciones.tsx';
import { FormularioSeccion } from './Formulario.tsx';
import { RequisitosSeccion } from './Requisitos.tsx';
import { FlujoSeccion } from './Flujo.tsx';
import { PruebasSeccion, PublicarSeccion, VistaPreviaSeccion } from './Probar.tsx';


/** Only planners and administrators; without a session, to the officials' login. */
function RequirePlanner({ children }: { children: ReactNode }) {
  const { funcionario, refreshFuncionario } = useSession();
  const location = useLocation();
  useEffect(() => {
    if (funcionario === undefined) void refreshFuncionario();
  }, [funcionario, refreshFuncionario]);
  if (funcionario === undefined) return <Loading label="Revisando tu sesión…" />;
  if (funcionario === null) return <Navigate to={`/funcionario/iniciar-sesion?siguiente=${encodeURIComponent(location.pathname)}`} replace />;
  if (!funcionario.abre.includes('disenador')) {
    return (
      <Page title="Sin permiso">
        <Typography>El diseñador de programas es para la Dirección de Planeación. Si lo necesitas, pide a un administrador el rol «planeación».</Typography>
      </Page>
    );
  }
  return <>{children}</>;
}

export default function Disenador() {
  return (
    <RequirePlanner>
      <Routes>
        <Route index element={<Programas />} />
        <Route path=":id" element={<Editor />} />
        <Route path=":id/:seccion" element={<Editor />} />
      </Routes>
    </RequirePlanner>
  );
}

// ── Program list ────────────────────────────────────────────────────────────

function Programas() {
  const navigate = useNavigate();
  const [data, setData] = useState<Listado | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const load = useCallback(() => disenador.programas().then(setData, (e) => setError(messageOf(e))), []);
  useEffect(() => void load(), [load]);

  const crear = async (body: Parameters<typeof disenador.nuevo>[0]) => {
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

  return (
    <Page title="Diseñador de programas" lead="Crea un programa nuevo, prepara la siguiente versión de uno publicado o continúa un borrador. Nada se publica hasta que pases las pruebas y confirmes.">
      <ErrorAlert message={error} />
      <Stack direction="row" spacing={2} sx={{ mb: 3, flexWrap: 'wrap', gap: 1 }}>
        <Button variant="contained" startIcon={<AddIcon aria-hidden="true" />} disabled={busy} onClick={() => crear({})}>
          Nuevo programa
        </Button>
        <Button variant="outlined" startIcon={<UploadFileIcon aria-hidden="true" />} onClick={() => fileRef.current?.click()}>
          Importar JSON
        </Button>
        <input ref={fileRef} type="file" accept="application/json,.json" hidden aria-label="Archivo JSON a importar" onChange={(e) => e.target.files?.[0] && importar(e.target.files[0])} />
      </Stack>
      {!data ? (
        <Loading />
      ) : (
        <Stack spacing={4}>
          <Box component="section" aria-labelledby="t-borradores">
            <Typography variant="h2" id="t-borradores" sx={{ mb: 1.5 }}>Borradores</Typography>
            {data.borradores.length === 0 ? (
              <Typography>No hay borradores.</Typography>
            ) : (
              <Stack spacing={1.5}>
                {data.borradores.map((b) => (
                  <Paper key={b.id} variant="outlined" sx={{ p: 2, display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
                    <Box sx={{ flex: 1, minWidth: 240 }}>
                      <Typography sx={{ fontWeight: 700 }}>{b.nombre}</Typography>
                      <Typography color="text.secondary" sx={{ fontSize: '0.95rem' }}>
                        {b.versionBase ? `Versión ${b.version} (nueva versión de la ${b.versionBase})` : `Versión ${b.version}`} · modificado por {b.actualizadoPor} el {formatDateTime(b.actualizado)}
                      </Typography>
                    </Box>
                    <Button variant="contained" component={RouterLink} to={`/disenador/${b.id}/general`} aria-label={`Continuar ${b.nombre}`}>
                      Continuar
                    </Button>
                    <Button
                      color="error"
                      aria-label={`Descartar borrador ${b.nombre}`}
                      onClick={async () => {
                        if (!window.confirm(`¿Descartar el borrador «${b.nombre}»? Se perderán sus cambios.`)) return;
                        await disenador.descartar(b.id).catch((e) => setError(messageOf(e)));
                        void load();
                      }}
                    >
                      Descartar
                    </Button>
                  </Paper>
                ))}
              </Stack>
            )}
          </Box>
          {data.programadas.length > 0 && (
            <Box component="section" aria-labelledby="t-programadas">
              <Typography variant="h2" id="t-programadas" sx={{ mb: 1.5 }}>Publicaciones programadas</Typography>
              <Stack spacing={1.5}>
                {data.programadas.map((p) => (
                  <Paper key={p.id} variant="outlined" sx={{ p: 2, display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
                    <Typography sx={{ flex: 1 }}>
                      <strong>{data.programas.find((x) => x.id === p.programaId)?.nombre ?? p.programaId}</strong>, versión {p.version}: se publica el {formatDateTime(p.para)} (programó {p.programadaPor})
                    </Typography>
                    <Button color="error" onClick={async () => { await disenador.cancelarProgramada(p.id).catch((e) => setError(messageOf(e))); void load(); }}>
                      Cancelar publicación
                    </Button>
                  </Paper>
                ))}
              </Stack>
            </Box>
          )}
          <Box component="section" aria-labelledby="t-publicados">
            <Typography variant="h2" id="t-publicados" sx={{ mb: 1.5 }}>Programas publicados</Typography>
            <Stack spacing={1.5}>
              {data.programas.map((p) => (
                <Paper key={p.id} variant="outlined" sx={{ p: 2, display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
                  <Box sx={{ flex: 1, minWidth: 240 }}>
                    <Typography sx={{ fontWeight: 700 }}>{p.nombre}</Typography>
                    <Typography color="text.secondary" sx={{ fontSize: '0.95rem' }}>Versión vigente: {p.version} · actualizado el {formatDateTime(p.actualizado)}</Typography>
                  </Box>
                  <Button variant="outlined" disabled={busy} onClick={() => crear({ desde: p.id, como: 'nueva-version' })} aria-label={`Nueva versión de ${p.nombre}`}>
                    Nueva versión
                  </Button>
                  <Button disabled={busy} onClick={() => crear({ desde: p.id, como: 'copia' })} aria-label={`Copiar ${p.nombre}`}>
                    Copiar
                  </Button>
                </Paper>
              ))}
            </Stack>
          </Box>
        </Stack>
      )}
    </Page>
  );
}

// ── Editor ──────────────────────────────────────────────────────────────────

/** A section named as the engine names its area of the definition (errors are placed by area). */
const deArea = (id: string, area: ElementArea) => ({ id, nombre: AREA_NAMES[area], area });

const SECCIONES: Array<{ id: string; nombre: string; area?: string }> = [
  deArea('general', 'general'),
  deArea('convocatoria', 'convocatoria'),
  deArea('formulario', 'formulario'),
  deArea('requisitos', 'elegibilidad'),
  deArea('documentos', 'documentos'),
  deArea('flujo', 'flujo'),
  deArea('mensajes', 'notificaciones'),
  deArea('pruebas', 'pruebas'),
  { id: 'vista-previa', nombre: 'Vista previa' },
  { id: 'publicar', nombre: 'Publicar' },
];

type Guardado = { estado: 'guardado' | 'pendiente' | 'guardando' | 'error' | 'conflicto'; cuando: number; mensaje?: string };

function Editor() {
  const { id = '', seccion = 'general' } = useParams();
  const navigate = useNavigate();
  const [borrador, setBorrador] = useState<Borrador | null>(null);
  const [biblioteca, setBiblioteca] = useState<Biblioteca | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [def, setDef] = useState<Def | null>(null);
  const [errores, setErrores] = useState<ErrorDefinicion[]>([]);
  const [pruebas, setPruebas] = useState<ResultadoPrueba[]>([]);
  const [guardado, setGuardado] = useState<Guardado>({ estado: 'guardado', cuando: Date.now() });
  const [ahora, setAhora] = useState(Date.now());
  const revision = useRef(0);
  const defRef = useRef<Def | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef(false);
  const dirty = useRef(false);

  useEffect(() => {
    let alive = true;
    Promise.all([disenador.borrador(id), disenador.biblioteca()]).then(
      ([b, lib]) => {
        if (!alive) return;
        setBorrador(b);
        setBiblioteca(lib);
        setDef(b.definicion);
        defRef.current = b.definicion;
        revision.current = b.revision;
        setErrores(b.errores);
        setPruebas(b.pruebas);
      },
      (e) => alive && setLoadError(messageOf(e)),
    );
    return () => {
      alive = false;
    };
  }, [id]);

  useEffect(() => {
    const t = setInterval(() => setAhora(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);

  const save = useCallback(async () => {
    if (saving.current || !defRef.current) return;
    saving.current = true;
    dirty.current = false;
    setGuardado((g) => ({ ...g, estado: 'guardando' }));
    try {
      const r = await disenador.guardar(id, defRef.current, revision.current);
      revision.current = r.revision;
      setErrores(r.errores);
      setPruebas(r.pruebas);
      setGuardado({ estado: dirty.current ? 'pendiente' : 'guardado', cuando: Date.now() });
      setAhora(Date.now());
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') setGuardado({ estado: 'conflicto', cuando: Date.now(), mensaje: e.message });
      else {
        setGuardado({ estado: 'error', cuando: Date.now(), mensaje: messageOf(e) });
        dirty.current = true;
      }
    } finally {
      saving.current = false;
    }
    if (dirty.current && timer.current === null) timer.current = setTimeout(() => { timer.current = null; void save(); }, 400);
  }, [id]);

  const update = useCallback(
    (change: (d: Def) => Def) => {
      if (!defRef.current) return;
      const next = change(defRef.current);
      defRef.current = next;
      setDef(next);
      dirty.current = true;
      setGuardado((g) => (g.estado === 'conflicto' ? g : { ...g, estado: 'pendiente' }));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        void save();
      }, 400);
    },
    [save],
  );

  const fragmentos = biblioteca?.fragmentos ?? {};
  const formulario = useMemo(() => (def && biblioteca ? bundledForm(def, biblioteca.fragmentos) : { schema: {}, uischema: {} }), [def, biblioteca]);
  const irA = useCallback((s: string) => navigate(`/disenador/${id}/${s}`), [id, navigate]);

  if (loadError) return <Page title="Diseñador de programas"><ErrorAlert message={loadError} /><Button component={RouterLink} to="/disenador">Volver a la lista</Button></Page>;
  if (!def || !borrador || !biblioteca) return <Loading />;

  const state: EditorState = { borradorId: id, def, update, errores, pruebas, fragmentos, areas: biblioteca.areas, formulario, nuevaVersion: !!borrador.versionBase, irA };
  const fallidas = pruebas.filter((p) => !p.ok).length;
  const actual = SECCIONES.find((s) => s.id === seccion) ?? SECCIONES[0];
  const nombre = String(def.name ?? 'Programa');

  return (
    <EditorContext.Provider value={state}>
      <Page
        title={`${actual.nombre} · ${nombre}`}
        heading={
          <>
            {nombre} <Typography component="span" sx={{ fontSize: '1.1rem', color: 'text.secondary', fontWeight: 500 }}>versión {String(def.version ?? 1)} · borrador</Typography>
          </>
        }
      >
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 2 }}>
          <Link component={RouterLink} to="/disenador">← Todos los programas</Link>
          <Box role="status" aria-live="polite" sx={{ ml: 'auto', fontSize: '0.95rem' }} data-testid="autoguardado">
            {guardado.estado === 'guardado' && `Guardado ${hace(guardado.cuando, ahora)}`}
            {guardado.estado === 'pendiente' && 'Cambios sin guardar…'}
            {guardado.estado === 'guardando' && 'Guardando…'}
            {guardado.estado === 'error' && `No se pudo guardar: ${guardado.mensaje ?? ''} Reintentamos al siguiente cambio.`}
          </Box>
          <Button size="small" variant="outlined" href={disenador.urlExportar(id)} download>
            Exportar JSON
          </Button>
        </Box>
        {guardado.estado === 'conflicto' && (
          <Alert severity="warning" sx={{ mb: 2 }} action={<Button color="inherit" onClick={() => window.location.reload()}>Recargar</Button>}>
            {guardado.mensaje} Tus últimos cambios no se guardaron.
          </Alert>
        )}
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '220px minmax(0, 1fr)' }, gap: 3, alignItems: 'start' }}>
          <Box component="nav" aria-label="Secciones del programa">
            <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: { xs: 'row', md: 'column' }, flexWrap: 'wrap', gap: 0.5 }}>
              {SECCIONES.map((s) => {
                const n = s.area ? errores.filter((e) => e.area === s.area).length : s.id === 'publicar' ? errores.filter((e) => !SECCIONES.some((x) => x.area === e.area)).length : 0;
                const extra = s.id === 'pruebas' && fallidas > 0 ? `${fallidas} falla${fallidas === 1 ? '' : 'n'}` : null;
                const current = s.id === actual.id;
                return (
                  <li key={s.id}>
                    <Link
                      component={RouterLink}
                      to={`/disenador/${id}/${s.id}`}
                      aria-current={current ? 'page' : undefined}
                      underline="none"
                      sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 1.5, py: 1, borderRadius: 1, color: current ? '#fff' : 'text.primary', bgcolor: current ? 'primary.main' : 'transparent', fontWeight: current ? 700 : 500, '&:hover': { bgcolor: current ? 'primary.dark' : '#eee5e8' } }}
                    >
                      <span>{s.nombre}</span>
                      {n > 0 && <Chip size="small" color="error" label={`${n} error${n === 1 ? '' : 'es'}`} sx={{ ml: 'auto' }} />}
                      {extra && <Chip size="small" color="warning" label={extra} sx={{ ml: 'auto' }} />}
                    </Link>
                  </li>
                );
              })}
            </Box>
          </Box>
          <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 }, minWidth: 0 }}>
            <Suspense fallback={<Loading />}>
              {actual.id === 'general' && <GeneralSeccion />}
              {actual.id === 'convocatoria' && <ConvocatoriaSeccion />}
              {actual.id === 'formulario' && <FormularioSeccion />}
              {actual.id === 'requisitos' && <RequisitosSeccion />}
              {actual.id === 'documentos' && <DocumentosSeccion />}
              {actual.id === 'flujo' && <FlujoSeccion />}
              {actual.id === 'mensajes' && <MensajesSeccion />}
              {actual.id === 'pruebas' && <PruebasSeccion />}
              {actual.id === 'vista-previa' && <VistaPreviaSeccion />}
              {actual.id === 'publicar' && <PublicarSeccion onPublicado={(msg) => navigate('/disenador', { state: { aviso: msg } })} pendiente={guardado.estado !== 'guardado'} />}
            </Suspense>
          </Paper>
        </Box>
      </Page>
    </EditorContext.Provider>
  );
}


