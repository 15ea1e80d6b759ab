/**
 * «Enviar solicitud»: the support type when the review page asks it, the submission (idempotent on
 * the server: a double click gets the same folio), and the server's refusals turned into a summary
 * whose items lead to the step, document or answer to fix.
 */
import { useState, type ReactNode } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import Link from '@mui/material/Link';
import { ApiError, messageOf, type ErrorCampo, type Motivo } from '../../api.ts';
import type { SummaryItem } from '../../components/common.tsx';
import { forgetProgress } from '../../forms/progress.ts';
import { fieldId, stepOfPath, summaryMessage } from '../../forms/schema.ts';
import type { Solicitud } from './useSolicitud.ts';

/** The summary's items for a refusal the person can act on. */
function refusalItems(s: Solicitud, e: ApiError): SummaryItem[] {
  const { schema, steps, cargado, act, docStep } = s;
  if (e.code === 'FORM_INVALID' && schema) {
    const list: ErrorCampo[] = e.fieldErrors;
    return list.map((fe) => {
      const step = stepOfPath(steps, fe.path);
      return {
        target: fieldId(fe.path),
        message: `${step >= 0 ? `${steps[step].label}: ` : ''}${summaryMessage(schema, fe)}`,
        onSelect: () => {
          if (step >= 0) act({ type: 'corregirPaso', step, errors: list.filter((x) => stepOfPath(steps, x.path) === step) });
        },
      };
    });
  }
  if (e.code === 'NOT_ELIGIBLE') {
    const motivos = ((e.details as { motivos?: Motivo[] } | undefined)?.motivos ?? []) as Motivo[];
    return motivos.map((m) => ({ message: m.message }));
  }
  if (e.code === 'DOCUMENTS_MISSING') {
    const ids = ((e.details as { documentos?: unknown[] } | undefined)?.documentos ?? []).map((d) => (typeof d === 'string' ? d : String((d as { id?: string }).id ?? '')));
    return ids.map((docId) => ({
      message: cargado?.programa.documentos.find((d) => d.id === docId)?.nombre ?? docId,
      onSelect: () => act({ type: 'cambiarDesdeRevision', step: docStep }),
    }));
  }
  return [];
}

/** The refusal's message; an unconfirmed phone gets the way to confirm it. */
function refusalMessage(e: ApiError): ReactNode {
  if (e.code !== 'PHONE_NOT_VERIFIED') return e.message;
  return (
    <>
      {e.message}{' '}
      <Link component={RouterLink} to="/verificar-telefono">
        Confirmar mi teléfono
      </Link>
    </>
  );
}

export function useEnvio(s: Solicitud) {
  const navigate = useNavigate();
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<ReactNode>(null);
  const [submitItems, setSubmitItems] = useState<SummaryItem[]>([]);
  const [tipoApoyo, setTipoApoyo] = useState<string>('');
  const [tipoError, setTipoError] = useState<string | null>(null);
  const { client, programaId, dataRef } = s;

  const send = async () => {
    let id = s.solicitudId;
    if (!id) {
      id = (await client.guardarBorrador(programaId, dataRef.current)).id;
      s.setSolicitudId(id);
    }
    const sent = await client.enviar(id, dataRef.current, tipoApoyo || undefined);
    s.submitted.current = true;
    forgetProgress(id);
    navigate(client.rutas.enviada(sent.id), { replace: true });
  };

  const submit = async () => {
    if (submitting) return;
    setSubmitError(null);
    setSubmitItems([]);
    setTipoError(null);
    if (s.cargado?.programa.preguntarTipoApoyo && !tipoApoyo) {
      setTipoError('Elige el tipo de apoyo que solicitas.');
      document.getElementById('tipo-apoyo')?.focus();
      return;
    }
    setSubmitting(true);
    try {
      await send();
    } catch (e) {
      if (e instanceof ApiError && s.schema) {
        setSubmitItems(refusalItems(s, e));
        setSubmitError(refusalMessage(e));
      } else setSubmitError(messageOf(e));
      s.act({ type: 'intento' });
    } finally {
      setSubmitting(false);
    }
  };

  const chooseSupportType = (id: string) => {
    setTipoApoyo(id);
    setTipoError(null);
  };

  return { submitting, submitError, submitItems, tipoApoyo, tipoError, chooseSupportType, submit };
}

export type Envio = ReturnType<typeof useEnvio>;
