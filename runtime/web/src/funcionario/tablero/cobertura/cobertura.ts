/** Pure pieces of the coverage page: the URL's view, the points' sizes, the figures' words and the tables' order. */
import { formatNumber } from '../../../format.ts';
import type { CoberturaColonia, CoberturaLocalidad, Conteo, Vista } from './api.ts';

const PARAMS: Array<keyof Vista> = ['programa', 'desde', 'hasta', 'municipio', 'localidad'];

export function vistaDe(params: URLSearchParams): Vista {
  const get = (k: keyof Vista) => params.get(k) ?? '';
  const localidad = /^\d{9}$/.test(get('localidad')) ? get('localidad') : '';
  // A localidad names its municipio in its first five digits: the URL cannot point at one outside it.
  const municipio = localidad ? localidad.slice(0, 5) : /^\d{5}$/.test(get('municipio')) ? get('municipio') : '';
  return { programa: get('programa'), desde: get('desde'), hasta: get('hasta'), municipio, localidad };
}

/** The search part of a link to a view (empty values left out). */
export function enlace(v: Vista): string {
  const q = new URLSearchParams();
  for (const k of PARAMS) if (v[k]) q.set(k, v[k]);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A rate per 1,000 inhabitants as words-ready text: «—» when the population is unknown. */
export function porMil(n: number | null): string {
  if (n === null) return '—';
  // Below one, two significant digits (0.0038), so a few people in a big city do not read as none.
  return n > 0 && n < 1 ? n.toLocaleString('es-MX', { maximumSignificantDigits: 2 }) : n.toLocaleString('es-MX', { maximumFractionDigits: 1 });
}

/** The row of figures every level's table shows after the place's name. */
export const cifras = (c: Conteo) => [c.poblacion === null ? '—' : formatNumber(c.poblacion), formatNumber(c.personas), formatNumber(c.apoyos), porMil(c.personasPorMil)];
export const CABECERAS_CIFRAS = ['Población', 'Personas', 'Apoyos', 'Personas por 1,000 hab.'];

/**
 * The radius of a localidad's point: its area grows with its people (so a localidad with four times the
 * people looks four times as big, not sixteen), from 3 px for one person to `max` for the most.
 */
export function radio(personas: number, masPersonas: number, max = 22): number {
  if (personas <= 0 || masPersonas <= 0) return 0;
  return Math.max(3, max * Math.sqrt(personas / masPersonas));
}

/** Localidades with people first (most first), then by population: the table starts with what matters. */
export function ordenLocalidades(localidades: readonly CoberturaLocalidad[]): CoberturaLocalidad[] {
  return [...localidades].sort((a, b) => b.personas - a.personas || (b.poblacion ?? 0) - (a.poblacion ?? 0) || a.nombre.localeCompare(b.nombre, 'es'));
}

/** A colonia's name with a mark when it is as written (no catalog clave yet: «limpieza de ubicaciones» may give it one). */
export const nombreColonia = (c: CoberturaColonia) => (c.clave ? c.nombre : `${c.nombre} (sin clave)`);

/** The sentence under a level's title: how many people, where most are. */
export function resumen(lugar: string, personas: number, mayor: { nombre: string; personas: number } | undefined): string {
  if (personas === 0) return `No hay personas con apoyo en ${lugar} con estos filtros.`;
  const base = `${formatNumber(personas)} ${personas === 1 ? 'persona' : 'personas'} con apoyo en ${lugar}.`;
  return mayor && mayor.personas > 0 ? `${base} Donde más hay: ${mayor.nombre}, con ${formatNumber(mayor.personas)}.` : base;
}

export interface Tramo {
  desde: number;
  hasta: number;
  color: string;
}

/** Four equal ranges of a rate (people per 1,000 inhabitants), light to dark, after «none». */
export function tramosTasa(max: number, colores: readonly string[]): Tramo[] {
  const ninguno = { desde: 0, hasta: 0, color: colores[0] };
  if (max <= 0) return [ninguno];
  const paso = max / 4;
  return [ninguno, ...[1, 2, 3, 4].map((i) => ({ desde: (i - 1) * paso, hasta: i * paso, color: colores[i] }))];
}

export function colorTasa(tramos: readonly Tramo[], valor: number | null): string {
  if (!valor || valor <= 0) return tramos[0].color;
  return (tramos.find((t, i) => i > 0 && valor <= t.hasta) ?? tramos[tramos.length - 1]).color;
}

export const textoTramo = (t: Tramo, i: number) => (i === 0 ? 'Ninguna' : `${porMil(t.desde)} a ${porMil(t.hasta)}`);
