/**
 * The planners' app, a build of its own (designer/vite.config.ts) served at /disenador. It shares the
 * portal's header, session and widgets; every other address belongs to the portal and is loaded from it.
 */
import { Route, Routes } from 'react-router';
import { OtraAplicacion, renderApp } from '../../runtime/web/src/shell.tsx';
import Disenador from './Disenador.tsx';

renderApp(
  <Routes>
    <Route path="/disenador/*" element={<Disenador />} />
    <Route path="*" element={<OtraAplicacion />} />
  </Routes>,
);
