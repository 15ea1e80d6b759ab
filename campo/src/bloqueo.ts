/**
 * The app locks itself when left alone: a phone forgotten on a table, or handed to someone, shows
 * the PIN screen rather than the people registered that day. The records stay sealed in IndexedDB;
 * locking only forgets the key, so nothing in progress is lost (a draft is saved as it is typed).
 */
import { useEffect, useRef } from 'react';

/** Minutes without a touch or a key before the app locks. */
export const MINUTOS_SIN_USO = 10;

/** Whether the app should lock now: idle too long, and not in the middle of sending (the sending needs the key). */
export function debeBloquearse(ultimaActividad: number, ahora: number, enviando: boolean): boolean {
  return !enviando && ahora - ultimaActividad >= MINUTOS_SIN_USO * 60_000;
}

/** Calls `bloquear` once the app has been idle for MINUTOS_SIN_USO minutes (checked every 15 s, and on coming back to it). */
export function useBloqueoPorInactividad(bloquear: () => void, enviando: boolean): void {
  const ultima = useRef(Date.now());
  const enviandoAhora = useRef(enviando);
  enviandoAhora.current = enviando;
  useEffect(() => {
    const actividad = () => {
      ultima.current = Date.now();
    };
    const revisar = () => {
      if (debeBloquearse(ultima.current, Date.now(), enviandoAhora.current)) bloquear();
    };
    const eventos = ['pointerdown', 'keydown', 'input'] as const;
    for (const e of eventos) window.addEventListener(e, actividad, { passive: true });
    // A phone put to sleep stops timers: check as soon as the app is seen again.
    document.addEventListener('visibilitychange', revisar);
    const reloj = window.setInterval(revisar, 15_000);
    return () => {
      for (const e of eventos) window.removeEventListener(e, actividad);
      document.removeEventListener('visibilitychange', revisar);
      window.clearInterval(reloj);
    };
  }, [bloquear]);
}
