import Typography from '@mui/material/Typography';
import { ErrorSummary, type SummaryItem } from '../../components/common.tsx';
import { SiprosForm } from '../../forms/SiprosForm.tsx';
import { fieldId, inScreenOrder, placeOf, summaryMessage } from '../../forms/schema.ts';
import type { Solicitud } from './useSolicitud.ts';

/** A step of the program's form, with the errors the server found when the person tried to move on. */
export function PasoFormulario({ s }: { s: Solicitud }) {
  const { schema, steps, nav } = s;
  if (!schema) return null;
  const errors = nav.errors;
  // Only missing answers: the summary names them (each says «Este dato es obligatorio.» next to itself).
  const onlyMissing = errors.length > 0 && errors.every((e) => e.code === 'FORM_REQUIRED');
  const items: SummaryItem[] = inScreenOrder(steps[nav.step], errors).map((e) => ({
    target: fieldId(e.path),
    message: onlyMissing ? placeOf(schema, e.path, true) : summaryMessage(schema, e, true),
  }));
  const howMany = errors.length === 1 ? 'este dato' : `estos ${errors.length} datos`;
  return (
    <>
      <ErrorSummary title={onlyMissing ? `Falta contestar ${howMany} para continuar` : `Revisa ${howMany} para continuar`} items={items} focusKey={nav.attempt} />
      <Typography sx={{ mb: 3 }} color="text.secondary">
        Los datos marcados con * son obligatorios. Guardamos tus respuestas cada vez que avanzas.
      </Typography>
      <SiprosForm key={nav.step} schema={schema} uischema={steps[nav.step].uischema} data={s.data} onChange={s.onFormChange} errors={s.additionalErrors} headingLevel={3} />
    </>
  );
}
