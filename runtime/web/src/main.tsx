import { lazy, Suspense } from 'react';
import { Link as RouterLink, Route, Routes } from 'react-router';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { OtraAplicacion, renderApp } from './shell.tsx';
import { Loading, Page, RequireCitizen } from './components/common.tsx';
import { ApoyosPage, InicioPage, ProgramaPage } from './pages/Programas.tsx';
import { CrearCuentaPage, IniciarSesionPage, RecuperarContrasenaPage, VerificarTelefonoPage } from './pages/Cuenta.tsx';
import { RequireOfficial } from './funcionario/RequireOfficial.tsx';
import type { OfficialArea } from '../../../engine/vocabulary.ts';

// The pages with forms (JSON Forms and its renderers) load only when a citizen opens them.
const SolicitarPage = lazy(() => import('./pages/solicitar/SolicitarPage.tsx').then((m) => ({ default: m.SolicitarPage })));
const MisSolicitudesPage = lazy(() => import('./pages/Solicitudes.tsx').then((m) => ({ default: m.MisSolicitudesPage })));
const VerSolicitudPage = lazy(() => import('./pages/Solicitudes.tsx').then((m) => ({ default: m.VerSolicitudPage })));
const EnviadaPage = lazy(() => import('./pages/Solicitudes.tsx').then((m) => ({ default: m.EnviadaPage })));
const HistorialPage = lazy(() => import('./pages/Solicitudes.tsx').then((m) => ({ default: m.HistorialPage })));

// The officials' side (src/funcionario): its own chunks, loaded only under /funcionario.
const FuncionarioLoginPage = lazy(() => import('./funcionario/Inicio.tsx').then((m) => ({ default: m.IniciarSesionFuncionarioPage })));
const FuncionarioInicioPage = lazy(() => import('./funcionario/Inicio.tsx').then((m) => ({ default: m.InicioFuncionarioPage })));
const ColaPage = lazy(() => import('./funcionario/Solicitudes.tsx').then((m) => ({ default: m.ColaSolicitudesPage })));
const RevisarSolicitudPage = lazy(() => import('./funcionario/VerSolicitud.tsx').then((m) => ({ default: m.VerSolicitudFuncionarioPage })));
const EntregarPage = lazy(() => import('./funcionario/Entregar.tsx').then((m) => ({ default: m.EntregarPage })));
const TableroPage = lazy(() => import('./funcionario/tablero/TableroPage.tsx').then((m) => ({ default: m.TableroPage })));
const CoberturaPage = lazy(() => import('./funcionario/tablero/cobertura/CoberturaPage.tsx').then((m) => ({ default: m.CoberturaPage })));
const FuncionariosPage = lazy(() => import('./funcionario/Funcionarios.tsx').then((m) => ({ default: m.FuncionariosPage })));
const ConsultaPage = lazy(() => import('./funcionario/Consulta.tsx').then((m) => ({ default: m.ConsultaCiudadanaPage })));
const VentanillaPage = lazy(() => import('./funcionario/Ventanilla.tsx').then((m) => ({ default: m.VentanillaPage })));
const VentanillaSolicitarPage = lazy(() => import('./funcionario/Ventanilla.tsx').then((m) => ({ default: m.VentanillaSolicitarPage })));
const PadronPage = lazy(() => import('./funcionario/padron/PadronPage.tsx').then((m) => ({ default: m.PadronPage })));
const LotePage = lazy(() => import('./funcionario/padron/LotePage.tsx').then((m) => ({ default: m.LotePage })));
const ConfrontaPage = lazy(() => import('./funcionario/padron/ConfrontaPage.tsx').then((m) => ({ default: m.ConfrontaPage })));
const DuplicadosPage = lazy(() => import('./funcionario/padron/duplicados/DuplicadosPage.tsx').then((m) => ({ default: m.DuplicadosPage })));
const CatalogosPage = lazy(() => import('./funcionario/territorio/CatalogosPage.tsx').then((m) => ({ default: m.CatalogosPage })));
const LimpiezaPage = lazy(() => import('./funcionario/territorio/LimpiezaPage.tsx').then((m) => ({ default: m.LimpiezaPage })));
const ExpedientePage = lazy(() => import('./funcionario/padron/duplicados/ExpedientePage.tsx').then((m) => ({ default: m.ExpedientePage })));
const VentanillaEnviadaPage = lazy(() => import('./funcionario/Ventanilla.tsx').then((m) => ({ default: m.VentanillaEnviadaPage })));
const BrigadasPage = lazy(() => import('./funcionario/brigadas/BrigadasPage.tsx').then((m) => ({ default: m.BrigadasPage })));

function NoEncontrada() {
  return (
    <Page title="Página no encontrada">
      <Typography sx={{ mb: 2 }}>La dirección que abriste no existe. Revisa que esté bien escrita.</Typography>
      <Button variant="contained" component={RouterLink} to="/">
        Ir al inicio
      </Button>
    </Page>
  );
}

const citizen = (page: React.ReactNode) => (
  <RequireCitizen>
    <Suspense fallback={<Loading />}>{page}</Suspense>
  </RequireCitizen>
);

const official = (page: React.ReactNode, permiso?: OfficialArea) => (
  <RequireOfficial permiso={permiso}>
    <Suspense fallback={<Loading />}>{page}</Suspense>
  </RequireOfficial>
);

/** The citizens' and officials' routes; /disenador is the planners' app and /campo the brigades' field app, builds of their own (designer/, campo/). */
function Rutas() {
  return (
    <Routes>
      <Route path="/" element={<InicioPage />} />
      <Route path="/programas/:id" element={<ProgramaPage />} />
      <Route path="/apoyos" element={<ApoyosPage />} />
      <Route path="/crear-cuenta" element={<CrearCuentaPage />} />
      <Route path="/iniciar-sesion" element={<IniciarSesionPage />} />
      <Route path="/recuperar-contrasena" element={<RecuperarContrasenaPage />} />
      <Route path="/verificar-telefono" element={citizen(<VerificarTelefonoPage />)} />
      <Route path="/solicitar/:programaId" element={citizen(<SolicitarPage />)} />
      <Route path="/solicitudes" element={citizen(<MisSolicitudesPage />)} />
      <Route path="/solicitudes/:id" element={citizen(<VerSolicitudPage />)} />
      <Route path="/solicitudes/:id/enviada" element={citizen(<EnviadaPage />)} />
      <Route path="/solicitudes/:id/historial" element={citizen(<HistorialPage />)} />
      <Route path="/funcionario/iniciar-sesion" element={<Suspense fallback={<Loading />}><FuncionarioLoginPage /></Suspense>} />
      <Route path="/funcionario" element={official(<FuncionarioInicioPage />)} />
      <Route path="/funcionario/solicitudes" element={official(<ColaPage />, 'solicitudes')} />
      <Route path="/funcionario/solicitudes/:id" element={official(<RevisarSolicitudPage />)} />
      <Route path="/funcionario/entregar" element={official(<EntregarPage />, 'entregar')} />
      <Route path="/funcionario/tablero" element={official(<TableroPage />, 'tablero')} />
      <Route path="/funcionario/tablero/cobertura" element={official(<CoberturaPage />, 'tablero')} />
      <Route path="/funcionario/funcionarios" element={official(<FuncionariosPage />, 'funcionarios')} />
      <Route path="/funcionario/consulta" element={official(<ConsultaPage />, 'consulta')} />
      <Route path="/funcionario/ventanilla" element={official(<VentanillaPage />, 'ventanilla')} />
      <Route path="/funcionario/padron" element={official(<PadronPage />, 'padron')} />
      <Route path="/funcionario/padron/lotes/:id" element={official(<LotePage />, 'padron')} />
      <Route path="/funcionario/padron/confronta" element={official(<ConfrontaPage />, 'padron')} />
      <Route path="/funcionario/padron/duplicados" element={official(<DuplicadosPage />, 'duplicados')} />
      <Route path="/funcionario/padron/expedientes/:curp" element={official(<ExpedientePage />, 'duplicados')} />
      <Route path="/funcionario/catalogos" element={official(<CatalogosPage />, 'catalogos')} />
      <Route path="/funcionario/limpieza" element={official(<LimpiezaPage />, 'limpieza')} />
      <Route path="/funcionario/brigadas" element={official(<BrigadasPage />, 'brigadas')} />
      <Route path="/funcionario/ventanilla/:curp/solicitar/:programaId" element={official(<VentanillaSolicitarPage />, 'ventanilla')} />
      <Route path="/funcionario/ventanilla/:curp/enviada/:id" element={official(<VentanillaEnviadaPage />, 'ventanilla')} />
      <Route path="/disenador/*" element={<OtraAplicacion />} />
      <Route path="/campo/*" element={<OtraAplicacion />} />
      <Route path="*" element={<NoEncontrada />} />
    </Routes>
  );
}

renderApp(<Rutas />);
