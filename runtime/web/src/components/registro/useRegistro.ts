/**
 * The sign-up form's state and sending, for «Crear cuenta» and Ventanilla alike: the page gives its
 * words (Textos), how to send, and what to show when an account already exists for the CURP.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, messageOf } from '../../api.ts';
import type { SummaryItem } from '../common.tsx';
import { aRegistro, conCambio, erroresDelServidor, registroVacio, revisarRegistro, type Campo, type DatosRegistro, type Errores, type Textos } from './registro.ts';

interface Opciones {
  textos: Textos;
  curpInicial?: string;
  enviar: (datos: ReturnType<typeof aRegistro>) => Promise<void>;
  /** What to say when an account already exists for the CURP (with the way on from there). */
  cuentaExistente: (error: ApiError, curp: string) => ReactNode;
}

export function useRegistro({ textos, curpInicial, enviar, cuentaExistente }: Opciones) {
  const [f, setF] = useState<DatosRegistro>(() => registroVacio(curpInicial));
  const [errors, setErrors] = useState<Errores>({});
  const [general, setGeneral] = useState<ReactNode>(null);
  const [sending, setSending] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const set = (campo: Campo) => (valor: string) => {
    setF((old) => conCambio(old, campo, valor));
    if (errors[campo]) setErrors((e) => ({ ...e, [campo]: '' }));
  };

  const refused = (error: unknown) => {
    if (!(error instanceof ApiError)) return setGeneral(messageOf(error));
    if (error.code === 'ACCOUNT_EXISTS') return setGeneral(cuentaExistente(error, aRegistro(f).curp));
    const onFields = erroresDelServidor(error, textos.labels);
    if (onFields) setErrors(onFields);
    else setGeneral(error.message);
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setGeneral(null);
    const e = revisarRegistro(f, textos);
    setErrors(e);
    setAttempt((a) => a + 1);
    if (Object.keys(e).length > 0) return;
    setSending(true);
    try {
      await enviar(aRegistro(f));
    } catch (error) {
      setErrors({});
      refused(error);
      setAttempt((a) => a + 1);
    } finally {
      setSending(false);
    }
  };

  const items: SummaryItem[] = Object.entries(errors)
    .filter(([, m]) => m)
    .map(([k, m]) => ({ target: k, message: `${textos.labels[k as Campo] ?? k}: ${m}` }));

  return { f, set, errors, general, sending, attempt, submit, items };
}

export type Registrando = ReturnType<typeof useRegistro>;
