/** HTTP contract of delivering supports (runtime/server/modules/delivery). */
import type { FromSchema } from 'json-schema-to-ts';

const tokenProperty = { type: 'string', minLength: 1, maxLength: 200 } as const;

/** A delivery QR's text, or its short code as the official types it. */
export const deliveryCodeBody = { type: 'object', required: ['token'], additionalProperties: false, properties: { token: tokenProperty } } as const;

/** The code, and where the official stands when handing the support over (optional, both or neither). */
export const deliveryBody = {
  type: 'object',
  required: ['token'],
  additionalProperties: false,
  properties: { token: tokenProperty, latitud: { type: ['number', 'null'] }, longitud: { type: ['number', 'null'] }, precision: { type: ['number', 'null'] } },
} as const;
export type EntregaConPosicion = FromSchema<typeof deliveryBody>;

/** What to hand over: the support type and what it is («$3,000.00, pago único»). */
export interface ApoyoAEntregar {
  tipo: string;
  detalle: string;
}

/** What a read code shows the official before delivering (nothing is registered). */
export interface Verificacion {
  id: string;
  folio: string;
  programaNombre: string;
  apoyo: ApoyoAEntregar;
  nombre: string;
  estado: string;
  entregada: { fecha: string; funcionario: string } | null;
}

export interface EntregaRegistrada {
  id: string;
  folio: string;
  estado: string;
  apoyo: ApoyoAEntregar;
  entregada: { fecha: string; funcionario: string };
}

/** The delivery QR of an approved application (GET /api/solicitudes/:id/entrega). */
export interface EntregaQr {
  token: string;
  /** The short code to dictate when the QR cannot be read, e.g. «K7QMX-4Z9AB». */
  codigo: string;
  folio: string;
  estado: string;
  entregada: { fecha: string } | null;
}
