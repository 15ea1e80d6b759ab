import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link as RouterLink, Route, Routes } from 'react-router';
import CssBaseline from '@mui/material/CssBaseline';
import GlobalStyles from '@mui/material/GlobalStyles';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { ThemeProvider } from '@mui/material/styles';
import { theme } from './theme.ts';
import { SessionProvider } from './session.tsx';
import { Layout } from './components/Layout.tsx';
import { Loading, NavigationFocus, Page, RequireCitizen } from './components/common.tsx';
import { ApoyosPage, InicioPage, ProgramaPage } from './pages/Programas.tsx';
import { CrearCuentaPage, IniciarSesionPage, RecuperarContrasenaPage, VerificarTelefonoPage } from './pages/Cuenta.tsx';

// The pages with forms (JSON Forms and its renderers) load only when a citizen opens them.
const SolicitarPage = lazy(() => import('./pages/Solicitar.tsx').then((m) => ({ default: m.SolicitarPage })));
const MisSolicitudesPage = lazy(() => import('./pages/Solicitudes.tsx').then((m) => ({ default: m.MisSolicitudesPage })));
const VerSolicitudPage = lazy(() => import('./pages/Solicitudes.tsx').then((m) => ({ default: m.VerSolicitudPage })));
const EnviadaPage = lazy(() => import('./pages/Solicitudes.tsx').then((m) => ({ default: m.EnviadaPage })));
const HistorialPage = lazy(() => import('./pages/Solicitudes.tsx').then((m) => ({ default: m.HistorialPage })));

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

function App() {
  return (
    <Layout>
      <NavigationFocus />
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
        <Route path="*" element={<NoEncontrada />} />
      </Routes>
    </Layout>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <GlobalStyles
        styles={{
          'a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, [tabindex]:focus-visible': {
            outline: '3px solid #0b5c9e',
            outlineOffset: '2px',
          },
          // Radios and inputs inside MUI show focus on their wrapper.
          '.Mui-focusVisible': { outline: '3px solid #0b5c9e', outlineOffset: '2px' },
          'h1[tabindex="-1"]:focus, h2[tabindex="-1"]:focus, h3[tabindex="-1"]:focus, h4[tabindex="-1"]:focus': { outline: 'none' },
          body: { overflowWrap: 'break-word' },
        }}
      />
      <BrowserRouter>
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </ThemeProvider>
  </StrictMode>,
);
