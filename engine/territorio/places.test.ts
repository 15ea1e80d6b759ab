import { describe, expect, it } from 'vitest';
import { gazetteer, placeKey, resolvePlace, type Place } from './index.ts';

const PLACES: Place[] = [
  { clave: '220140001', nombre: 'Santiago de Querétaro', cveMun: '22014' },
  { clave: '220140058', nombre: 'Juriquilla', cveMun: '22014' },
  { clave: '220060001', nombre: 'El Pueblito', cveMun: '22006' },
  { clave: 'A1', nombre: 'Fraccionamiento Jardines de la Hacienda', cveMun: '22014', codigoPostal: '76180' },
  { clave: 'A2', nombre: 'Centro', cveMun: '22014', codigoPostal: '76000' },
  { clave: 'A3', nombre: 'Centro', cveMun: '22006', codigoPostal: '76900' },
  { clave: 'A4', nombre: 'Santa María Magdalena', cveMun: '22014', codigoPostal: '76137' },
  { clave: 'A5', nombre: 'Los Olivos', cveMun: '22014', codigoPostal: '76140' },
  { clave: 'A6', nombre: 'Los Olmos', cveMun: '22014', codigoPostal: '76141' },
];
const g = gazetteer(PLACES);
const clave = (text: string, context = {}) => {
  const outcome = resolvePlace(g, text, context);
  return 'found' in outcome ? outcome.found.place.clave : outcome.unresolved;
};

describe('limpieza de ubicaciones', () => {
  it('compares names by a key: accents, case, abbreviations, kind of settlement and little words left out', () => {
    expect(placeKey('Fracc. Jardines de la Hacienda')).toBe('JARDINES HACIENDA');
    expect(placeKey('COL. STA. MARÍA MAGDALENA')).toBe('SANTA MARIA MAGDALENA');
    expect(placeKey('Zibatá [Fraccionamiento]')).toBe('ZIBATA');
    // A name that is nothing but little words keeps them.
    expect(placeKey('La Y')).toBe('LA Y');
  });

  it('finds the entry written with accents dropped, abbreviations and a typo', () => {
    expect(clave('JARDINES HACIENDA', { cveMun: '22014' })).toBe('A1');
    expect(clave('col sta maria magdalena', { cveMun: '22014' })).toBe('A4');
    expect(clave('Santa Maria Magadalena', { cveMun: '22014' })).toBe('A4');
    expect(clave('santiago de queretaro', { cveMun: '22014' })).toBe('220140001');
    expect(clave('Juriquila', { cveMun: '22014' })).toBe('220140058');
  });

  it('a name found only in another municipio is proposed as such; one several share stays unresolved', () => {
    const outcome = resolvePlace(g, 'el pueblito', { cveMun: '22014' });
    expect(outcome).toEqual({ found: { place: PLACES[2], motivo: 'otro_municipio' } });
    expect(clave('Centro')).toBe('ambiguo');
    expect(clave('Centro', { cveMun: '22006' })).toBe('A3');
    expect(clave('Centro', { codigoPostal: '76000' })).toBe('A2');
  });

  it('a typo as close to two names is never guessed; one close to a single name of the municipio is, and nowhere else', () => {
    expect(clave('Los Olmvos', { cveMun: '22014' })).toBe('ambiguo');
    expect(clave('Olivas', { cveMun: '22014' })).toBe('A5');
    expect(clave('Cemtro', { cveMun: '22014' })).toBe('A2');
    expect(clave('Cemtro', { cveMun: '22011' })).toBe('sin_parecido');
    expect(clave('', { cveMun: '22014' })).toBe('sin_texto');
    expect(clave('Pueblito Nuevo', { cveMun: '22014' })).toBe('sin_parecido');
  });

  describe('a name found elsewhere, and the municipios next to the one written', () => {
    // Querétaro (22014) borders Corregidora (22006) and El Marqués (22011); Jalpan de Serra (22009) and Arroyo Seco (22003) are far.
    const NEIGHBOURS = new Map([['22014', ['22006', '22008', '22011']], ['22006', ['22008', '22014']], ['22011', ['22005', '22008', '22012', '22014']]]);
    const ELSEWHERE: Place[] = [
      { clave: 'B1', nombre: 'San Isidro', cveMun: '22006' },
      { clave: 'B2', nombre: 'San Isidro', cveMun: '22009' },
      { clave: 'C1', nombre: 'Los Pinos', cveMun: '22006' },
      { clave: 'C2', nombre: 'Los Pinos', cveMun: '22011' },
      { clave: 'D1', nombre: 'La Cañada', cveMun: '22011' },
      { clave: 'D2', nombre: 'La Cañada', cveMun: '22009' },
      { clave: 'D3', nombre: 'La Cañada', cveMun: '22003' },
    ];
    const withNeighbours = gazetteer(ELSEWHERE, NEIGHBOURS);
    const resolve = (text: string, cveMun: string, g = withNeighbours) => {
      const outcome = resolvePlace(g, text, { cveMun });
      return 'found' in outcome ? [outcome.found.place.clave, outcome.found.motivo] : outcome.unresolved;
    };

    it('of two places with the name, the one in a municipio bordering the one written is proposed as such', () => {
      expect(resolve('san isidro', '22014')).toEqual(['B1', 'municipio_vecino']);
      // Without knowing the borders, or written in a municipio that borders neither, it stays for a person.
      expect(resolve('san isidro', '22014', gazetteer(ELSEWHERE))).toBe('ambiguo');
      expect(resolve('san isidro', '22011')).toBe('ambiguo');
    });

    it('both next door, or three places or more, stay unresolved', () => {
      expect(resolve('Los Pinos', '22014')).toBe('ambiguo');
      expect(resolve('La Cañada', '22014')).toBe('ambiguo');
    });

    it('only the exact name is looked for next door, never a look-alike', () => {
      expect(resolve('San Isidor', '22014')).toBe('sin_parecido');
    });
  });
});
