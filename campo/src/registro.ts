/**
 * A record made in the field, as the device keeps it: the person, the program's answers, the photos'
 * names, the point and the consent, and where it stands in the queue. `aRegistroDeCampo` turns it into
 * what POST /api/campo/registros takes (runtime/api/campo.ts).
 */
import type { ResultadoDeCampo, RegistroDeCampo } from '../../runtime/api/campo.ts';
import type { Json } from '../../runtime/web/src/api.ts';
import type { DatosRegistro } from '../../runtime/web/src/components/registro/registro.ts';

export type { RegistroDeCampo, ResultadoDeCampo };

/**
 * borrador: still being filled; pendiente: in the queue, to be sent; aceptado, rechazado, conflicto: the
 * server's final answer; corregido: refused and replaced by a new record (a new idCliente) made from it.
 */
export type EstadoLocal = 'borrador' | 'pendiente' | 'aceptado' | 'rechazado' | 'conflicto' | 'corregido';

/** The person as the brigadista types her: the sign-up's fields, without a password (she sets hers later). */
export type Persona = Omit<DatosRegistro, 'contrasena' | 'confirmacion'>;

export interface Punto {
  lat: number;
  lng: number;
  precision: number;
  capturadaEn: string;
}

export interface Consentimiento {
  aceptado: true;
  texto: string;
  capturadoEn: string;
}

/** A photo's description; its bytes are kept apart (encrypted too), one per document type. */
export interface FotoGuardada {
  tipo: string;
  nombre: string;
  tamano: number;
  mediaType: string;
}

export interface RegistroLocal {
  idCliente: string;
  estado: EstadoLocal;
  creadoEn: string;
  actualizadoEn: string;
  /** A send started and no answer was kept: before sending again, ask the server what it did. */
  sinRespuesta: boolean;
  programa: string | null;
  version: number | null;
  persona: Persona;
  respuestas: Json;
  tipoApoyo: string | null;
  ubicacion: Punto | null;
  consentimiento: Consentimiento | null;
  visita: string | null;
  documentos: Record<string, FotoGuardada>;
  /** The step of the form where the brigadista left it. */
  posicion: { paso: number; alcanzado: number; desdeRevision: boolean } | null;
  resultado: ResultadoDeCampo | null;
  /** The refused record this one corrects, and the one that corrected this one. */
  corrigeA: string | null;
  corregidoPor: string | null;
}

export const PERSONA_VACIA: Persona = { curp: '', nombres: '', primerApellido: '', segundoApellido: '', fechaNacimiento: '', sexo: '', telefono: '', correo: '' };

export function registroNuevo(ahora: Date, visita: string | null = null): RegistroLocal {
  const instante = ahora.toISOString();
  return {
    idCliente: crypto.randomUUID(),
    estado: 'borrador',
    creadoEn: instante,
    actualizadoEn: instante,
    sinRespuesta: false,
    programa: null,
    version: null,
    persona: { ...PERSONA_VACIA },
    respuestas: {},
    tipoApoyo: null,
    ubicacion: null,
    consentimiento: null,
    visita,
    documentos: {},
    posicion: null,
    resultado: null,
    corrigeA: null,
    corregidoPor: null,
  };
}

/** A refused record to fix: the same data under a new id (the server's answer for the old id is final). */
export function correccionDe(rechazado: RegistroLocal, ahora: Date): RegistroLocal {
  return { ...registroNuevo(ahora, rechazado.visita), programa: rechazado.programa, version: rechazado.version, persona: { ...rechazado.persona }, respuestas: rechazado.respuestas, tipoApoyo: rechazado.tipoApoyo, ubicacion: rechazado.ubicacion, consentimiento: rechazado.consentimiento, documentos: { ...rechazado.documentos }, corrigeA: rechazado.idCliente };
}

/** The body of the multipart field «registro». */
export function aRegistroDeCampo(r: RegistroLocal): RegistroDeCampo {
  if (!r.programa || !r.version || !r.consentimiento) throw new Error('El registro no está completo: le falta el programa o el consentimiento.');
  const p = r.persona;
  return {
    idCliente: r.idCliente,
    programa: r.programa,
    version: r.version,
    persona: {
      curp: p.curp.trim().toUpperCase(),
      nombres: p.nombres.trim(),
      primerApellido: p.primerApellido.trim(),
      ...(p.segundoApellido.trim() ? { segundoApellido: p.segundoApellido.trim() } : {}),
      fechaNacimiento: p.fechaNacimiento,
      sexo: p.sexo as 'H' | 'M' | 'X',
      telefono: p.telefono.replace(/\D/g, ''),
      ...(p.correo.trim() ? { correo: p.correo.trim() } : {}),
    },
    respuestas: r.respuestas as Record<string, unknown>,
    tipoApoyo: r.tipoApoyo,
    ubicacion: r.ubicacion,
    consentimiento: r.consentimiento,
    capturadoEn: r.creadoEn,
    visita: r.visita,
  };
}

export const nombreCompleto = (p: Persona) => [p.nombres, p.primerApellido, p.segundoApellido].map((s) => s.trim()).filter(Boolean).join(' ') || 'Persona sin nombre';
