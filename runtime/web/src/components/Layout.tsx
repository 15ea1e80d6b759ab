import { useState, type ReactNode } from 'react';
import { Link as RouterLink, NavLink, useLocation, useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Collapse from '@mui/material/Collapse';
import Container from '@mui/material/Container';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import MenuIcon from '@mui/icons-material/Menu';
import CloseIcon from '@mui/icons-material/Close';
import { isOfficialPath, useSession } from '../session.tsx';
import { menuFuncionario } from '../funcionario/menu.ts';
import { puedeAbrir } from '../funcionario/api.ts';

const navLinkSx = {
  color: '#fff',
  textDecoration: 'none',
  fontWeight: 600,
  px: 1.5,
  py: 1,
  borderRadius: 1,
  display: 'block',
  '&:hover': { bgcolor: 'rgba(255,255,255,0.12)', textDecoration: 'underline' },
  '&.active': { bgcolor: 'rgba(255,255,255,0.18)', textDecoration: 'underline', textUnderlineOffset: '4px' },
  '&:focus-visible': { outline: '3px solid #fff', outlineOffset: 2 },
};

const logoutSx = { color: '#fff', borderColor: 'rgba(255,255,255,0.7)', ml: { md: 1 }, '&:hover': { borderColor: '#fff', bgcolor: 'rgba(255,255,255,0.12)' }, '&.Mui-focusVisible': { outline: '3px solid #fff' } };

/** The officials' menu (by role) and their "Cerrar sesión". */
function OfficialNav({ onNavigate }: { onNavigate?: () => void }) {
  const { funcionario, logoutFuncionario } = useSession();
  const navigate = useNavigate();
  const items = funcionario ? [{ to: '/funcionario', label: 'Inicio', end: true }, ...menuFuncionario(funcionario)] : [];
  // The program designer (designer/ at the top level) is for those the server lets open it.
  if (funcionario && puedeAbrir(funcionario, 'disenador')) items.push({ to: '/disenador', label: 'Diseñador de programas', end: false });
  return (
    <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexWrap: 'wrap', gap: 0.5, alignItems: { xs: 'stretch', md: 'center' }, flexDirection: { xs: 'column', md: 'row' } }}>
      {items.map((item) => (
        <li key={item.to}>
          <Link component={NavLink} to={item.to} end={'end' in item ? item.end : false} sx={navLinkSx} onClick={onNavigate}>
            {item.label}
          </Link>
        </li>
      ))}
      {funcionario && (
        <li>
          <Button
            variant="outlined"
            onClick={async () => {
              onNavigate?.();
              await logoutFuncionario(() => navigate('/funcionario/iniciar-sesion', { state: { aviso: 'Cerraste tu sesión.' } }));
            }}
            sx={logoutSx}
          >
            Cerrar sesión
          </Button>
        </li>
      )}
    </Box>
  );
}

function Nav({ onNavigate }: { onNavigate?: () => void }) {
  const { cuenta, logout } = useSession();
  const navigate = useNavigate();
  const items: Array<{ to: string; label: string; end?: boolean }> = [
    { to: '/', label: 'Programas', end: true },
    { to: '/apoyos', label: 'Apoyos disponibles' },
  ];
  if (cuenta) items.push({ to: '/solicitudes', label: 'Mis solicitudes' });
  return (
    <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexWrap: 'wrap', gap: 0.5, alignItems: { xs: 'stretch', md: 'center' }, flexDirection: { xs: 'column', md: 'row' } }}>
      {items.map((item) => (
        <li key={item.to}>
          <Link component={NavLink} to={item.to} end={item.end} sx={navLinkSx} onClick={onNavigate}>
            {item.label}
          </Link>
        </li>
      ))}
      {cuenta === null && (
        <>
          <li>
            <Link component={NavLink} to="/iniciar-sesion" sx={navLinkSx} onClick={onNavigate}>
              Iniciar sesión
            </Link>
          </li>
          <li>
            <Link component={NavLink} to="/crear-cuenta" sx={navLinkSx} onClick={onNavigate}>
              Crear cuenta
            </Link>
          </li>
        </>
      )}
      {cuenta && (
        <li>
          <Button
            variant="outlined"
            onClick={async () => {
              onNavigate?.();
              // Leave the page first: on a page that needs a session, ending it there would send the
              // person to «Inicia sesión para continuar» instead of confirming that she logged out.
              navigate('/', { state: { aviso: 'Cerraste tu sesión.' } });
              await logout();
            }}
            sx={logoutSx}
          >
            Cerrar sesión
          </Button>
        </li>
      )}
    </Box>
  );
}

function SaltarAlContenido() {
  return (
    <Link
      href="#contenido"
      sx={{ position: 'absolute', left: 8, top: -100, zIndex: 2000, bgcolor: '#fff', color: 'primary.main', px: 2, py: 1, fontWeight: 700, '&:focus': { top: 8, outline: '3px solid #0b5c9e' } }}
    >
      Saltar al contenido principal
    </Link>
  );
}

type NavBarType = typeof Nav;

/** The header: the name of the side (citizens or officials), the greeting, and the menu (behind «Menú» on phones). */
function Encabezado({ oficial, saludo, NavBar }: { oficial: boolean; saludo: string | undefined; NavBar: NavBarType }) {
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'), { noSsr: true });
  const [open, setOpen] = useState(false);
  return (
    <Box component="header" sx={{ bgcolor: oficial ? 'secondary.main' : 'primary.main', color: '#fff' }}>
      <Container maxWidth={oficial ? 'xl' : 'lg'} sx={{ py: 1.5, display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Link component={RouterLink} to={oficial ? '/funcionario' : '/'} underline="none" sx={{ color: '#fff', display: 'flex', flexDirection: 'column', mr: 'auto', '&:focus-visible': { outline: '3px solid #fff', outlineOffset: 2 } }}>
          <Typography component="span" sx={{ fontWeight: 800, fontSize: '1.5rem', letterSpacing: '0.06em', lineHeight: 1.1 }}>
            SIPROS
          </Typography>
          <Typography component="span" sx={{ fontSize: '0.85rem', opacity: 0.95 }}>
            {oficial ? 'Funcionarios' : 'Sistema de Programas Sociales'}
          </Typography>
        </Link>
        {saludo && wide && (
          <Typography component="p" sx={{ fontSize: '0.95rem' }}>
            Hola, {saludo}
          </Typography>
        )}
        {wide ? (
          <Box component="nav" aria-label="Principal">
            <NavBar />
          </Box>
        ) : (
          <Button aria-expanded={open} aria-controls="menu-principal" onClick={() => setOpen((o) => !o)} startIcon={open ? <CloseIcon aria-hidden="true" /> : <MenuIcon aria-hidden="true" />} sx={{ color: '#fff', '&.Mui-focusVisible': { outline: '3px solid #fff' } }}>
            Menú
          </Button>
        )}
      </Container>
      {!wide && (
        <Collapse in={open}>
          <Container id="menu-principal" component="nav" aria-label="Principal" sx={{ pb: 2 }}>
            {saludo && <Typography sx={{ px: 1.5, py: 1 }}>Hola, {saludo}</Typography>}
            <NavBar onNavigate={() => setOpen(false)} />
          </Container>
        </Collapse>
      )}
    </Box>
  );
}

function ConfirmaTuTelefono() {
  return (
    <Box sx={{ bgcolor: '#fff4e0' }}>
      <Container maxWidth="lg" sx={{ py: 1 }}>
        <Typography>
          Confirma tu teléfono para poder enviar solicitudes.{' '}
          <Link component={RouterLink} to="/verificar-telefono" sx={{ fontWeight: 700 }}>
            Confirmar mi teléfono
          </Link>
        </Typography>
      </Container>
    </Box>
  );
}

function Pie({ oficial }: { oficial: boolean }) {
  return (
    <Box component="footer" sx={{ bgcolor: '#2b2326', color: '#fff', py: 3, mt: 4 }}>
      <Container maxWidth="lg">
        <Typography sx={{ fontSize: '0.9rem' }}>SIPROS · Sistema de Programas Sociales. Los trámites son gratuitos: nadie puede cobrarte por registrarte ni por recibir un apoyo.</Typography>
        <Typography sx={{ fontSize: '0.85rem', mt: 1, opacity: 0.9 }}>Catálogos geográficos: Fuente: INEGI.</Typography>
        {!oficial && (
          <Typography sx={{ fontSize: '0.85rem', mt: 1 }}>
            <Link component={RouterLink} to="/funcionario/iniciar-sesion" sx={{ color: '#fff', '&:focus-visible': { outline: '3px solid #fff', outlineOffset: 2 } }}>
              Acceso para funcionarios
            </Link>
          </Typography>
        )}
      </Container>
    </Box>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { cuenta: citizen, funcionario } = useSession();
  const location = useLocation();
  const aviso = (location.state as { aviso?: string } | null)?.aviso;
  // The officials' side: its own header colour, menu and a wider page for the work tables.
  const oficial = isOfficialPath(location.pathname) || location.pathname === '/disenador' || location.pathname.startsWith('/disenador/');
  const cuenta = oficial ? null : citizen;
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <SaltarAlContenido />
      <Encabezado oficial={oficial} saludo={oficial ? funcionario?.nombre : cuenta?.nombres} NavBar={oficial ? OfficialNav : Nav} />
      {cuenta && !cuenta.telefonoVerificado && location.pathname !== '/verificar-telefono' && <ConfirmaTuTelefono />}
      <Container component="main" id="contenido" tabIndex={-1} maxWidth={oficial ? 'xl' : 'lg'} sx={{ flex: 1, py: { xs: 3, md: 4 }, px: { xs: 2, sm: 3 }, '&:focus': { outline: 'none' } }}>
        {aviso && (
          <Alert severity="success" sx={{ mb: 3 }}>
            {aviso}
          </Alert>
        )}
        {children}
      </Container>
      <Pie oficial={oficial} />
    </Box>
  );
}
