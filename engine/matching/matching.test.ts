import { describe, expect, it } from 'vitest';
import modelFile from '../../definitions/matching/modelo.json' with { type: 'json' };
import nameTables from '../../definitions/matching/nombres.json' with { type: 'json' };
import { compareBirth, compareCurp, compareGiven, compareSurnames } from './compare.ts';
import { curpLettersFor, readCurp } from './curp-view.ts';
import { BlockTableBuilder, countOf, countTableData, valueHash } from './block-table.ts';
import { buildMatchIndex, loadMatchingModel, matchBatch, matchRecord, phoneticKey, prepareRecord, prepareTables, readGivenName, readSurnames, soundOf, withinEdits, type MatchingModel } from './index.ts';
import { fold, tableWithin } from './text.ts';
import { curpCheckDigit } from '../curp.ts';

/** A valid CURP from its first 17 characters. */
const valid = (first17: string) => `${first17}${curpCheckDigit(first17)}`;
import { runMatchingTests } from './testing.ts';

const tables = prepareTables(nameTables);
const loaded = loadMatchingModel(modelFile);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
const model: MatchingModel = loaded.model;

describe('Spanish text for matching', () => {
  it.each([
    ['Peña Nieto', 'PENA NIETO'],
    ['  josé   de   la  cruz ', 'JOSE DE LA CRUZ'],
    ['Pe~na', 'PENA'],
    ['MA. GPE.', 'MA GPE'],
    ['O\'Farrill-Ruiz', 'O FARRILL RUIZ'],
    ['Müller', 'MULLER'],
  ])('fold(%j) = %j', (raw, folded) => expect(fold(raw)).toBe(folded));

  it.each([
    ['HERNANDEZ', 'ERNDS'], ['GONZALEZ', 'GNSLS'], ['GONZALES', 'GNSLS'], ['XAVIER', 'JBR'], ['JAVIER', 'JBR'],
    ['GUILLERMO', 'GYRM'], ['QUIROZ', 'KRS'], ['KIROS', 'KRS'], ['VILLALOBOS', 'BYLBS'], ['GIMENA', 'JMN'], ['JIMENA', 'JMN'],
  ])('phonetic key of %s is %s', (name, key) => expect(phoneticKey(name)).toBe(key));

  it('keeps vowels in the sound, so JOSÉ and JESÚS differ there (they share only the blocking key)', () => {
    expect(soundOf('JOSE')).not.toBe(soundOf('JESUS'));
    expect(phoneticKey('JOSE')).toBe(phoneticKey('JESUS'));
  });

  it.each([
    ['HERNANDEZ', 'HERNADNEZ', 1, true], ['HERNANDEZ', 'HERNANDES', 1, true], ['MARTINEZ', 'MARTIN', 1, false],
    ['ROSA', 'ROSARIO', 2, false], ['LUIS', 'LUIZ', 1, true], ['ANA', 'ANA', 0, true],
  ])('withinEdits(%s, %s, %i) = %s', (a, b, max, expected) => expect(withinEdits(a, b, max)).toBe(expected));
});

describe('Spanish names', () => {
  it.each([
    ['MA. GUADALUPE', ['MARIA', 'GUADALUPE'], ['GUADALUPE']],
    ['María de los Ángeles', ['MARIA', 'ANGELES'], ['ANGELES']],
    ['J. LUIS', ['JOSE', 'LUIS'], ['LUIS']],
    ['GPE', ['GUADALUPE'], ['GUADALUPE']],
    ['MARÍA', ['MARIA'], ['MARIA']],
    ['PANCHO', ['FRANCISCO'], ['FRANCISCO']],
    ['Toño', ['ANTONIO'], ['ANTONIO']],
    ['BETO', ['BETO'], ['BETO']],
  ])('%s reads as %j, significant %j', (raw, all, significant) => {
    expect(readGivenName(raw, tables)).toMatchObject({ all, significant });
  });

  it('reads a married woman\'s second surname apart from her own, but never a compound surname', () => {
    expect(readSurnames('LÓPEZ', 'DE HERNÁNDEZ', tables)).toMatchObject({ second: { core: '' }, married: { core: 'HERNANDEZ' } });
    expect(readSurnames('RUIZ', 'LÓPEZ DE HERNÁNDEZ', tables)).toMatchObject({ second: { core: 'LOPEZ' }, married: { core: 'HERNANDEZ' } });
    expect(readSurnames('RUIZ', 'DE LA CRUZ', tables)).toMatchObject({ second: { core: 'CRUZ', compact: 'DELACRUZ' }, married: null });
    expect(readSurnames('RUIZ', 'DE LEÓN', tables)).toMatchObject({ second: { core: 'LEON' }, married: null });
    expect(readSurnames('RUIZ', 'MONTES DE OCA', tables)).toMatchObject({ second: { core: 'MONTES' }, married: null });
  });

  it('takes a glued particle off only when the rest is a known surname and the whole is not (DELGADO stays)', () => {
    const known = new Set(['CRUZ', 'RIO', 'DELGADO', 'GADO']);
    expect(readSurnames('DELACRUZ', '', tables, known).first.core).toBe('CRUZ');
    expect(readSurnames('DELRIO', '', tables, known).first.core).toBe('RIO');
    expect(readSurnames('DELGADO', '', tables, known).first.core).toBe('DELGADO');
  });

  it.each([
    [['MARIA GUADALUPE', 'GUADALUPE'], 'significativos'],
    [['JUAN CARLOS', 'JUAN CARLOS'], 'identico'],
    [['JUAN CARLOS', 'JUAN'], 'contenido'],
    [['JUAN CARLOS', 'JUAN PABLO'], 'conflicto'],
    [['GUADALUPE', 'GUADALUEP'], 'parecido'],
    [['BETO', 'ROBERTO'], 'significativos'],
    [['ROSA', 'ELENA'], 'distinto'],
    [['', 'ELENA'], 'falta'],
  ])('given names %j compare as %s', ([a, b], level) => {
    expect(compareGiven(readGivenName(a, tables), readGivenName(b, tables), tables)).toBe(level);
  });

  it.each([
    [['HERNANDEZ', 'LOPEZ'], ['HERNÁNDEZ', 'LÓPEZ'], { first: 'igual', second: 'igual', swapped: false }],
    [['OLVERA', 'UGALDE'], ['UGALDE', 'OLVERA'], { first: 'igual', second: 'igual', swapped: true }],
    [['LOPEZ', ''], ['LOPEZ', 'RUIZ'], { first: 'igual', second: 'falta' }],
    [['LOPEZ', 'DE RAMIREZ'], ['LOPEZ', 'RUIZ'], { first: 'igual', second: 'casada' }],
    [['RAMIREZ', 'LOPEZ'], ['LOPEZ', 'RUIZ'], { first: 'propio_en_segundo', second: 'casada' }],
    [['DELACRUZ', 'MORALES'], ['DE LA CRUZ', 'MORALES'], { first: 'igual', second: 'igual' }],
    [['GONZALES', 'MORALES'], ['GONZÁLEZ', 'MORALEZ'], { first: 'parecido', second: 'parecido' }],
    [['PEREZ', 'MORALES'], ['LOPEZ', 'MORALES'], { first: 'distinto', second: 'igual' }],
  ])('surnames %j against %j', (a, b, expected) => {
    expect(compareSurnames(readSurnames(a[0], a[1], tables), readSurnames(b[0], b[1], tables))).toMatchObject(expected);
  });
});

describe('CURP by segment', () => {
  const never = () => false;
  const lupe = valid('HELG850304MQTRPD0');
  it('reads the date (century from position 17), and treats placeholders and fragments as no CURP', () => {
    expect(readCurp(lupe)).toMatchObject({ valid: true, birth: '1985-03-04', first16: 'HELG850304MQTRPD', sex: 'M' });
    expect(readCurp(`hel g${lupe.slice(4, 10)}-${lupe.slice(10).toLowerCase()}`)?.value).toBe(lupe);
    expect(readCurp('XXXX000000HQTXXX00')).toBeNull();
    expect(readCurp('XEXX010101HNEXXXA4')).toBeNull();
    expect(readCurp('HELG85')).toBeNull();
  });

  it.each([
    [lupe, lupe, 'identica'],
    [lupe, lupe.slice(0, 17), 'homoclave'],
    [lupe, `${lupe.slice(0, 14)}X${lupe.slice(15)}`, 'captura'],
    [lupe, `HELG850304MQTXXX1${lupe[17]}`, 'letras_fecha'],
    [lupe, valid('HELG850304MQTRPD1'), 'validas_16'],
    [lupe, valid('HELG850304MDFRPD0'), 'validas_10'],
    [lupe, valid('PEPJ800101HQTRRN0'), 'distintas'],
    [lupe, '', 'falta'],
  ])('%s against %s is %s', (a, b, level) => {
    expect(compareCurp(readCurp(a), readCurp(b), never)).toBe(level);
  });

  it('a CURP many people carry says nothing', () => {
    expect(compareCurp(readCurp(lupe), readCurp(lupe), (c) => c === lupe)).toBe('falta');
  });

  it('recomputes the four letters from the names, skipping MARÍA and particles', () => {
    expect(curpLettersFor('HERNÁNDEZ', 'LÓPEZ', 'MARÍA GUADALUPE')).toBe('HELG');
    expect(curpLettersFor('DE LA CRUZ', '', 'FRANCISCO')).toBe('CUXF');
    expect(curpLettersFor('PEÑA', 'NIETO', 'ENRIQUE')).toBe('PENE');
  });
});

describe('birth dates', () => {
  const rec = (fecha: string, curp = '') => prepareRecord({ id: 'x', fecha_nacimiento: fecha, curp }, tables);
  const lupe = valid('HELG850304MQTRPD0');
  it.each([
    ['1985-03-04', '04/03/1985', 'identica'],
    ['1985-03-04', '1985-04-03', 'dia_mes'],
    ['1985-03-04', '1986-03-04', 'anio'],
    ['1985-03-04', '1985-03-06', 'dias'],
    ['1985-03-04', '1985-09-04', 'distinta'],
    ['1985-03-04', '', 'falta'],
  ])('%s against %s is %s', (a, b, level) => expect(compareBirth(rec(a), rec(b))).toBe(level));

  it('reads a missing date from the CURP (for blocking), but such a date is no evidence apart from the CURP', () => {
    expect(rec('', lupe)).toMatchObject({ birth: '1985-03-04', birthFromCurp: true });
    expect(compareBirth(rec('', lupe), rec('', lupe))).toBe('falta');
    expect(compareBirth(rec('', lupe), rec('1985-03-04'))).toBe('falta');
  });
});

describe('the matching model', () => {
  it('its own test table passes', () => {
    const results = runMatchingTests(model, nameTables);
    expect(results.length).toBeGreaterThanOrEqual(14);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it('is refused with every problem, never with an exception', () => {
    expect(loadMatchingModel(null)).toMatchObject({ ok: false });
    const broken = loadMatchingModel({ ...model, umbrales: { misma: 'alto' }, comparaciones: { ...model.comparaciones, curp: { niveles: {} } } });
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.errors.map((e) => e.pointer)).toEqual(expect.arrayContaining(['/umbrales/misma', '/umbrales/revisar', '/comparaciones/curp/niveles/identica']));
      expect(broken.errors.every((e) => e.code === 'MATCH_MODEL_SCHEMA' && /[a-záéíóúñ]/.test(e.message))).toBe(true);
    }
    expect(loadMatchingModel({ ...model, revisarSi: ['curp.inventada'] }).ok).toBe(false);
  });
});

describe('matching against a registry', () => {
  const registry = [
    { id: 'R1', curp: valid('HELG850304MQTRPD0'), primer_apellido: 'HERNÁNDEZ', segundo_apellido: 'LÓPEZ', nombre: 'MARÍA GUADALUPE', fecha_nacimiento: '1985-03-04', sexo: 'M', cve_mun: '014' },
    { id: 'R2', curp: 'UAOP700215HQTGLD07', primer_apellido: 'UGALDE', segundo_apellido: 'OLVERA', nombre: 'PEDRO', fecha_nacimiento: '1970-02-15', sexo: 'H', cve_mun: '006' },
    // A registry big enough for frequencies to count (PEOPLE_FOR_FREQUENCIES): HERNÁNDEZ is common in it.
    ...Array.from({ length: 60 }, (_, i) => ({ id: `H${i}`, primer_apellido: 'HERNÁNDEZ', segundo_apellido: 'GARCÍA', nombre: 'JUAN', fecha_nacimiento: `${1940 + i}-06-01`, sexo: 'H', cve_mun: '014' })),
    ...Array.from({ length: 1000 }, (_, i) => ({ id: `F${i}`, primer_apellido: `APELLIDO${i.toString(26).toUpperCase()}`, segundo_apellido: 'RUIZ', nombre: 'ANA', fecha_nacimiento: '2000-01-01', sexo: 'M', cve_mun: '001' })),
  ];
  const index = buildMatchIndex(registry, model, nameTables);

  it('explains its decision field by field, in Spanish, with the weight of each, and the weights add up to the score', () => {
    const o = matchRecord(index, { id: 'E', primer_apellido: 'HERNANDEZ', segundo_apellido: 'LOPEZ', nombre: 'MA GUADALUPE', fecha_nacimiento: '04/03/1985', sexo: 'M', cve_mun: '14' });
    expect(o.decision).toBe('misma');
    expect(o.best?.id).toBe('R1');
    expect(o.best?.reasons.map((r) => r.campo)).toEqual(['curp', 'fecha', 'sexo', 'nombre', 'primer_apellido', 'segundo_apellido', 'domicilio', 'telefono']);
    expect(o.best?.reasons.find((r) => r.campo === 'fecha')).toEqual({ campo: 'fecha', nivel: 'identica', etiqueta: 'fecha de nacimiento idéntica', peso: 6 });
    const sum = o.best!.reasons.reduce((s, r) => s + r.peso, 0);
    expect(Math.abs(sum - o.best!.score)).toBeLessThan(0.3);
  });

  it('leaves frequencies neutral in a registry too small to say how common a name is', () => {
    const small = buildMatchIndex(registry.slice(0, 2), model, nameTables);
    expect(small.frequencies.surname('HERNANDEZ')).toBe(0);
    expect(index.frequencies.surname('HERNANDEZ')).toBeGreaterThan(0.02);
  });

  it('weighs an agreement on a rare surname more than on a common one', () => {
    const ugalde = matchRecord(index, { id: 'E', primer_apellido: 'UGALDE', segundo_apellido: 'OLVERA', nombre: 'PEDRO', fecha_nacimiento: '1970-02-15' });
    const hernandez = matchRecord(index, { id: 'E', primer_apellido: 'HERNÁNDEZ', segundo_apellido: 'GARCÍA', nombre: 'JUAN', fecha_nacimiento: '1950-06-01' });
    const weight = (o: typeof ugalde) => o.best!.reasons.find((r) => r.campo === 'primer_apellido')!.peso;
    expect(weight(ugalde)).toBeGreaterThan(weight(hernandez) + 2);
  });

  it('finds nobody for a person the registry does not hold', () => {
    expect(matchRecord(index, { id: 'E', curp: valid('PEPJ800101HQTRRN0'), primer_apellido: 'PÉREZ', segundo_apellido: 'PÉREZ', nombre: 'JUAN', fecha_nacimiento: '1980-01-01' }).decision).toBe('distinta');
  });

  it('treats a CURP repeated through the incoming file as unreliable', () => {
    const lent = { curp: valid('HELG850304MQTRPD0'), primer_apellido: 'HERNÁNDEZ', segundo_apellido: 'LÓPEZ', sexo: 'M' };
    const outcomes = matchBatch(index, [1, 2, 3].map((i) => ({ id: `E${i}`, ...lent, nombre: ['ANA', 'ROSA', 'LUZ'][i - 1] })));
    for (const o of outcomes) expect(o.best?.reasons.find((r) => r.campo === 'curp')?.nivel ?? 'falta').toBe('falta');
  });

  it('gives the same outcomes from keys kept by an earlier build as from reading every row again', () => {
    const kept = new Map<number, Uint32Array>();
    buildMatchIndex(registry, model, nameTables, { onKeys: (row, keys) => kept.set(row, keys) });
    expect(kept.size).toBe(registry.length);
    const again = buildMatchIndex(registry, model, nameTables, { keptKeys: (row) => kept.get(row) ?? null, onKeys: () => expect.fail('no row should be read again') });
    const probes = [
      { id: 'E1', primer_apellido: 'HERNANDEZ', segundo_apellido: 'LOPEZ', nombre: 'MA GUADALUPE', fecha_nacimiento: '04/03/1985', sexo: 'M' },
      { id: 'E2', curp: 'UAOP700215HQTGLD07', nombre: 'PEDRO' },
      { id: 'E3', primer_apellido: 'HERNÁNDEZ', segundo_apellido: 'GARCÍA', nombre: 'JUAN', fecha_nacimiento: '1950-06-01' },
    ];
    expect(probes.map((p) => matchRecord(again, p))).toEqual(probes.map((p) => matchRecord(index, p)));
  });
});

describe('the block table', () => {
  it('lists the rows of a key, counts them, and keeps keys that share a bucket apart', () => {
    const builder = new BlockTableBuilder();
    const keys = Array.from({ length: 5000 }, (_, i) => `clave|${i % 1700}`);
    keys.forEach((k, row) => builder.add(k, row));
    const table = builder.build();
    expect(table.rows('clave|7')).toEqual([7, 1707, 3407]);
    expect(table.count('clave|1699')).toBe(2);
    expect(table.rows('otra')).toEqual([]);
    const blocks = [...table.blocks()];
    expect(blocks).toHaveLength(1700);
    expect(blocks.every((b) => new Set(b.map((row) => keys[row])).size === 1)).toBe(true);
  });

  it('counts values by hash', () => {
    const data = countTableData(Uint32Array.from(['ANA', 'ANA', 'LUZ', ''].map(valueHash)));
    expect([countOf(data, 'ANA'), countOf(data, 'LUZ'), countOf(data, 'ROSA'), countOf(data, '')]).toEqual([2, 1, 0, 0]);
  });
});

describe('one edit apart', () => {
  it('answers as the table of edits does, for every pair of short words over a small alphabet', () => {
    const words = [''];
    for (let length = 1; length <= 4; length++) for (const w of words.filter((x) => x.length === length - 1)) for (const c of 'ABC') words.push(w + c);
    const differing: string[] = [];
    for (const a of words) for (const b of words) if (Math.abs(a.length - b.length) <= 1 && withinEdits(a, b, 1) !== (a === b || tableWithin(a, b, 1))) differing.push(`${a}/${b}`);
    expect(words.length).toBe(121);
    expect(differing).toEqual([]);
    expect([withinEdits('HERNANDEZ', 'HERNADNEZ', 1), withinEdits('HERNANDEZ', 'HERNANDES', 1), withinEdits('HERNANDEZ', 'HERNANEZ', 1), withinEdits('HERNANDEZ', 'FERNANDES', 1)]).toEqual([true, true, true, false]);
  });
});
