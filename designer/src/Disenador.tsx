/**
 * The designer (issue 5) at /disenador: the planning office builds, tests and publishes programs
 * without seeing their JSON. Every check is the engine's, on the server (see api.ts). The program
 * list and the editor are in editor/.
 */
import { useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import Typography from '@mui/material/Typography';
import { Loading, Page } from '../../runtime/web/src/components/common.tsx';
import { useSession } from '../../runtime/web/src/session.tsx';
import { disenador } from './api.ts';
import { Editor } from './editor/Editor.tsx';
import { Programas } from './editor/Programas.tsx';


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
