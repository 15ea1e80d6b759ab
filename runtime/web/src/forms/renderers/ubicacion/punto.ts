/**
 * The point of an address (latitud, longitud and, from a phone, its precision in metres): what the form
 * accepts and how it is written down. Pure and small: the answers' page (AnswersView) writes the point with
 * it too; what the person reads while giving it is in palabras.ts.
 */
export interface Punto {
  latitud: number;
  longitud: number;
  /** Metres the phone may be off by; absent for a point marked on the map. */
  precision?: number;
}

/** The box a point must fall in, from the form's own schema (its latitud's and longitud's minimum and maximum). */
export interface Limites {
  sur: number;
  norte: number;
  oeste: number;
  este: number;
  /** The most metres of imprecision the form keeps. */
  precision: number;
}

/** Five decimals of a degree are about a metre: a home needs no more. */
export const redondear = (grados: number) => Math.round(grados * 1e5) / 1e5;

/** The path of a sibling field («domicilio.latitud» → «domicilio.longitud»). */
export const hermano = (path: string, name: string) => path.replace(/[^.]+$/, name);

type Limite = { minimum?: number; maximum?: number } | undefined;

/** The limits of the latitud, longitud and precision fields (their schemas); an open side is the globe's. */
export function limitesDe(latitud: Limite, longitud: Limite, precision: Limite): Limites {
  return { sur: latitud?.minimum ?? -90, norte: latitud?.maximum ?? 90, oeste: longitud?.minimum ?? -180, este: longitud?.maximum ?? 180, precision: precision?.maximum ?? Infinity };
}

export const dentro = (p: { latitud: number; longitud: number }, l: Limites) => p.latitud >= l.sur && p.latitud <= l.norte && p.longitud >= l.oeste && p.longitud <= l.este;

/** The point as people read it, e.g. «latitud 20.71001, longitud -100.45836 (precisión de unos 12 m)». */
export function puntoEnTexto(p: Punto): string {
  const precision = p.precision !== undefined ? ` (precisión de unos ${Math.round(p.precision)} m)` : '';
  return `latitud ${p.latitud.toFixed(5)}, longitud ${p.longitud.toFixed(5)}${precision}`;
}

/** The answers' point, when both coordinates are numbers. */
export function puntoDe(latitud: unknown, longitud: unknown, precision: unknown): Punto | null {
  if (typeof latitud !== 'number' || typeof longitud !== 'number') return null;
  return typeof precision === 'number' ? { latitud, longitud, precision } : { latitud, longitud };
}
