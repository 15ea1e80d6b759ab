/**
 * Field by field, the level at which two prepared records agree. Each function answers one level
 * name of the model (model.ts COMPARISONS); the weights live in the model, not here. Pure.
 */
import type { CurpView } from './curp-view.ts';
import { sameGivenToken, type GivenName, type PreparedTables, type Surname, type Surnames } from './names.ts';
import { streetKey, type PreparedRecord } from './record.ts';

import { oneTypoApart, soundOf, withinEdits } from './text.ts';

/** Both give a street, and the same one once the words people add or leave out are set aside. */
function sameStreet(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  const key = streetKey(a);
  return key !== '' && key === streetKey(b);
}

/**
 * Two valid CURPs that differ are two registrations (a second CURP, a twin, a namesake); one character
 * apart counts as a typo only when one side is invalid. `unreliable` holds CURPs carried by many people.
 */
export function compareCurp(a: CurpView | null, b: CurpView | null, unreliable: (curp: string) => boolean): string {
  if (!a || !b || unreliable(a.value) || unreliable(b.value)) return 'falta';
  if (a.value === b.value) return 'identica';
  const oneInvalid = !a.valid || !b.valid;
  if (oneInvalid) {
    if (a.first16 === b.first16) return 'homoclave';
    if (withinEdits(a.value, b.value, 1)) return 'captura';
    if (a.first10 === b.first10) return 'letras_fecha';
    return 'invalida_distinta';
  }
  if (a.first16 === b.first16) return 'validas_16';
  if (a.first10 === b.first10) return 'validas_10';
  return 'distintas';
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;

/** Day and month swapped, a year off and a few days off are typing slips, not another person. */
export function compareBirth(a: PreparedRecord, b: PreparedRecord): string {
  // A date read from a CURP says nothing the CURP comparison has not said (its positions 5–10).
  if (!a.birth || !b.birth || a.birthFromCurp || b.birthFromCurp) return 'falta';
  if (a.birth === b.birth) return 'identica';
  const [ya, ma, da] = [a.birth.slice(0, 4), a.birth.slice(5, 7), a.birth.slice(8, 10)];
  const [yb, mb, db] = [b.birth.slice(0, 4), b.birth.slice(5, 7), b.birth.slice(8, 10)];
  if (ya === yb && ma === db && da === mb) return 'dia_mes';
  if (ma === mb && da === db && Math.abs(Number(ya) - Number(yb)) === 1) return 'anio';
  if (Math.abs(dayNumber(a.birth) - dayNumber(b.birth)) <= 3) return 'dias';
  return 'distinta';
}

export function compareSex(a: string, b: string): string {
  if (a === '' || b === '') return 'falta';
  return a === b ? 'igual' : 'distinto';
}

const sameSound = (a: string, b: string) => a.length >= 3 && soundOf(a) === soundOf(b);

/** Token by token: the same name, a nickname of it, one typo or the same sound. */
function tokenMatch(a: string, b: string, t: PreparedTables): 'same' | 'close' | null {
  if (sameGivenToken(a, b, t)) return 'same';
  return oneTypoApart(a, b) || sameSound(a, b) ? 'close' : null;
}

/**
 * Names as token sets. Twins named JUAN CARLOS and JUAN PABLO share JUAN but their other names
 * conflict: that is evidence against, not for.
 */
export function compareGiven(a: GivenName, b: GivenName, t: PreparedTables): string {
  if (a.all.length === 0 || b.all.length === 0) return 'falta';
  if (a.all.length === b.all.length && a.all.every((w, i) => w === b.all[i])) return 'identico';
  const [small, large] = a.significant.length <= b.significant.length ? [a.significant, b.significant] : [b.significant, a.significant];
  const used = new Set<number>();
  let close = 0;
  let matched = 0;
  for (const w of small) {
    let found: 'same' | 'close' | null = null;
    let at = -1;
    for (let i = 0; i < large.length && found !== 'same'; i++) {
      if (used.has(i)) continue;
      const m = tokenMatch(w, large[i], t);
      if (m === 'same' || (m === 'close' && found === null)) [found, at] = [m, i];
    }
    if (found) {
      used.add(at);
      matched++;
      if (found === 'close') close++;
    }
  }
  if (matched === small.length) {
    if (close > 0) return 'parecido';
    return small.length === large.length ? 'significativos' : 'contenido';
  }
  return matched > 0 ? 'conflicto' : 'distinto';
}

function surnameLevel(a: Surname, b: Surname): 'igual' | 'parecido' | 'distinto' | 'falta' {
  if (a.core === '' || b.core === '') return 'falta';
  if (a.compact === b.compact || a.core === b.core) return 'igual';
  return oneTypoApart(a.compact, b.compact) || sameSound(a.core, b.core) ? 'parecido' : 'distinto';
}

export interface SurnameComparison {
  first: string;
  second: string;
  swapped: boolean;
  /** The surname whose frequency adjusts each «igual» (the rarer, the stronger). */
  firstValue: string;
  secondValue: string;
}

const RANK: Record<string, number> = { igual: 3, parecido: 2, falta: 1, distinto: 0 };

/**
 * Surnames straight and swapped (the better reading wins when both surnames are there); a missing
 * second surname is neutral; a married woman's «DE …» or her husband's surname put first is read as such.
 */
export function compareSurnames(a: Surnames, b: Surnames): SurnameComparison {
  const straight = { first: surnameLevel(a.first, b.first), second: surnameLevel(a.second, b.second) };
  const result = (first: string, second: string, swapped: boolean): SurnameComparison => ({ first, second, swapped, firstValue: a.first.core, secondValue: a.second.core });
  if (a.second.core && b.second.core) {
    const swapped = { first: surnameLevel(a.first, b.second), second: surnameLevel(a.second, b.first) };
    if (RANK[swapped.first] + RANK[swapped.second] > RANK[straight.first] + RANK[straight.second] && swapped.first !== 'distinto' && swapped.second !== 'distinto') {
      return result(swapped.first, swapped.second, true);
    }
  }
  if (straight.first === 'distinto') {
    // Her husband's surname first, hers second: LÓPEZ … ≈ HERNÁNDEZ LÓPEZ.
    if (surnameLevel(a.first, b.second) === 'igual' || surnameLevel(a.second, b.first) === 'igual') return result('propio_en_segundo', 'casada', false);
  }
  const married = (a.married || b.married) && straight.second !== 'igual' ? 'casada' : straight.second;
  return result(straight.first, married, false);
}

export function compareAddress(a: PreparedRecord, b: PreparedRecord): string {
  if (!a.municipio || !b.municipio) return 'falta';
  if (a.municipio !== b.municipio) return 'otro_municipio';
  return sameStreet(a.streetText, b.streetText) ? 'misma_calle' : 'mismo_municipio';
}

export function comparePhone(a: string, b: string): string {
  if (a.length < 8 || b.length < 8) return 'falta';
  return a === b ? 'igual' : 'distinto';
}
