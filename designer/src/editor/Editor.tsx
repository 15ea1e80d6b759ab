/** One program's working copy: the sections on the left (with their errors), the section open on the right. */
import { Suspense, useCallback } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { AREA_NAMES, type ElementArea } from '../../../engine/definition/locate.ts';
import { ErrorAlert, Loading, Page } from '../../../runtime/web/src/components/common.tsx';
import { disenador, type ErrorDefinicion, type ResultadoPrueba } from '../api.ts';
import { EditorContext, hace, type EditorState } from '../comun.tsx';
import { FlujoSeccion } from '../Flujo.tsx';
import { FormularioSeccion } from '../Formulario.tsx';
import { PruebasSeccion, PublicarSeccion, VistaPreviaSeccion } from '../Probar.tsx';
import { RequisitosSeccion } from '../Requisitos.tsx';
import { ConvocatoriaSeccion, DocumentosSeccion, GeneralSeccion, MensajesSeccion } from '../Secciones.tsx';
import { useBorrador, type Guardado } from './useBorrador.ts';

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

function Autoguardado({ id, guardado, ahora }: { id: string; guardado: Guardado; ahora: number }) {
  return (
    <>
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
    </>
  );
}

function MenuDeSecciones({ id, actual, errores, pruebas }: { id: string; actual: string; errores: ErrorDefinicion[]; pruebas: ResultadoPrueba[] }) {
  const fallidas = pruebas.filter((p) => !p.ok).length;
  return (
    <Box component="nav" aria-label="Secciones del programa">
      <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: { xs: 'row', md: 'column' }, flexWrap: 'wrap', gap: 0.5 }}>
        {SECCIONES.map((s) => {
          const n = s.area ? errores.filter((e) => e.area === s.area).length : s.id === 'publicar' ? errores.filter((e) => !SECCIONES.some((x) => x.area === e.area)).length : 0;
          const extra = s.id === 'pruebas' && fallidas > 0 ? `${fallidas} falla${fallidas === 1 ? '' : 'n'}` : null;
          const current = s.id === actual;
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
  );
}

function SeccionAbierta({ seccion, pendiente }: { seccion: string; pendiente: boolean }) {
  const navigate = useNavigate();
  return (
    <Suspense fallback={<Loading />}>
      {seccion === 'general' && <GeneralSeccion />}
      {seccion === 'convocatoria' && <ConvocatoriaSeccion />}
      {seccion === 'formulario' && <FormularioSeccion />}
      {seccion === 'requisitos' && <RequisitosSeccion />}
      {seccion === 'documentos' && <DocumentosSeccion />}
      {seccion === 'flujo' && <FlujoSeccion />}
      {seccion === 'mensajes' && <MensajesSeccion />}
      {seccion === 'pruebas' && <PruebasSeccion />}
      {seccion === 'vista-previa' && <VistaPreviaSeccion />}
      {seccion === 'publicar' && <PublicarSeccion onPublicado={(msg) => navigate('/disenador', { state: { aviso: msg } })} pendiente={pendiente} />}
    </Suspense>
  );
}

export function Editor() {
  const { id = '', seccion = 'general' } = useParams();
  const navigate = useNavigate();
  const b = useBorrador(id);
  const irA = useCallback((s: string) => navigate(`/disenador/${id}/${s}`), [id, navigate]);
  const { def, borrador, biblioteca } = b;
  if (b.loadError) return <Page title="Diseñador de programas"><ErrorAlert message={b.loadError} /><Button component={RouterLink} to="/disenador">Volver a la lista</Button></Page>;
  if (!def || !borrador || !biblioteca) return <Loading />;
  const state: EditorState = { borradorId: id, def, update: b.update, errores: b.errores, pruebas: b.pruebas, fragmentos: biblioteca.fragmentos ?? {}, areas: biblioteca.areas, formulario: b.formulario, nuevaVersion: !!borrador.versionBase, irA };
  const actual = SECCIONES.find((s) => s.id === seccion) ?? SECCIONES[0];
  const nombre = String(def.name ?? 'Programa');
  const heading = (
    <>
      {nombre} <Typography component="span" sx={{ fontSize: '1.1rem', color: 'text.secondary', fontWeight: 500 }}>versión {String(def.version ?? 1)} · borrador</Typography>
    </>
  );
  return (
    <EditorContext.Provider value={state}>
      <Page title={`${actual.nombre} · ${nombre}`} heading={heading}>
        <Autoguardado id={id} guardado={b.guardado} ahora={b.ahora} />
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '220px minmax(0, 1fr)' }, gap: 3, alignItems: 'start' }}>
          <MenuDeSecciones id={id} actual={actual.id} errores={b.errores} pruebas={b.pruebas} />
          <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 }, minWidth: 0 }}>
            <SeccionAbierta seccion={actual.id} pendiente={b.guardado.estado !== 'guardado'} />
          </Paper>
        </Box>
      </Page>
    </EditorContext.Provider>
  );
}
