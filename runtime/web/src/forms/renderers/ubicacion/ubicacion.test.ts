import { describe, expect, it } from 'vitest';
import type { MapaMunicipio } from '../../../../../api/territorio.ts';
import { conNombre, conPuntoVisible, desplazamiento, enDibujo, escala, LADO, movido, municipio, otroZoom, proyeccion, puntoEn, trazo, vistaInicial, dentroDelMunicipio } from './mapa.ts';
import { CASA, DOMICILIO, mensajeDeUbicacion, puntoDelTelefono } from './palabras.ts';
import { limitesDe, puntoDe, puntoEnTexto } from './punto.ts';
// The outlines the server serves (definitions/catalogs, INEGI), as text: this folder is browser code without Node's fs.
import outlines from '../../../../../../definitions/catalogs/qro_municipios.geojson?raw';

// Querétaro's box as the CUIS address's latitud, longitud and precision give it.
const QRO = limitesDe({ minimum: 20, maximum: 21.7 }, { minimum: -100.6, maximum: -99 }, { minimum: 0, maximum: 100_000 });

describe('the point of an address', () => {
  it('keeps a phone’s reading to about a metre, with its precision in whole metres', () => {
    expect(puntoDelTelefono({ latitude: 20.710008123, longitude: -100.458358987, accuracy: 12.4 }, QRO)).toEqual({
      punto: { latitud: 20.71001, longitud: -100.45836, precision: 12 },
      aviso: 'Listo: guardamos la ubicación de tu teléfono (precisión de unos 12 m). Si no estás en tu casa, corrígela en el mapa o quítala.',
    });
  });

  it('keeps a vague reading but asks for the map, and refuses one outside the form’s zone or too vague to be a home', () => {
    expect(puntoDelTelefono({ latitude: 20.6, longitude: -100.4, accuracy: 2500 }, QRO)).toMatchObject({ punto: { precision: 2500 }, aviso: expect.stringContaining('aproximada (puede errar unos 2.5 km)') });
    expect(puntoDelTelefono({ latitude: 19.4326, longitude: -99.1332, accuracy: 10 }, QRO)).toEqual({ rechazo: expect.stringContaining('latitud 19.43260, longitud -99.13320, fuera de la zona que atiende este formulario') });
    expect(puntoDelTelefono({ latitude: 20.6, longitude: -100.4, accuracy: 150_000 }, QRO)).toEqual({ rechazo: expect.stringContaining('margen de 150 km') });
  });

  it.each([
    ['sin-soporte', /navegador no puede dar tu ubicación/],
    [1, /No se dio permiso/],
    [2, /no pudo saber dónde estás/],
    [3, /tardó demasiado/],
    [9, /No pudimos obtener tu ubicación/],
  ] as const)('tells in Spanish why the phone gave no location (%s) and offers the map', (code, text) => {
    expect(mensajeDeUbicacion(code)).toMatch(text);
    expect(mensajeDeUbicacion(code)).toMatch(/mapa/);
  });

  it('speaks of «el domicilio» instead of «tu casa» where the address is a program’s question', () => {
    expect(mensajeDeUbicacion(1, DOMICILIO)).toContain('Puedes marcar el domicilio en el mapa');
    expect(mensajeDeUbicacion(3, CASA)).toContain('o marca tu casa en el mapa.');
    expect(puntoDelTelefono({ latitude: 20.6, longitude: -100.4, accuracy: 9 }, QRO, DOMICILIO)).toMatchObject({ aviso: expect.stringContaining('Si no estás en el domicilio, corrígela') });
  });

  it('reads the answers’ point only when both coordinates are numbers, and writes it for people', () => {
    expect(puntoDe(20.5, undefined, undefined)).toBeNull();
    expect(puntoDe(20.5, -100.1, undefined)).toEqual({ latitud: 20.5, longitud: -100.1 });
    expect(puntoEnTexto({ latitud: 20.5, longitud: -100.1, precision: 8 })).toBe('latitud 20.50000, longitud -100.10000 (precisión de unos 8 m)');
  });
});

const features = (JSON.parse(outlines) as { features: Array<{ properties: { cve_geo: string }; geometry: MapaMunicipio['contorno'] }> }).features;
const QUERETARO: MapaMunicipio = {
  clave: '22014',
  nombre: 'Querétaro',
  contorno: features.find((f) => f.properties.cve_geo === '22014')!.geometry,
  localidades: [
    { clave: '220140001', nombre: 'Santiago de Queretaro', latitud: 20.59339, longitud: -100.38996, poblacion: 794789 },
    { clave: '220140058', nombre: 'Juriquilla', latitud: 20.71001, longitud: -100.45836, poblacion: 39244 },
  ],
};

describe('the municipio’s map', () => {
  const m = municipio(QUERETARO);

  it('draws the whole municipio inside the square at the first level, and a click comes back as the same place', () => {
    const p = proyeccion(m, m.entera);
    expect(trazo(m, p)).toMatch(/^M[\d.]+,[\d.]+L/);
    const [x, y] = enDibujo(p, QUERETARO.localidades[0]);
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThan(LADO);
    expect(puntoEn(p, x, y)).toEqual({ latitud: 20.59339, longitud: -100.38996 });
    expect(dentroDelMunicipio(m, QUERETARO.localidades[0])).toBe(true);
    // Corregidora's centre, across the border.
    expect(dentroDelMunicipio(m, { latitud: 20.5439, longitud: -100.4426 })).toBe(false);
  });

  it('moves the pin by arrows, less the closer the view; other keys are not the map’s', () => {
    expect(desplazamiento('ArrowUp', false)).toEqual([0, -4]);
    expect(desplazamiento('ArrowRight', true)).toEqual([24, 0]);
    expect(desplazamiento('Enter', false)).toBeNull();
    const casa = { latitud: 20.71001, longitud: -100.45836 };
    const lejos = movido(proyeccion(m, { zoom: 1, centro: [casa.longitud, casa.latitud] }), casa, 4, 0);
    const cerca = movido(proyeccion(m, { zoom: 32, centro: [casa.longitud, casa.latitud] }), casa, 4, 0);
    expect(lejos.longitud).toBeGreaterThan(casa.longitud);
    expect(lejos.latitud).toBeCloseTo(casa.latitud, 4);
    expect(cerca.longitud - casa.longitud).toBeCloseTo((lejos.longitud - casa.longitud) / 32, 4);
    // Up is north.
    expect(movido(proyeccion(m, m.entera), casa, 0, -4).latitud).toBeGreaterThan(casa.latitud);
  });

  it('starts on the pin, else on the person’s localidad, else on the whole municipio; zooms around the pin', () => {
    const casa = { latitud: 20.71001, longitud: -100.45836 };
    expect(vistaInicial(m, casa, undefined)).toEqual({ zoom: 8, centro: [-100.45836, 20.71001] });
    expect(vistaInicial(m, null, '220140058')).toEqual({ zoom: 4, centro: [-100.45836, 20.71001] });
    expect(vistaInicial(m, null, '220149999')).toBe(m.entera);
    expect(otroZoom(m, m.entera, 1, casa)).toEqual({ zoom: 2, centro: [-100.45836, 20.71001] });
    expect(otroZoom(m, { zoom: 2, centro: [-100.45836, 20.71001] }, -1, casa)).toBe(m.entera);
    expect(otroZoom(m, { zoom: 32, centro: [-100.4, 20.6] }, 1, null)).toEqual({ zoom: 32, centro: [-100.4, 20.6] });
  });

  it('draws a scale bar of a round distance that shrinks as the view comes closer', () => {
    const lejos = escala(proyeccion(m, m.entera));
    const cerca = escala(proyeccion(m, { zoom: 32, centro: [-100.45836, 20.71001] }));
    expect(lejos.texto).toMatch(/^\d+ km$/);
    expect(cerca.texto).toMatch(/^\d+ m$/);
    for (const barra of [lejos, cerca]) {
      expect(barra.largo).toBeGreaterThan(LADO / 10);
      expect(barra.largo).toBeLessThanOrEqual(LADO / 4);
    }
  });

  it('follows a pin that left the view, and names the person’s localidad and the largest in view', () => {
    const centro = { zoom: 32, centro: [-100.38996, 20.59339] as [number, number] };
    const juriquilla = { latitud: 20.71001, longitud: -100.45836 };
    expect(conPuntoVisible(m, centro, juriquilla)).toEqual({ zoom: 32, centro: [-100.45836, 20.71001] });
    expect(conPuntoVisible(m, centro, { latitud: 20.59339, longitud: -100.38996 })).toBe(centro);
    expect([...conNombre(proyeccion(m, m.entera), QUERETARO.localidades, '220140058')].sort()).toEqual(['220140001', '220140058']);
    expect([...conNombre(proyeccion(m, centro), QUERETARO.localidades, '220140058')]).toEqual(['220140001']);
  });
});
