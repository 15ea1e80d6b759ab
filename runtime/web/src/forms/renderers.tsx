/**
 * JSON Forms renderers for citizens: MUI inputs with a visible label, help text and errors tied to the
 * input (aria-describedby, aria-invalid), yes/no questions as two radio buttons (a checkbox cannot say
 * "no"), native selects (usable on any phone), layouts that stack on small screens, and lists of people as
 * plain sections with "Agregar" and "Quitar" buttons. The material renderers stay as the fallback for any
 * other kind of field a definition may use, loaded only when such a field appears (material-fallback.tsx).
 */
import { lazy, Suspense } from 'react';
import {
  isBooleanControl,
  isDateControl,
  isEnumControl,
  isIntegerControl,
  isNumberControl,
  isObjectArrayControl,
  isOneOfEnumControl,
  isStringControl,
  and,
  optionIs,
  or,
  rankWith,
  uiTypeIs,
  type JsonFormsI18nState,
  type JsonFormsRendererRegistryEntry,
  type OwnPropsOfRenderer,
} from '@jsonforms/core';
import { withJsonFormsArrayLayoutProps, withJsonFormsControlProps, withJsonFormsLabelProps, withJsonFormsLayoutProps } from '@jsonforms/react';
import Typography from '@mui/material/Typography';
import { ChoiceControl, DateControl, NumberControl, TextControl, YesNoControl } from './renderers/controles.tsx';
import { GroupRenderer, HorizontalLayoutRenderer, LabelRenderer, VerticalLayoutRenderer } from './renderers/layouts.tsx';
import { ArrayRenderer } from './renderers/lista.tsx';
import { PostalCodeControl } from './renderers/codigo-postal.tsx';
import { LocationControl } from './renderers/ubicacion.tsx';
import { ColoniaControl, LocalidadControl } from './renderers/por-municipio.tsx';

export { HeadingLevel, type SiprosFormConfig } from './renderers/comun.tsx';

// ── Registry ─────────────────────────────────────────────────────────────

// Above every material renderer (the highest, radio groups, rank 20).
const RANK = 30;

/** The app's own renderers: every field kind the seed programs use. */
export const accessibleRenderers: JsonFormsRendererRegistryEntry[] = [
  { tester: rankWith(RANK, isBooleanControl), renderer: withJsonFormsControlProps(YesNoControl) },
  { tester: rankWith(RANK, or(isOneOfEnumControl, isEnumControl)), renderer: withJsonFormsControlProps(ChoiceControl) },
  { tester: rankWith(RANK, or(isIntegerControl, isNumberControl)), renderer: withJsonFormsControlProps(NumberControl) },
  { tester: rankWith(RANK + 1, isDateControl), renderer: withJsonFormsControlProps(DateControl) },
  { tester: rankWith(RANK - 1, isStringControl), renderer: withJsonFormsControlProps(TextControl) },
  { tester: rankWith(RANK + 2, and(isStringControl, optionIs('buscarColonias', true))), renderer: withJsonFormsControlProps(PostalCodeControl) },
  { tester: rankWith(RANK + 2, and(isNumberControl, optionIs('ubicacion', true))), renderer: withJsonFormsControlProps(LocationControl) },
  { tester: rankWith(RANK + 2, and(isStringControl, optionIs('buscarLocalidades', true))), renderer: withJsonFormsControlProps(LocalidadControl) },
  { tester: rankWith(RANK + 2, and(isStringControl, optionIs('buscarColoniasDelMunicipio', true))), renderer: withJsonFormsControlProps(ColoniaControl) },
  { tester: rankWith(RANK, isObjectArrayControl), renderer: withJsonFormsArrayLayoutProps(ArrayRenderer) },
  { tester: rankWith(RANK, uiTypeIs('VerticalLayout')), renderer: withJsonFormsLayoutProps(VerticalLayoutRenderer) },
  { tester: rankWith(RANK, uiTypeIs('HorizontalLayout')), renderer: withJsonFormsLayoutProps(HorizontalLayoutRenderer) },
  { tester: rankWith(RANK, uiTypeIs('Group')), renderer: withJsonFormsLayoutProps(GroupRenderer) },
  { tester: rankWith(RANK, uiTypeIs('Label')), renderer: withJsonFormsLabelProps(LabelRenderer) },
];

// The material renderer set is most of a form page's code (MUI date pickers, autocomplete, dialogs): it
// loads only when an element none of the renderers above takes is shown, and then renders that element.
const MaterialSubtree = lazy(() => import('./material-fallback.tsx'));

function MaterialFallbackRenderer(props: OwnPropsOfRenderer) {
  return (
    <Suspense fallback={<Typography color="text.secondary">Cargando la pregunta…</Typography>}>
      <MaterialSubtree {...props} />
    </Suspense>
  );
}

// Below every renderer: chosen only where nothing above applies (where the material set used to be chosen).
const FALLBACK_RANK = 0;

export const siprosRenderers: JsonFormsRendererRegistryEntry[] = [
  ...accessibleRenderers,
  { tester: () => FALLBACK_RANK, renderer: MaterialFallbackRenderer },
];

const ARRAY_TEXTS: Record<string, string> = {
  removeTooltip: 'Quitar',
  removeAriaLabel: 'Quitar',
  upAriaLabel: 'Subir',
  downAriaLabel: 'Bajar',
  up: 'Subir',
  down: 'Bajar',
  noDataMessage: 'Sin registros',
  noSelection: 'Nada seleccionado',
  deleteDialogTitle: 'Confirma que quieres quitarlo',
  deleteDialogMessage: '¿Seguro que quieres quitar este registro?',
  deleteDialogAccept: 'Sí, quitar',
  deleteDialogDecline: 'No',
  clearDialogTitle: '¿Borrar los datos?',
  clearDialogMessage: 'Se borrarán los datos capturados. ¿Quieres continuar?',
  clearDialogAccept: 'Sí',
  clearDialogDecline: 'No',
};

/** Spanish for the few texts JSON Forms itself produces; error messages come from the server. */
export const spanishI18n: JsonFormsI18nState = {
  locale: 'es-MX',
  translate: ((id: string, defaultMessage: string | undefined) => {
    const key = id.split('.').pop() ?? id;
    if (key === 'addTooltip' || key === 'addAriaLabel') return defaultMessage?.replace(/^Add to (.*?)( button)?$/, 'Agregar a $1') ?? 'Agregar';
    if (key in ARRAY_TEXTS) return ARRAY_TEXTS[key];
    if (id === 'is a required property') return 'Este dato es obligatorio.';
    return defaultMessage;
  }) as JsonFormsI18nState['translate'],
  translateError: (error) => error.message ?? 'Este dato no es válido.',
};
