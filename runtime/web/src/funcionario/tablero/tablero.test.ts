import { describe, expect, it } from 'vitest';
import type { Tablero } from '../api.ts';
import { CLASES, clases, colorEnEscala, descripcionMapa, enLineas, filasMunicipios, opcionesGrafica, rangoTexto, rewind, totales, type Feature } from './tablero.ts';

describe('the map', () => {
  it.each<[number, Array<[number, number]>]>([
    [0, [[0, 0]]],
    [1, [[0, 0], [1, 1]]],
    [3, [[0, 0], [1, 1], [2, 2], [3, 3]]],
    [10, [[0, 0], [1, 3], [4, 6], [7, 9], [10, 10]]],
    [5, [[0, 0], [1, 2], [3, 4], [5, 5]]], // a range that would start past the maximum is left out
  ])('clases(%i)', (max, rangos) => expect(clases(max).map((c) => [c.desde, c.hasta])).toEqual(rangos));

  it('uses the darker colours when there are fewer ranges', () => {
    expect(clases(1).map((c) => c.color)).toEqual([CLASES[0], CLASES[4]]);
    expect(clases(100).map((c) => c.color)).toEqual(CLASES);
  });

  it.each([
    [0, CLASES[0]],
    [2, CLASES[1]],
    [10, CLASES[4]],
    [11, CLASES[0]], // beyond the scale
  ])('colorEnEscala(clases(10), %i) → %s', (n, color) => expect(colorEnEscala(clases(10), n)).toBe(color));

  it.each([
    [{ desde: 0, hasta: 0, color: '' }, '0'],
    [{ desde: 1, hasta: 2500, color: '' }, '1 a 2,500'],
  ])('rangoTexto(%o) → %s', (clase, texto) => expect(rangoTexto(clase)).toBe(texto));

  it('orders municipios by beneficiaries, then applications, then name; missing figures are 0', () => {
    const paths = [
      { clave: 'a', nombre: 'Amealco' },
      { clave: 'b', nombre: 'Cadereyta' },
      { clave: 'c', nombre: 'Arroyo Seco' },
      { clave: 'd', nombre: 'Querétaro' },
    ];
    const datos = [
      { municipio: 'b', nombre: 'Cadereyta', solicitudes: 4, beneficiarios: 2 },
      { municipio: 'd', nombre: 'Querétaro', solicitudes: 9, beneficiarios: 2 },
      { municipio: 'c', nombre: 'Arroyo Seco', solicitudes: 1, beneficiarios: 0 },
    ];
    const filas = filasMunicipios(paths, datos);
    expect(filas.map((f) => [f.nombre, f.solicitudes, f.beneficiarios])).toEqual([
      ['Querétaro', 9, 2],
      ['Cadereyta', 4, 2],
      ['Arroyo Seco', 1, 0],
      ['Amealco', 0, 0],
    ]);
    expect(descripcionMapa(filas)).toBe('El municipio con más beneficiarios es Querétaro, con 2.');
    expect(descripcionMapa(filas.slice(2))).toBe('Todavía no hay beneficiarios.');
    expect(descripcionMapa([])).toBe('Todavía no hay beneficiarios.');
  });

  it('reverses the rings of a GeoJSON (counter-clockwise) shape, which d3-geo would read as the whole globe but the shape', () => {
    const cuadro = (coords: number[][]): Feature => ({ type: 'Feature', properties: { cve_geo: 'x', nom_mun: 'X' }, geometry: { type: 'Polygon', coordinates: [coords] } });
    const antihorario = cuadro([[-100, 20], [-99, 20], [-99, 21], [-100, 21], [-100, 20]]);
    const horario = cuadro([...(antihorario.geometry.coordinates[0] as number[][])].reverse());
    expect(rewind(horario)).toBe(horario);
    expect(rewind(antihorario).geometry.coordinates).toEqual(horario.geometry.coordinates);
  });
});

describe('the charts and totals', () => {
  it.each<[string, string | string[]]>([
    ['Tarifa Unidos', 'Tarifa Unidos'],
    ['Apoyo a personas con discapacidad', ['Apoyo a personas', 'con discapacidad']],
    ['Supercalifragilisticoespialidoso uno', ['Supercalifragilisticoespialidoso', 'uno']],
  ])('enLineas(%s)', (label, lineas) => expect(enLineas(label)).toEqual(lineas));

  it.each([
    [true, 'y'],
    [undefined, 'x'],
  ])('opcionesGrafica(%s) draws bars along %s', (horizontal, eje) => expect(opcionesGrafica(horizontal).indexAxis).toBe(eje));

  it('adds up applications, approved and beneficiaries, and shows the padrón’s people and supports apart', () => {
    const data: Tablero = {
      porPrograma: [
        { programa: 'p1', nombre: 'P1', total: 5 },
        { programa: 'p2', nombre: 'P2', total: 7 },
      ],
      porEstado: [
        { estado: 'Aprobada', total: 3 },
        { estado: 'En proceso', total: 9 },
      ],
      porMunicipio: [
        { municipio: 'a', nombre: 'A', solicitudes: 10, beneficiarios: 4 },
        { municipio: 'b', nombre: 'B', solicitudes: 2, beneficiarios: 1 },
      ],
      padron: { personas: 4, apoyos: 6 },
    };
    expect(totales(data)).toEqual([
      ['Solicitudes', 12],
      ['Aprobadas sin entregar', 3],
      ['Beneficiarios (entregado)', 5],
      ['Personas en el padrón', 4],
      ['Apoyos en el padrón', 6],
    ]);
  });
});
