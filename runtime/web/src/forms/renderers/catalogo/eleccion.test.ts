import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '@jsonforms/core';
import type { ColoniaDelMunicipio } from '../../../../../api/territorio.ts';
import { alElegirColonia, alElegirLocalidad, ambitoDe, avisoDeBusqueda, deOtroMunicipio, detalleDeColonia, hermano, ofrecidos } from './eleccion.ts';

const AMBITOS = new Set(['urbano', 'rural']);
const SANTIAGO = { clave: '220140001', nombre: 'Santiago de Queretaro', ambito: 'U' as const };
const PENITAS: ColoniaDelMunicipio = { clave: '220140004', nombre: 'Peñitas del Río', tipo: 'Colonia', zona: 'Urbano', codigosPostales: ['76010'], localidad: SANTIAGO };

describe('choosing a localidad or a colonia of the catalogs', () => {
  it('a localidad writes its name, its clave and the ámbito the form offers', () => {
    expect(alElegirLocalidad(SANTIAGO, AMBITOS)).toEqual([
      ['localidad', 'Santiago de Queretaro'],
      ['cve_localidad', '220140001'],
      ['ambito', 'urbano'],
    ]);
    expect(alElegirLocalidad({ clave: '220140999', nombre: 'Rancho Inventado', ambito: 'R' }, AMBITOS).at(-1)).toEqual(['ambito', 'rural']);
    // INEGI gives no ámbito, or the form does not ask it: the person's answer stays.
    expect(alElegirLocalidad({ ...SANTIAGO, ambito: null }, AMBITOS)).toHaveLength(2);
    expect(alElegirLocalidad(SANTIAGO, new Set())).toHaveLength(2);
    expect(ambitoDe('R', new Set(['urbano']))).toBeUndefined();
  });

  it('a colonia writes its name and clave, its only postal code, and its localidad when none was chosen', () => {
    expect(alElegirColonia(PENITAS, false, AMBITOS)).toEqual([
      ['colonia', 'Peñitas del Río'],
      ['cve_asentamiento', '220140004'],
      ['codigo_postal', '76010'],
      ['localidad', 'Santiago de Queretaro'],
      ['cve_localidad', '220140001'],
      ['ambito', 'urbano'],
    ]);
    // The localidad she chose stays hers; a colonia under two codes leaves the code she wrote.
    expect(alElegirColonia({ ...PENITAS, codigosPostales: ['76010', '76011'] }, true, AMBITOS)).toEqual([
      ['colonia', 'Peñitas del Río'],
      ['cve_asentamiento', '220140004'],
    ]);
    expect(alElegirColonia({ ...PENITAS, localidad: null }, false, AMBITOS).map(([campo]) => campo)).toEqual(['colonia', 'cve_asentamiento', 'codigo_postal']);
  });

  it('tells a clave of another municipio, and says under each colonia what tells it apart', () => {
    expect(deOtroMunicipio('220140004', '22006')).toBe(true);
    expect(deOtroMunicipio('220140004', '22014')).toBe(false);
    expect(deOtroMunicipio(undefined, '22006')).toBe(false);
    expect(deOtroMunicipio('220140004', '')).toBe(false);
    expect(detalleDeColonia(PENITAS)).toBe('Colonia · C.P. 76010 · Santiago de Queretaro');
    expect(detalleDeColonia({ ...PENITAS, codigosPostales: [], localidad: null })).toBe('Colonia');
  });

  it('the status line says how many fit, that what is typed is kept when none does, and when one was chosen', () => {
    expect(avisoDeBusqueda('localidad', 'jur', 2, false)).toBe('2 localidades coinciden: elige con las flechas y Enter, o tócala.');
    expect(avisoDeBusqueda('colonia', 'peñ', 1, false)).toBe('Una colonia coincide: elige con las flechas y Enter, o tócala.');
    expect(avisoDeBusqueda('colonia', 'xyz', 0, false)).toBe('No encontramos una colonia así en el catálogo: se guardará como la escribiste.');
    expect(avisoDeBusqueda('colonia', 'xyz', null, false)).toBe('');
    expect(avisoDeBusqueda('localidad', '', 20, false)).toBe('');
    expect(avisoDeBusqueda('localidad', 'Juriquilla', 1, true)).toBe('Elegiste tu localidad del catálogo.');
  });

  it('reads a sibling’s path and the answers a sibling question offers', () => {
    expect(hermano('negocio.domicilio.localidad', 'cve_localidad')).toBe('negocio.domicilio.cve_localidad');
    const root = { type: 'object', properties: { domicilio: { type: 'object', properties: { ambito: { type: 'string', oneOf: [{ const: 'urbano' }, { const: 'rural' }] }, localidad: { type: 'string' } } } } } as JsonSchema;
    expect(ofrecidos(root, '#/properties/domicilio/properties/localidad', 'ambito')).toEqual(AMBITOS);
    expect(ofrecidos(root, '#/properties/domicilio/properties/localidad', 'municipio')).toEqual(new Set());
  });
});
