/** Pure pieces of «Brigadas»: the view in the URL, the answers' colours and words, and the map's description. */
import { formatNumber } from '../../format.ts';
import type { SupervisionDeCampo, Vista } from './api.ts';

const valor = (params: URLSearchParams, name: string, pattern: RegExp) => {
  const value = params.get(name) ?? '';
  return pattern.test(value) ? value : '';
};

/** The view in the URL; a malformed date or clave (an edited link) is left out rather than refused. */
export function vistaDe(params: URLSearchParams): Vista {
  const fecha = /^\d{4}-\d{2}-\d{2}$/;
  return { desde: valor(params, 'desde', fecha), hasta: valor(params, 'hasta', fecha), municipio: valor(params, 'municipio', /^\d{5}$/) };
}

export function paramsDe(v: Vista): Record<string, string> {
  return Object.fromEntries(Object.entries(v).filter(([, value]) => value !== ''));
}

type Resultado = SupervisionDeCampo['puntos'][number]['resultado'];

/** Each answer's colour (4.5:1 on white, the statuses' own tones) and name. */
export const RESULTADOS: Record<Resultado, { color: string; nombre: string }> = {
  aceptado: { color: '#1e6b34', nombre: 'Aceptado' },
  rechazado: { color: '#b3261e', nombre: 'Rechazado' },
  conflicto: { color: '#8a4b00', nombre: 'Conflicto' },
};

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** What the map shows, in words, for whoever does not see it. */
export function descripcionMapa(s: SupervisionDeCampo): string {
  if (s.puntos.length === 0) return 'No hay registros con punto GPS en el periodo elegido.';
  const porResultado = (Object.keys(RESULTADOS) as Resultado[]).map((r) => [r, s.puntos.filter((p) => p.resultado === r).length] as const).filter(([, n]) => n > 0);
  return `${plural(s.puntos.length, 'registro con punto GPS', 'registros con punto GPS')}: ${porResultado.map(([r, n]) => `${formatNumber(n)} ${RESULTADOS[r].nombre.toLowerCase()}${n === 1 ? '' : 's'}`).join(', ')}. Los conteos están en las tablas.`;
}
