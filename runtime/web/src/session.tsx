import { createContext, startTransition, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { api, ApiError, request, SESSION_ENDED_EVENT, type Cuenta } from './api.ts';

import type { Funcionario } from '../../api/admin.ts';

/** The logged-in official (GET /api/funcionario/yo). */
export type { Funcionario };

interface Session {
  /** The logged-in citizen; null when nobody is logged in; undefined while finding out. */
  cuenta: Cuenta | null | undefined;
  /** Reads the account again (after logging in, verifying the phone…). */
  refresh(): Promise<Cuenta | null>;
  logout(): Promise<void>;
  /** The logged-in official (only asked for on /funcionario pages); null when none; undefined while finding out. */
  funcionario: Funcionario | null | undefined;
  refreshFuncionario(): Promise<Funcionario | null>;
  /** Ends the official's session; `then` runs in the same render as the state change (e.g. navigating away). */
  logoutFuncionario(then?: () => void): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** The officials' side lives under /funcionario. */
export function isOfficialPath(pathname: string): boolean {
  return /^\/(funcionario|disenador)(\/|$)/.test(pathname);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [cuenta, setCuenta] = useState<Cuenta | null | undefined>(undefined);
  const [funcionario, setFuncionario] = useState<Funcionario | null | undefined>(undefined);
  const oficial = isOfficialPath(useLocation().pathname);

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

  const refreshFuncionario = useCallback(async () => {
    try {
      const f = await request<Funcionario>('GET', '/funcionario/yo');
      setFuncionario(f);
      // One session cookie: an official's login ends any citizen session in this browser.
      setCuenta(undefined);
      return f;
    } catch {
      setFuncionario(null);
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

  const logoutFuncionario = useCallback(async (then?: () => void) => {
    try {
      await api.cerrarSesion();
    } finally {
      // Leave the page and forget the official in one render (the router navigates in a transition): the
      // page being left never sees "no session" and sends to the login on its own, without `then`'s state.
      startTransition(() => {
        then?.();
        setFuncionario(null);
      });
    }
  }, []);

  // Each side asks only for its own session: citizens' pages never probe the officials' route and back.
  useEffect(() => {
    if (oficial && funcionario === undefined) void refreshFuncionario();
    if (!oficial && cuenta === undefined) void refresh();
  }, [oficial, cuenta, funcionario, refresh, refreshFuncionario]);

  useEffect(() => {
    const ended = () => {
      setCuenta(null);
      setFuncionario(null);
    };
    window.addEventListener(SESSION_ENDED_EVENT, ended);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, ended);
  }, []);

  const value = useMemo(
    () => ({ cuenta, refresh, logout, funcionario, refreshFuncionario, logoutFuncionario }),
    [cuenta, refresh, logout, funcionario, refreshFuncionario, logoutFuncionario],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession fuera de SessionProvider');
  return s;
}
