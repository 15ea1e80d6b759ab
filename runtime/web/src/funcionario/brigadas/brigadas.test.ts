import { describe, expect, it } from 'vitest';
import { descripcionMapa, paramsDe, vistaDe } from './brigadas.ts';
import type { SupervisionDeCampo } from './api.ts';

const punto = (resultado: 'aceptado' | 'rechazado' | 'conflicto') => ({ lat: 20.4, lng: -100, precision: 10, resultado, dia: '2026-11-10', brigadista: 'b' });
const supervision = (puntos: SupervisionDeCampo['puntos']): SupervisionDeCampo => ({ desde: '2026-11-01', hasta: '2026-11-30', municipio: null, totales: { registros: 0, aceptados: 0, rechazados: 0, conflictos: 0 }, brigadistas: [], puntos });

describe('brigadas: the pure pieces', () => {
  it('keeps the view in the URL, leaving out what is malformed', () => {
    expect(vistaDe(new URLSearchParams('desde=2026-11-01&hasta=2026-11-30&municipio=22016'))).toEqual({ desde: '2026-11-01', hasta: '2026-11-30', municipio: '22016' });
    expect(vistaDe(new URLSearchParams('desde=ayer&municipio=016'))).toEqual({ desde: '', hasta: '', municipio: '' });
    expect(paramsDe({ desde: '2026-11-01', hasta: '', municipio: '' })).toEqual({ desde: '2026-11-01' });
  });

  it('describes the map in words', () => {
    expect(descripcionMapa(supervision([]))).toBe('No hay registros con punto GPS en el periodo elegido.');
    expect(descripcionMapa(supervision([punto('aceptado'), punto('aceptado'), punto('rechazado')]))).toBe('3 registros con punto GPS: 2 aceptados, 1 rechazado. Los conteos están en las tablas.');
  });
});
