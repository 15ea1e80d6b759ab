/** Whether the device has a network (the browser's own view: it says «offline» for sure, «online» hopefully). */
import { useSyncExternalStore } from 'react';

function suscribir(aviso: () => void): () => void {
  window.addEventListener('online', aviso);
  window.addEventListener('offline', aviso);
  return () => {
    window.removeEventListener('online', aviso);
    window.removeEventListener('offline', aviso);
  };
}

export function useEnLinea(): boolean {
  return useSyncExternalStore(suscribir, () => navigator.onLine);
}
