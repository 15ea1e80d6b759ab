import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, SESSION_ENDED_EVENT, type Cuenta } from './api.ts';

interface Session {
  /** The logged-in citizen; null when nobody is logged in; undefined while finding out. */
  cuenta: Cuenta | null | undefined;
  /** Reads the account again (after logging in, verifying the phone…). */
  refresh(): Promise<Cuenta | null>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [cuenta, setCuenta] = useState<Cuenta | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      const c = await api.cuenta();
      setCuenta(c);
      return c;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403 || error.status === 404)) {
        setCuenta(null);
        return null;
      }
      // Network or server trouble: treat as logged out, pages show their own errors.
      setCuenta(null);
      return null;
    }
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.cerrarSesion();
    } finally {
      setCuenta(null);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    const ended = () => setCuenta(null);
    window.addEventListener(SESSION_ENDED_EVENT, ended);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, ended);
  }, []);

  const value = useMemo(() => ({ cuenta, refresh, logout }), [cuenta, refresh, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession fuera de SessionProvider');
  return s;
}
