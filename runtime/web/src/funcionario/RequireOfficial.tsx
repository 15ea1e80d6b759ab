import type { ReactNode } from 'react';
import { Link as RouterLink, Navigate, useLocation } from 'react-router';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Loading, Page } from '../components/common.tsx';
import { useSession } from '../session.tsx';
import { puedeAbrir } from './api.ts';
import type { OfficialArea } from '../../../../engine/vocabulary.ts';

/**
 * Pages of the officials' side: without an official's session, to their login (and back afterwards);
 * a page the official's roles do not open says so instead of failing request by request.
 */
export function RequireOfficial({ children, permiso }: { children: ReactNode; permiso?: OfficialArea }) {
  const { funcionario } = useSession();
  const location = useLocation();
  if (funcionario === undefined) return <Loading label="Revisando tu sesión…" />;
  if (funcionario === null) {
    const siguiente = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/funcionario/iniciar-sesion?siguiente=${siguiente}`} replace />;
  }
  if (permiso && !puedeAbrir(funcionario, permiso)) {
    return (
      <Page title="Sin permiso">
        <Typography sx={{ mb: 2 }}>Tus roles no permiten abrir esta sección. Si la necesitas, pide a un administrador que te asigne el rol.</Typography>
        <Button variant="contained" component={RouterLink} to="/funcionario">
          Ir al inicio
        </Button>
      </Page>
    );
  }
  return <>{children}</>;
}
