import { useMemo, useState } from 'react';
import type Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { JsonForms } from '@jsonforms/react';
import { UPDATE_CORE, type JsonFormsCellRendererRegistryEntry, type JsonSchema, type Middleware, type UISchemaElement } from '@jsonforms/core';
import type { Json } from '../api.ts';
import { conditionValidator } from './conditions.ts';
import { HeadingLevel, siprosRenderers, spanishI18n, type SiprosFormConfig } from './renderers.tsx';

/**
 * One part of a program's form rendered by JSON Forms. Validation is the server's: its errors come in
 * `errors` (JSON Forms' additionalErrors) and are shown next to the fields; the browser only applies
 * the show/hide rules.
 *
 * `data` seeds the form when it mounts; from then on JSON Forms owns the answers and reports every
 * change through `onChange`. (Feeding each reported value back as a prop would race with the next
 * keystroke or click and undo it.) Remount it (a `key`) to start from other data.
 */
export function SiprosForm({
  schema,
  uischema,
  data,
  onChange,
  errors,
  config,
  headingLevel = 3,
}: {
  schema: Json;
  uischema: Json;
  data: Json;
  onChange: (data: Json) => void;
  errors?: ErrorObject[];
  config?: SiprosFormConfig;
  headingLevel?: number;
}) {
  const fullConfig = useMemo(() => ({ showUnfocusedDescription: true, ...config }), [config]);
  const [initial] = useState(data);
  return (
    <HeadingLevel.Provider value={headingLevel}>
      <JsonForms
        schema={schema as JsonSchema}
        uischema={uischema as unknown as UISchemaElement}
        data={initial}
        renderers={siprosRenderers}
        cells={NO_CELLS}
        onChange={({ data: next }) => onChange(next as Json)}
        validationMode="NoValidation"
        additionalErrors={errors ?? EMPTY}
        ajv={conditionValidator as unknown as Ajv}
        i18n={spanishI18n}
        config={fullConfig}
        middleware={keepAnswers}
      />
    </HeadingLevel.Provider>
  );
}

const EMPTY: ErrorObject[] = [];
// Cells are only used by the material renderers, which bring their own (forms/material-fallback.tsx).
const NO_CELLS: JsonFormsCellRendererRegistryEntry[] = [];

/** Props changes (new server errors, …) update the form but never put back older answers. */
const keepAnswers: Middleware = (state, action, reducer) =>
  reducer(state, action.type === UPDATE_CORE ? ({ ...action, data: state.data } as typeof action) : action);
