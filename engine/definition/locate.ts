/**
 * Where a definition error is, said as a planner would say it: «Formulario › Domicilio › Código
 * postal», «Requisito “Tener 65 años o más”», «Flujo › Revisión › acción Aprobar» — never a raw
 * JSON pointer. The designer shows each error next to the element this names.
 *
 * Pure: reads only the definition it is given (as edited, possibly invalid).
 */
import { formFields } from './diff.ts';

export type ElementArea = 'general' | 'convocatoria' | 'formulario' | 'elegibilidad' | 'prioridad' | 'documentos' | 'flujo' | 'notificaciones' | 'pruebas' | 'otro';

export interface ElementLocation {
  area: ElementArea;
  /** Stable id of the element inside its area (field path, rule id, state id, …), for the UI to find it. */
  element: string;
  /** Spanish breadcrumb for the planner. */
  label: string;
}

/** Each area of a definition as the designer names its sections (also used to group the publish diff). */
export const AREA_NAMES: Record<ElementArea, string> = {
  general: 'Datos generales',
  convocatoria: 'Convocatoria',
  formulario: 'Formulario',
  elegibilidad: 'Requisitos',
  prioridad: 'Prioridad',
  documentos: 'Documentos',
  flujo: 'Flujo de aprobación',
  notificaciones: 'Mensajes SMS',
  pruebas: 'Casos de prueba',
  otro: 'Definición',
};

const GENERAL_FIELDS: Record<string, string> = {
  id: 'Clave del programa',
  version: 'Versión',
  name: 'Nombre',
  description: 'Descripción',
  objective: 'Objetivo',
  dependencia: 'Dependencia',
  area: 'Área',
  folioPrefix: 'Prefijo de folio',
  ruleSets: 'Conjuntos de reglas',
};

const CALL_FIELDS: Record<string, string> = {
  opensAt: 'Apertura',
  closesAt: 'Cierre',
  referenceDate: 'Fecha de referencia para la edad',
  quotas: 'Cupos',
  municipioField: 'Campo de municipio',
  localidadField: 'Campo de localidad',
  timeZone: 'Zona horaria',
};

type Json = Record<string, unknown>;

function decode(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function at(node: unknown, key: string | number): unknown {
  return node !== null && typeof node === 'object' ? (node as Json)[key as string] : undefined;
}

function named(items: unknown, index: string, key: 'message' | 'label' | 'name' | 'id'): { id: string; name: string } {
  const item = at(items, Number(index)) as Json | undefined;
  const id = typeof item?.id === 'string' ? item.id : `#${Number(index) + 1}`;
  const name = typeof item?.[key] === 'string' ? (item[key] as string) : id;
  return { id, name };
}

/** The field path (a.b[].c) a pointer into form.schema designates, skipping schema keywords. */
function fieldPathOf(segments: string[]): string {
  const path: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    if (segments[i] === 'properties' && segments[i + 1] !== undefined) {
      path.push(segments[i + 1]);
      i++;
    } else if (segments[i] === 'items') path[path.length - 1] = `${path[path.length - 1] ?? ''}[]`;
  }
  return path.join('.');
}

function locateForm(definition: unknown, rest: string[]): ElementLocation {
  if (rest[0] === 'uischema') return { area: 'formulario', element: 'pasos', label: `${AREA_NAMES.formulario} › Pasos y presentación` };
  const path = fieldPathOf(rest.slice(1));
  if (!path) return { area: 'formulario', element: '', label: AREA_NAMES.formulario };
  const fields = formFields(at(at(definition, 'form'), 'schema'));
  const crumbs: string[] = [];
  const parts = path.split('.');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('.');
    // A repeating group's items are named by the group itself.
    const key = prefix.replace(/\[\]$/, '');
    crumbs.push(fields.get(key)?.title ?? parts[i - 1].replace(/\[\]$/, ''));
  }
  return { area: 'formulario', element: path, label: `${AREA_NAMES.formulario} › ${crumbs.join(' › ')}` };
}

function locateWorkflow(definition: unknown, rest: string[]): ElementLocation {
  const workflow = at(definition, 'workflow');
  if (rest[0] === 'states' && rest[1] !== undefined) {
    const state = at(at(workflow, 'states'), rest[1]) as Json | undefined;
    const stateLabel = typeof state?.label === 'string' ? state.label : rest[1];
    if (rest[2] === 'on' && rest[3] !== undefined) {
      const event = at(at(workflow, 'events'), rest[3]) as Json | undefined;
      const eventLabel = typeof event?.label === 'string' ? event.label : rest[3];
      return { area: 'flujo', element: `${rest[1]}/${rest[3]}`, label: `${AREA_NAMES.flujo} › Etapa «${stateLabel}» › acción «${eventLabel}»` };
    }
    return { area: 'flujo', element: rest[1], label: `${AREA_NAMES.flujo} › Etapa «${stateLabel}»` };
  }
  if (rest[0] === 'events' && rest[1] !== undefined) {
    const event = at(at(workflow, 'events'), rest[1]) as Json | undefined;
    return { area: 'flujo', element: `evento:${rest[1]}`, label: `${AREA_NAMES.flujo} › Acción «${typeof event?.label === 'string' ? event.label : rest[1]}»` };
  }
  if (rest[0] === 'initial') return { area: 'flujo', element: 'inicial', label: `${AREA_NAMES.flujo} › Etapa inicial` };
  return { area: 'flujo', element: '', label: AREA_NAMES.flujo };
}

/** Names the element of `definition` that a JSON pointer (from an engine error) points into. */
export function locateElement(definition: unknown, pointer: string): ElementLocation {
  const segments = pointer.split('/').slice(1).map(decode);
  const [head, ...rest] = segments;
  switch (head) {
    case undefined:
    case '':
      return { area: 'otro', element: '', label: AREA_NAMES.otro };
    case 'form':
      return locateForm(definition, rest);
    case 'workflow':
      return locateWorkflow(definition, rest);
    case 'convocatoria':
      return { area: 'convocatoria', element: rest[0] ?? '', label: rest[0] ? `${AREA_NAMES.convocatoria} › ${CALL_FIELDS[rest[0]] ?? rest[0]}${rest[0] === 'quotas' && rest[2] ? ` › municipio ${rest[2]}` : ''}` : AREA_NAMES.convocatoria };
    case 'supportTypes': {
      const support = named(at(definition, 'supportTypes'), rest[0] ?? '0', 'name');
      return { area: 'general', element: `apoyo:${support.id}`, label: `${AREA_NAMES.general} › Tipo de apoyo «${support.name}»` };
    }
    case 'eligibility':
    case 'priority': {
      const area = head === 'eligibility' ? 'elegibilidad' : 'prioridad';
      if (rest[0] === undefined) return { area, element: '', label: AREA_NAMES[area] };
      const rule = named(at(definition, head), rest[0], head === 'eligibility' ? 'message' : 'label');
      return { area, element: rule.id, label: `${AREA_NAMES[area]} › «${rule.name}»` };
    }
    case 'documents': {
      if (rest[0] === undefined) return { area: 'documentos', element: '', label: AREA_NAMES.documentos };
      const doc = named(at(definition, 'documents'), rest[0], 'label');
      return { area: 'documentos', element: doc.id, label: `${AREA_NAMES.documentos} › «${doc.name}»` };
    }
    case 'notifications': {
      if (rest[0] === undefined) return { area: 'notificaciones', element: '', label: AREA_NAMES.notificaciones };
      const note = named(at(definition, 'notifications'), rest[0], 'id');
      return { area: 'notificaciones', element: note.id, label: `${AREA_NAMES.notificaciones} › «${note.name}»` };
    }
    case 'tests': {
      if (rest[0] !== 'cases' || rest[1] === undefined) return { area: 'pruebas', element: '', label: AREA_NAMES.pruebas };
      const test = named(at(at(definition, 'tests'), 'cases'), rest[1], 'name');
      return { area: 'pruebas', element: test.name, label: `${AREA_NAMES.pruebas} › «${test.name}»` };
    }
    default:
      return GENERAL_FIELDS[head] ? { area: 'general', element: head, label: `${AREA_NAMES.general} › ${GENERAL_FIELDS[head]}` } : { area: 'otro', element: head, label: `${AREA_NAMES.otro} › ${head}` };
  }
}
