/**
 * npm run eval:geo — «limpieza de ubicaciones» (engine/territorio) on a labelled set of dirty addresses:
 * the catalog is Querétaro's localidades of 1,000+ inhabitants (INEGI, definitions/catalogs) and invented
 * colonias for its 18 municipios (names built as Mexican colonias are: saints, heroes, trees, «Lomas de…»,
 * many repeated across municipios, «Centro» in each); each address is a real entry written as people
 * write it (accents dropped, abbreviations, a typo, the kind of settlement added, little words left out,
 * a municipio that has no place of that name) and labelled with its clave. Prints how many the cleaning proposes right, wrong,
 * or leaves for a person, overall and by kind of error. EVAL_SEED and EVAL_ADDRESSES change the set.
 * A wrong municipio is modelled twice: one bordering the right one (how it goes wrong: people on a border,
 * or in a town served by the next municipio's cabecera, write that one) and any of the others (a slip), so
 * that the resolver's use of neighbours (engine/territorio/municipios.ts, from INEGI's outlines) shows what
 * it gains on the first and what it costs on the second.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { gazetteer, neighbouringMunicipios, placeKey, resolvePlace, type MunicipioShape, type Place, type PlaceContext } from '../engine/territorio/index.ts';

const LOCALIDADES = fileURLToPath(new URL('../definitions/catalogs/qro_localidades_pob1000.csv', import.meta.url));
const OUTLINES = fileURLToPath(new URL('../definitions/catalogs/qro_municipios.geojson', import.meta.url));
const MUNICIPIOS = Array.from({ length: 18 }, (_, i) => `22${String(i + 1).padStart(3, '0')}`);

const SAINTS = ['San José', 'San Pedro', 'Santa Cruz', 'San Francisco', 'Santa Rosa', 'San Miguel', 'San Antonio', 'Santa María', 'San Juan', 'Santa Bárbara', 'San Isidro', 'Santa Teresa', 'San Pablo', 'Santa Fe', 'San Rafael', 'Santa Lucía', 'San Martín', 'Santa Catarina', 'San Bartolo', 'Santa Anita', 'San Lorenzo', 'San Nicolás', 'Santa Clara', 'San Sebastián', 'San Gregorio', 'Santa Mónica', 'San Agustín', 'Santa Elena'];
const HEROES = ['Emiliano Zapata', 'Benito Juárez', 'Miguel Hidalgo', 'Lázaro Cárdenas', 'Francisco Villa', 'Venustiano Carranza', 'Josefa Ortiz de Domínguez', 'Ignacio Allende', 'Vicente Guerrero', 'Niños Héroes', 'Ezequiel Montes', 'Mariano Escobedo', 'Morelos', 'Guadalupe Victoria', 'Leona Vicario', 'Belisario Domínguez', 'Melchor Ocampo', 'Plutarco Elías Calles', 'Álvaro Obregón', 'Cuauhtémoc', 'Revolución', 'Independencia', 'Constitución', 'Reforma'];
const NATURE = ['Los Olivos', 'Las Palmas', 'Los Pinos', 'Los Sauces', 'Las Rosas', 'Los Álamos', 'Las Jacarandas', 'Los Fresnos', 'El Mezquite', 'Los Encinos', 'Las Huertas', 'El Nogal', 'Los Laureles', 'Las Margaritas', 'Los Cedros', 'Las Bugambilias', 'Los Sabinos', 'Las Granjas', 'Los Arcos', 'Los Robles', 'Las Aves', 'Los Naranjos', 'El Manantial', 'Las Fuentes', 'Los Girasoles', 'Las Gardenias', 'El Roble', 'Los Cipreses'];
const GROUND = ['El Cerrito', 'La Loma', 'El Mirador', 'La Cañada', 'El Salitre', 'La Joya', 'El Pedregal', 'La Presa', 'El Llano', 'La Ladera', 'El Arenal', 'La Cuesta', 'Peñuelas', 'El Retablo', 'La Piedad', 'El Tepetate', 'La Pila', 'El Marqués', 'Las Lajas', 'El Barreno', 'La Cantera', 'Tlacote', 'El Batán', 'La Estancia', 'El Coyote', 'Pedregoso'];
const PREFIXES = ['', '', 'Lomas de ', 'Jardines de ', 'Villas de ', 'Valle de ', 'Real de ', 'Paseos de ', 'Colinas de ', 'Rinconada ', 'Ampliación ', 'Hacienda ', 'Arboledas de ', 'Residencial '];
const KINDS = ['Colonia', 'Fraccionamiento', 'Barrio', 'Unidad Habitacional'];

/** A small seeded generator (mulberry32): the same set for the same seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  return { next, pick };
}

/** Querétaro's localidades and ~120 invented colonias a municipio, each with a postal code. */
export function catalog(seed: number): Place[] {
  const rows = parse(readFileSync(LOCALIDADES), { columns: true }) as Array<{ cvegeo: string; nom_localidad: string }>;
  const places: Place[] = rows.map((r) => ({ clave: r.cvegeo, nombre: r.nom_localidad, cveMun: r.cvegeo.slice(0, 5) }));
  const r = random(seed);
  for (const [m, cveMun] of MUNICIPIOS.entries()) {
    const names = new Set<string>(['Centro']);
    while (names.size < 120) names.add(r.pick(PREFIXES) + r.pick([SAINTS, HEROES, NATURE, GROUND][Math.floor(r.next() * 4)]));
    [...names].forEach((nombre, i) => places.push({ clave: `${cveMun}${String(9000 + i).padStart(4, '0')}`, nombre, cveMun, codigoPostal: String(76000 + m * 100 + Math.floor(i / 6)) }));
  }
  return places;
}

const stripAccents = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const ABBREVIATIONS: Array<[RegExp, string]> = [[/\bSanta\b/, 'Sta.'], [/\bSan\b/, 'Sn'], [/\bAmpliación\b/, 'Ampl.'], [/\bResidencial\b/, 'Res.'], [/\bGeneral\b/, 'Gral.']];

/** One kind of error people make writing a place's name, applied to it. */
const ERRORS = {
  acentos: (name: string) => stripAccents(name).toUpperCase(),
  abreviatura: (name: string) => ABBREVIATIONS.reduce((s, [from, to]) => s.replace(from, to), name),
  tipo_agregado: (name: string, r: ReturnType<typeof random>) => `${r.pick(['Col.', 'COL', 'Fracc.', 'Colonia', 'Barrio', 'Loc.'])} ${name}`,
  sin_articulos: (name: string) => name.replace(/\b(de|del|la|las|los|el)\b\s*/gi, '').replace(/\s+/g, ' ').trim(),
  errata: (name: string, r: ReturnType<typeof random>) => typo(name, r),
  minusculas: (name: string) => `${stripAccents(name).toLowerCase()}.`,
  otro_municipio: (name: string) => stripAccents(name),
} as const;
type ErrorKind = keyof typeof ERRORS;

/** One letter of a word of five or more replaced, dropped or swapped with the next. */
function typo(name: string, r: ReturnType<typeof random>): string {
  const words = name.split(' ');
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 5);
  if (long.length === 0) return name;
  const [word, at] = r.pick(long);
  const i = 1 + Math.floor(r.next() * (word.length - 2));
  const how = Math.floor(r.next() * 3);
  const changed = how === 0 ? word.slice(0, i) + r.pick([...'aeiourslnmt']) + word.slice(i + 1) : how === 1 ? word.slice(0, i) + word.slice(i + 1) : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  words[at] = changed;
  return words.join(' ');
}

/** Querétaro's municipios and the ones each borders, from INEGI's outlines. */
export function neighbours(): Map<string, string[]> {
  const { features } = JSON.parse(readFileSync(OUTLINES, 'utf8')) as { features: Array<{ properties: { cve_geo: string }; geometry: MunicipioShape['geometry'] }> };
  return neighbouringMunicipios(features.map((f) => ({ cveMun: f.properties.cve_geo, geometry: f.geometry })));
}

/** How a wrong municipio is chosen: one bordering the right one, or any other. */
export type WrongMunicipio = 'vecino' | 'cualquiera';

export interface Address {
  text: string;
  context: PlaceContext;
  truth: string;
  kind: ErrorKind;
}

/**
 * Dirty addresses of real entries, each with one kind of error (and accents dropped in half of them besides).
 * A wrong municipio is one without a place of that name (else the address names that place), chosen among
 * the right one's neighbours or among all; a place none of whose candidates lacks the name is passed over.
 */
export function addresses(places: readonly Place[], count: number, seed: number, wrong: WrongMunicipio, bordering: ReadonlyMap<string, readonly string[]>): Address[] {
  const r = random(seed * 7919);
  const kinds = Object.keys(ERRORS) as ErrorKind[];
  // Where each name is: a municipio written «wrong» that has a place of the same name is not wrong, it names that place.
  const municipiosOf = new Map<string, Set<string>>();
  for (const p of places) (municipiosOf.get(placeKey(p.nombre)) ?? municipiosOf.set(placeKey(p.nombre), new Set()).get(placeKey(p.nombre))!).add(p.cveMun);
  return Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length];
    const candidates = (p: Place) => (wrong === 'vecino' ? (bordering.get(p.cveMun) ?? []) : MUNICIPIOS).filter((m) => !municipiosOf.get(placeKey(p.nombre))!.has(m));
    let place = r.pick(places);
    let others = candidates(place);
    while (kind === 'otro_municipio' && others.length === 0) {
      place = r.pick(places);
      others = candidates(place);
    }
    let text = ERRORS[kind](place.nombre, r);
    if (kind !== 'acentos' && r.next() < 0.5) text = stripAccents(text);
    const wrongMunicipio = kind === 'otro_municipio' ? r.pick(others) : place.cveMun;
    // Half the colonias come with their postal code, as forms and rolls often have it.
    const codigoPostal = place.codigoPostal && r.next() < 0.5 ? place.codigoPostal : null;
    return { text, context: { cveMun: wrongMunicipio, codigoPostal }, truth: place.clave, kind };
  });
}

export interface GeoFigures {
  total: number;
  right: number;
  wrong: number;
  unresolved: number;
  byKind: Map<string, { n: number; right: number; wrong: number }>;
  wrongExamples: string[];
  /** Share of places whose name another municipio also has. */
  shared: number;
}

/** The share of places whose name another municipio also has: what a wrong municipio cannot be told from. */
export function sharedNames(places: readonly Place[]): number {
  const municipios = new Map<string, Set<string>>();
  for (const p of places) (municipios.get(placeKey(p.nombre)) ?? municipios.set(placeKey(p.nombre), new Set()).get(placeKey(p.nombre))!).add(p.cveMun);
  return places.filter((p) => municipios.get(placeKey(p.nombre))!.size > 1).length / places.length;
}

/** The set for a seed, resolved; `resolverNeighbours: false` runs the resolver without knowing which municipios border. */
export function evaluateGeo(seed: number, count: number, wrong: WrongMunicipio = 'vecino', { resolverNeighbours = true } = {}): GeoFigures {
  const places = catalog(seed);
  const bordering = neighbours();
  const g = gazetteer(places, resolverNeighbours ? bordering : new Map());
  const f: GeoFigures = { total: count, right: 0, wrong: 0, unresolved: 0, byKind: new Map(), wrongExamples: [], shared: sharedNames(places) };
  for (const a of addresses(places, count, seed, wrong, bordering)) {
    const outcome = resolvePlace(g, a.text, a.context);
    const k = f.byKind.get(a.kind) ?? f.byKind.set(a.kind, { n: 0, right: 0, wrong: 0 }).get(a.kind)!;
    k.n++;
    if (!('found' in outcome)) f.unresolved++;
    else if (outcome.found.place.clave === a.truth) {
      f.right++;
      k.right++;
    } else {
      f.wrong++;
      k.wrong++;
      const truth = places.find((p) => p.clave === a.truth)!;
      if (f.wrongExamples.length < 8) f.wrongExamples.push(`«${a.text}» (${a.context.cveMun}${a.context.codigoPostal ? `, CP ${a.context.codigoPostal}` : ''}) → ${outcome.found.place.nombre} (${outcome.found.place.cveMun}) en vez de ${truth.nombre} (${truth.cveMun})`);
    }
  }
  return f;
}

const WRONG_MUNICIPIO: Record<WrongMunicipio, string> = {
  vecino: 'el municipio equivocado es uno vecino del correcto (como se equivoca la gente: vive en el límite)',
  cualquiera: 'el municipio equivocado es cualquier otro (un desliz): la cota baja',
};

function report(seed: number, count: number, wrong: WrongMunicipio): void {
  const f = evaluateGeo(seed, count, wrong);
  const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`;
  console.log(`\n## semilla ${seed}: ${count.toLocaleString('es-MX')} direcciones sucias contra ${catalog(seed).length.toLocaleString('es-MX')} lugares (${pct(f.shared * count, count)} con un nombre que otro municipio también tiene)`);
  console.log(`  ${WRONG_MUNICIPIO[wrong]}`);
  console.log(`  clave correcta     ${pct(f.right, f.total)}   (${f.right})`);
  console.log(`  clave equivocada   ${pct(f.wrong, f.total)}   (${f.wrong})`);
  console.log(`  sin resolver       ${pct(f.unresolved, f.total)}   (${f.unresolved}: para que una persona decida)`);
  console.log('  por tipo de error:         n   correcta  equivocada');
  for (const [kind, k] of [...f.byKind].sort()) console.log(`    ${kind.padEnd(18)} ${String(k.n).padStart(6)}   ${pct(k.right, k.n).padStart(7)}   ${pct(k.wrong, k.n).padStart(7)}`);
  for (const example of f.wrongExamples) console.log(`    equivocada: ${example}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.env.EVAL_ADDRESSES ?? 20_000);
  for (const seed of process.env.EVAL_SEED ? [Number(process.env.EVAL_SEED)] : [1, 2]) for (const wrong of ['vecino', 'cualquiera'] as const) report(seed, count, wrong);
}
