/**
 * What every screen of the open app shares: the unlocked store, the package, the records, whether there is a
 * network, and the sync (run by «Enviar ahora» and on its own when the network returns).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { campoApi, mensajeDePaquete } from './api.ts';
import type { Boveda, Dispositivo } from './boveda.ts';
import { guardarCatalogos } from './catalogos.ts';
import { colaDe } from './cola.ts';
import type { Paquete } from './paquete.ts';
import { useEnLinea } from './red.ts';
import type { RegistroLocal } from './registro.ts';
import { sincronizar, type Progreso, type Resumen } from './sync.ts';
import { useBloqueoPorInactividad } from './bloqueo.ts';

export interface EstadoSync {
  corriendo: boolean;
  progreso: Progreso | null;
  resumen: Resumen | null;
}

interface Campo {
  boveda: Boveda;
  dispositivo: Dispositivo;
  paquete: Paquete | null;
  descargadoEn: string | null;
  registros: RegistroLocal[] | null;
  enLinea: boolean;
  sync: EstadoSync;
  recargar(): Promise<void>;
  enviarAhora(): Promise<void>;
  /** Downloads the package again; the Spanish error, or null when it was kept. */
  descargarPaquete(): Promise<string | null>;
  bloquear(): void;
}

const CampoContext = createContext<Campo | null>(null);

export function useCampo(): Campo {
  const c = useContext(CampoContext);
  if (!c) throw new Error('useCampo fuera de CampoProvider');
  return c;
}

function usePaquete(boveda: Boveda) {
  const [guardado, setGuardado] = useState<{ paquete: Paquete; descargadoEn: string } | null>(null);
  useEffect(() => {
    void boveda.paquete().then(setGuardado);
  }, [boveda]);
  const descargar = useCallback(async () => {
    try {
      const ahora = new Date();
      const paquete = await campoApi.paquete();
      await boveda.guardarPaquete(paquete, ahora.toISOString());
      await guardarCatalogos(paquete);
      setGuardado({ paquete, descargadoEn: ahora.toISOString() });
      return null;
    } catch (error) {
      return mensajeDePaquete(error);
    }
  }, [boveda]);
  return { guardado, descargar };
}

function useSync(boveda: Boveda, recargar: () => Promise<void>) {
  const [sync, setSync] = useState<EstadoSync>({ corriendo: false, progreso: null, resumen: null });
  const corriendo = useRef(false);
  const enviarAhora = useCallback(async () => {
    // One run at a time: the online event and a tap can come together.
    if (corriendo.current) return;
    corriendo.current = true;
    setSync({ corriendo: true, progreso: null, resumen: null });
    try {
      const resumen = await sincronizar(colaDe(boveda), (url, init) => fetch(url, init), { progreso: (progreso) => setSync((s) => ({ ...s, progreso })) });
      setSync({ corriendo: false, progreso: null, resumen });
    } catch {
      // Not a cut nor an answer (a record that cannot be read): the queue stays as it was, and says so.
      const quedan = (await boveda.registros()).filter((r) => r.estado === 'pendiente').length;
      setSync({ corriendo: false, progreso: null, resumen: { aceptados: 0, rechazados: 0, conflictos: 0, quedan, detenida: 'servidor', mensaje: 'No pudimos enviar los registros por un error en este dispositivo. Siguen guardados; intenta de nuevo.' } });
    } finally {
      corriendo.current = false;
      setSync((s) => ({ ...s, corriendo: false }));
      await recargar();
    }
  }, [boveda, recargar]);
  return { sync, enviarAhora };
}

export function CampoProvider({ boveda, dispositivo, onBloquear, children }: { boveda: Boveda; dispositivo: Dispositivo; onBloquear: () => void; children: ReactNode }) {
  const enLinea = useEnLinea();
  const [registros, setRegistros] = useState<RegistroLocal[] | null>(null);
  const recargar = useCallback(async () => setRegistros(await boveda.registros()), [boveda]);
  useEffect(() => {
    void recargar();
  }, [recargar]);
  const { guardado, descargar } = usePaquete(boveda);
  const { sync, enviarAhora } = useSync(boveda, recargar);
  useBloqueoPorInactividad(onBloquear, sync.corriendo);
  const hayPendientes = useRef(false);
  hayPendientes.current = !!registros?.some((r) => r.estado === 'pendiente');
  const cargados = registros !== null;
  // The network came back, or the app opened with one: send what is waiting (not again after each answer).
  useEffect(() => {
    if (enLinea && cargados && hayPendientes.current) void enviarAhora();
  }, [enLinea, cargados, enviarAhora]);
  const value = useMemo<Campo>(
    () => ({ boveda, dispositivo, paquete: guardado?.paquete ?? null, descargadoEn: guardado?.descargadoEn ?? null, registros, enLinea, sync, recargar, enviarAhora, descargarPaquete: descargar, bloquear: onBloquear }),
    [boveda, dispositivo, guardado, registros, enLinea, sync, recargar, enviarAhora, descargar, onBloquear],
  );
  return <CampoContext.Provider value={value}>{children}</CampoContext.Provider>;
}
