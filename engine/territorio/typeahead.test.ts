import { describe, expect, it } from 'vitest';
import { typeAhead, typedFit, typedText, TYPEAHEAD_LIMIT } from './typeahead.ts';

const COLONIAS = ['Peñitas del Río', 'Ampliación Niños Héroes', 'Jardines de la Alameda', 'Santa María Magdalena', 'Valle de Juriquilla', 'Juriquilla', 'Los Olivos', 'Los Olmos', 'Lomas de San Juan', 'La Loma'];
const typing = (text: string, names = COLONIAS) => typeAhead(names, text, (n) => n);

describe('typing ahead among places', () => {
  it('finds a name by words typed without accents, in any order, little words and kind of settlement left out', () => {
    expect(typing('penitas rio')).toEqual(['Peñitas del Río']);
    expect(typing('rio peñitas')).toEqual(['Peñitas del Río']);
    expect(typing('col. peñitas del')).toEqual(['Peñitas del Río']);
    expect(typing('AMPL NIÑOS')).toEqual(['Ampliación Niños Héroes']);
    expect(typing('sta maria')).toEqual(['Santa María Magdalena']);
  });

  it('lists, key by key, every name a word of which begins with what is typed so far', () => {
    expect(typing('p')).toEqual(['Peñitas del Río']);
    expect(typing('jur')).toEqual(['Juriquilla', 'Valle de Juriquilla']);
    // Those that begin with it (little words or not) first, the shorter first.
    expect(typing('lo')).toEqual(['La Loma', 'Los Olivos', 'Los Olmos', 'Lomas de San Juan']);
    expect(typing('pue', ['Alto Pueblo', 'El Pueblito'])).toEqual(['El Pueblito', 'Alto Pueblo']);
    expect(typing('los ol')).toEqual(['Los Olivos', 'Los Olmos']);
    expect(typing('olivos')).toEqual(['Los Olivos']);
  });

  it('an abbreviation that is also the start of a word finds both («ma»: María, Manzanos), the whole word first', () => {
    expect(typing('ma', ['Manzanos', 'María Goretti', 'Loma Alta'])).toEqual(['María Goretti', 'Manzanos']);
    expect(typing('SJR', ['San Juan del Río Centro', 'San Juan Bautista'])).toEqual(['San Juan del Río Centro']);
  });

  it('forgives a slip in a long word, listed after the names that fit without one; never in a short word', () => {
    expect(typing('penjtas')).toEqual(['Peñitas del Río']);
    expect(typing('peitas del rio')).toEqual(['Peñitas del Río']);
    expect(typing('juriqilla')).toEqual(['Juriquilla', 'Valle de Juriquilla']);
    expect(typing('olmis')).toEqual(['Los Olmos']);
    // «lama» is no slip of «Loma»: a short word is a name of its own.
    expect(typing('lama')).toEqual([]);
    expect(typing('Olivo', ['Olivar', 'Olivos'])).toEqual(['Olivos', 'Olivar']);
  });

  it('only little words typed must fit, as the start of a name', () => {
    expect(typedText('la')).toEqual({ required: ['LA'], optional: [] });
    expect(typedText('col la loma')).toEqual({ required: ['LOMA'], optional: ['COL', 'LA'] });
    expect(typing('la')).toEqual(['La Loma', 'Jardines de la Alameda']);
  });

  it('ranks the name that begins with what was typed, then the shorter, then by name', () => {
    expect(typedFit(typedText('juriquilla'), 'Juriquilla')).toBeGreaterThan(typedFit(typedText('juriquilla'), 'Valle de Juriquilla')!);
    expect(typedFit(typedText('xyz'), 'Juriquilla')).toBeNull();
  });

  it('puts the places marked first ahead of the rest that fit, and offers at most the limit', () => {
    const colonias = [
      { nombre: 'Centro', localidad: 'A' },
      { nombre: 'Centro Norte', localidad: 'B' },
      { nombre: 'Centro Sur', localidad: 'B' },
    ];
    const inB = (c: { localidad: string }) => c.localidad === 'B';
    expect(typeAhead(colonias, 'centro', (c) => c.nombre, { first: inB }).map((c) => c.nombre)).toEqual(['Centro Norte', 'Centro Sur', 'Centro']);
    expect(typeAhead(colonias, '', (c) => c.nombre, { first: inB }).map((c) => c.nombre)).toEqual(['Centro Norte', 'Centro Sur', 'Centro']);
    const many = Array.from({ length: 50 }, (_, i) => `Colonia ${i}`);
    expect(typing('colonia', many)).toHaveLength(TYPEAHEAD_LIMIT);
    expect(typeAhead(many, 'colonia', (n) => n, { limit: 3 })).toHaveLength(3);
  });
});
