import { describe, expect, it } from 'vitest';
import { CLASES } from '../tablero.ts';
import { colorTasa, enlace, porMil, radio, tramosTasa, vistaDe } from './cobertura.ts';

describe('cobertura: the pure pieces', () => {
  it('reads the view from the URL; a localidad brings its own municipio, and malformed claves are ignored', () => {
    expect(vistaDe(new URLSearchParams('programa=becas&municipio=22006&localidad=220140001'))).toEqual({ programa: 'becas', desde: '', hasta: '', municipio: '22014', localidad: '220140001' });
    expect(vistaDe(new URLSearchParams('municipio=2201&localidad=abc'))).toMatchObject({ municipio: '', localidad: '' });
    expect(enlace({ programa: '', desde: '2026-01-01', hasta: '', municipio: '22014', localidad: '' })).toBe('?desde=2026-01-01&municipio=22014');
    expect(enlace({ programa: '', desde: '', hasta: '', municipio: '', localidad: '' })).toBe('');
  });

  it('sizes a point by the area it covers: four times the people, twice the radius; none, no point', () => {
    expect(radio(100, 100)).toBe(22);
    expect(radio(25, 100)).toBe(11);
    expect(radio(1, 10_000)).toBe(3);
    expect(radio(0, 100)).toBe(0);
  });

  it('shades a rate in four equal ranges after «none», the highest in the darkest', () => {
    const tramos = tramosTasa(8, CLASES);
    expect(tramos.map((t) => [t.desde, t.hasta])).toEqual([
      [0, 0],
      [0, 2],
      [2, 4],
      [4, 6],
      [6, 8],
    ]);
    expect(colorTasa(tramos, 0)).toBe(CLASES[0]);
    expect(colorTasa(tramos, null)).toBe(CLASES[0]);
    expect(colorTasa(tramos, 0.001)).toBe(CLASES[1]);
    expect(colorTasa(tramos, 8)).toBe(CLASES[4]);
    expect(tramosTasa(0, CLASES)).toHaveLength(1);
  });

  it('writes a small rate with two significant digits, so a few people in a big city do not read as none', () => {
    expect(porMil(0.0038104)).toBe('0.0038');
    expect(porMil(12.345)).toBe('12.3');
    expect(porMil(0)).toBe('0');
    expect(porMil(null)).toBe('—');
  });
});
