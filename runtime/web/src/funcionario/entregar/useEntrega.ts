/**
 * Reading a delivery code, then confirming the delivery once: the position goes with it when the
 * official allows it (asked in the background; the delivery never waits for it).
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError, messageOf } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { funcionarioApi, type EntregaRegistrada, type Verificacion } from '../api.ts';

type Posicion = { latitud: number; longitud: number; precision?: number };

export function yaEntregada(e: { fecha: string; funcionario: string }): string {
  return `Ya se entregó el ${formatDateTime(e.fecha)} por ${e.funcionario}.`;
}

/** Asks for the position in the background, saying how it went. */
function useUbicacion() {
  const [posicion, setPosicion] = useState<Posicion | null>(null);
  const [ubicacion, setUbicacion] = useState<string>('');
  const pedir = () => {
    if (!('geolocation' in navigator)) {
      setUbicacion('Este navegador no da la ubicación; la entrega se registra sin ella.');
      return;
    }
    setUbicacion('Obteniendo la ubicación…');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPosicion({ latitud: p.coords.latitude, longitud: p.coords.longitude, precision: Math.round(p.coords.accuracy) });
        setUbicacion(`Ubicación lista (precisión de ${Math.round(p.coords.accuracy)} m); se guardará con la entrega.`);
      },
      (e) => {
        console.warn(`Ubicación no disponible (${e.code}): ${e.message}`);
        setUbicacion('Sin ubicación (no se dio permiso o no está disponible); la entrega se registra sin ella.');
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 120_000 },
    );
  };
  return { posicion, ubicacion, pedir };
}

export function useEntrega() {
  const [token, setToken] = useState('');
  const [tokenError, setTokenError] = useState<string | null>(null);
  const [verificando, setVerificando] = useState(false);
  const [verificacion, setVerificacion] = useState<Verificacion | null>(null);
  const [tokenVerificado, setTokenVerificado] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirmando, setConfirmando] = useState(false);
  const [entregada, setEntregada] = useState<EntregaRegistrada | null>(null);
  const [repetida, setRepetida] = useState<string | null>(null);
  const lugar = useUbicacion();
  const resultadoRef = useRef<HTMLDivElement>(null);
  const tokenRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (verificacion || entregada || error) resultadoRef.current?.focus();
  }, [verificacion, entregada, error]);

  const limpiar = () => {
    setError(null);
    setEntregada(null);
    setRepetida(null);
    setVerificacion(null);
  };

  const verificar = async (valor: string) => {
    const limpio = valor.replace(/\s+/g, '');
    setToken(limpio);
    limpiar();
    if (!limpio) {
      setTokenError('Escribe o pega el código que aparece debajo del QR.');
      tokenRef.current?.focus();
      return;
    }
    setTokenError(null);
    setVerificando(true);
    try {
      const v = await funcionarioApi.verificarEntrega(limpio);
      setVerificacion(v);
      setTokenVerificado(limpio);
      if (!v.entregada && !lugar.posicion) lugar.pedir();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setVerificando(false);
    }
  };

  const confirmar = async () => {
    if (!verificacion) return;
    setConfirmando(true);
    setError(null);
    try {
      setEntregada(await funcionarioApi.entregar(tokenVerificado, lugar.posicion));
      setVerificacion(null);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ALREADY_DELIVERED') {
        const d = e.details as { fecha?: string; funcionario?: string } | undefined;
        setRepetida(d?.fecha ? yaEntregada({ fecha: d.fecha, funcionario: d.funcionario ?? 'otro funcionario' }) : e.message);
        setVerificacion(null);
      } else setError(messageOf(e));
    } finally {
      setConfirmando(false);
    }
  };

  const otra = () => {
    setToken('');
    setTokenVerificado('');
    limpiar();
    setTimeout(() => tokenRef.current?.focus(), 0);
  };

  const escribir = (valor: string) => {
    setToken(valor);
    setTokenError(null);
  };

  return { token, tokenError, verificando, verificacion, error, confirmando, entregada, repetida, ubicacion: lugar.ubicacion, resultadoRef, tokenRef, verificar, confirmar, otra, escribir };
}

export type Entrega = ReturnType<typeof useEntrega>;
