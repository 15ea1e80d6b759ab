/** The app's phases (first start, PIN, open) and, once open, its pages; the form pages load on demand. */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Route, Routes } from 'react-router';
import { Loading, NavigationFocus } from '../../runtime/web/src/components/common.tsx';
import { SessionProvider } from '../../runtime/web/src/session.tsx';
import { dispositivo as leerDispositivo, type Boveda, type Dispositivo } from './boveda.ts';
import { CampoProvider } from './estado.tsx';
import { Marco } from './Marco.tsx';
import { Configurar, Desbloquear } from './pantallas/Inicio.tsx';
import { Lista } from './pantallas/Lista.tsx';

// The person's data and the program's form (JSON Forms and its renderers) load when a record is opened.
const PersonaPage = lazy(() => import('./pantallas/Persona.tsx').then((m) => ({ default: m.PersonaPage })));
const FormularioPage = lazy(() => import('./pantallas/Formulario.tsx').then((m) => ({ default: m.FormularioPage })));
const ListoPage = lazy(() => import('./pantallas/Listo.tsx').then((m) => ({ default: m.ListoPage })));

type Fase = { tipo: 'cargando' } | { tipo: 'configurar' } | { tipo: 'pin'; dispositivo: Dispositivo } | { tipo: 'abierta'; dispositivo: Dispositivo; boveda: Boveda };

function Rutas() {
  return (
    <Suspense fallback={<Loading />}>
      <NavigationFocus />
      <Routes>
        <Route path="/registro/:id" element={<PersonaPage />} />
        <Route path="/registro/:id/solicitud/:programaId" element={<FormularioPage />} />
        <Route path="/registro/:id/listo" element={<ListoPage />} />
        <Route path="*" element={<Lista />} />
      </Routes>
    </Suspense>
  );
}

export function App() {
  const [fase, setFase] = useState<Fase>({ tipo: 'cargando' });
  const leer = useCallback(() => void leerDispositivo().then((d) => setFase(d ? { tipo: 'pin', dispositivo: d } : { tipo: 'configurar' })), []);
  useEffect(leer, [leer]);
  // Locking forgets the key: the store is closed until the PIN is typed again.
  const bloquear = useCallback(() => leer(), [leer]);
  const abierta = async (boveda: Boveda) => {
    const d = await leerDispositivo();
    if (d) setFase({ tipo: 'abierta', dispositivo: d, boveda });
  };
  if (fase.tipo === 'cargando') return <Marco><Loading label="Abriendo SIPROS Campo…" /></Marco>;
  if (fase.tipo === 'configurar') return <Marco><Configurar onListo={(b) => void abierta(b)} /></Marco>;
  if (fase.tipo === 'pin') return <Marco><Desbloquear dispositivo={fase.dispositivo} onAbierta={(b) => void abierta(b)} /></Marco>;
  return (
    <SessionProvider>
      <CampoProvider boveda={fase.boveda} dispositivo={fase.dispositivo} onBloquear={bloquear}>
        <Marco quien={fase.dispositivo.brigadista.nombre} onBloquear={bloquear}>
          <Rutas />
        </Marco>
      </CampoProvider>
    </SessionProvider>
  );
}
