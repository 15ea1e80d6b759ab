/**
 * The bench's own roll: `rows` supports of `people` invented people (valid CURPs whose birth date
 * and sex agree with the row), spread over `programs` programs and Querétaro's 18 municipios, written
 * as CSV with the PUB's column names. Deterministic (same arguments, same file).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { curpCheckDigit, INCONVENIENT_WORDS } from '../engine/curp.ts';

const SURNAMES = ['HERNANDEZ', 'GARCIA', 'MARTINEZ', 'LOPEZ', 'GONZALEZ', 'RODRIGUEZ', 'PEREZ', 'SANCHEZ', 'RAMIREZ', 'CRUZ', 'FLORES', 'GOMEZ', 'MORALES', 'VAZQUEZ', 'JIMENEZ', 'REYES', 'DIAZ', 'TORRES', 'GUTIERREZ', 'RUIZ', 'MENDOZA', 'AGUILAR', 'ORTIZ', 'MORENO', 'CASTILLO', 'ROMERO', 'ALVAREZ', 'RIVERA', 'CHAVEZ', 'RAMOS'];
const NAMES = ['ANA', 'JUAN', 'MARIA', 'JOSE', 'LUIS', 'ROSA', 'CARLOS', 'LAURA', 'MIGUEL', 'ELENA', 'PEDRO', 'SOFIA', 'JORGE', 'PATRICIA', 'RAUL', 'ADRIANA', 'OSCAR', 'GABRIELA', 'HECTOR', 'DIANA'];
const CONSONANTS = 'BCDFGHJKLMNPQRSTVWXYZ';
const MUNICIPIOS = Array.from({ length: 18 }, (_, i) => String(i + 1).padStart(3, '0'));
const INCONVENIENT = new Set<string>(INCONVENIENT_WORDS);

/** A small deterministic generator (mulberry32): the same file on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const firstInnerVowel = (word: string) => word.slice(1).match(/[AEIOU]/)?.[0] ?? 'X';

interface Person {
  curp: string;
  primer: string;
  segundo: string;
  nombre: string;
  nacimiento: string;
  sexo: 'H' | 'M';
  municipio: string;
}

/** Person number `n`: names from the lists, a birth date and a homoclave that make the CURP unique. */
function person(n: number): Person {
  const pick = random(n + 1);
  const primer = SURNAMES[Math.floor(pick() * SURNAMES.length)];
  const segundo = SURNAMES[Math.floor(pick() * SURNAMES.length)];
  const nombre = NAMES[Math.floor(pick() * NAMES.length)];
  const sexo = pick() < 0.5 ? 'H' : 'M';
  const year = 1940 + Math.floor(pick() * 66);
  const month = 1 + Math.floor(pick() * 12);
  const day = 1 + Math.floor(pick() * 28);
  let letters = `${primer[0]}${firstInnerVowel(primer)}${segundo[0]}${nombre[0]}`;
  if (INCONVENIENT.has(letters)) letters = `${letters[0]}X${letters.slice(2)}`;
  // The person's number in the inner consonants and the homoclave keeps every CURP distinct.
  const inner = `${CONSONANTS[n % 21]}${CONSONANTS[Math.floor(n / 21) % 21]}${CONSONANTS[Math.floor(n / 441) % 21]}`;
  const homoclave = year < 2000 ? String(Math.floor(n / 9261) % 10) : 'ABCDEFGHIJ'[Math.floor(n / 9261) % 10];
  const first17 = `${letters}${String(year).slice(2)}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${sexo}QT${inner}${homoclave}`;
  return {
    curp: first17 + curpCheckDigit(first17),
    primer,
    segundo,
    nombre,
    nacimiento: `${day.toString().padStart(2, '0')}/${month.toString().padStart(2, '0')}/${year}`,
    sexo,
    municipio: MUNICIPIOS[n % 18],
  };
}

export const HEADER = 'NB_CURP,NB_PRIMER_AP,NB_SEGUNDO_AP,NB_NOMBRE,FH_NACIMIENTO,CD_SEXO,CVE_ENT,CVE_MUN,CD_PADRON,NU_IMP_MONETARIO,FH_ALTA';

/** Writes the roll; row i belongs to person (i × 7919) mod people, so people repeat, each time in another program. */
export async function writeRoll(path: string, rows: number, people: number, programs: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${HEADER}\n`);
  for (let i = 0; i < rows; i++) {
    const n = (i * 7919) % people;
    const p = person(n);
    // A person's next support (a later round of rows) is of another program: the confronta has crossings.
    const program = `prog-${String((n + Math.floor(i / people) * 7) % programs).padStart(2, '0')}`;
    const line = `${p.curp},${p.primer},${p.segundo},${p.nombre},${p.nacimiento},${p.sexo},22,${p.municipio},${program},${500 + (i % 20) * 100}.00,2026-0${1 + (i % 9)}-15\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
