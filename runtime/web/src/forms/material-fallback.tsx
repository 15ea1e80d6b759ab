/**
 * JSON Forms' material renderer set, for the field kinds the app's own renderers (renderers.tsx) do not
 * cover. It carries MUI's date pickers, autocomplete, dialogs and tables, several times the size of the
 * rest of a form page, so it is its own chunk and loads only when a form shows such a field (none of the
 * seed programs' forms do; a planner's new form in the designer might).
 */
import { materialCells, materialRenderers } from '@jsonforms/material-renderers';
import type { OwnPropsOfRenderer } from '@jsonforms/core';
import { JsonFormsDispatch } from '@jsonforms/react';
import { accessibleRenderers } from './renderers.tsx';

// The same set the form used before this chunk was split off: the app's renderers outrank every material
// one wherever they apply, so a field inside this subtree looks exactly as it would elsewhere.
const MATERIAL_AND_ACCESSIBLE = [...materialRenderers, ...accessibleRenderers];

export default function MaterialSubtree({ uischema, schema, path, enabled }: OwnPropsOfRenderer) {
  return <JsonFormsDispatch uischema={uischema} schema={schema} path={path ?? ''} enabled={enabled} renderers={MATERIAL_AND_ACCESSIBLE} cells={materialCells} />;
}
