/**
 * The same CURP twice in a file, found while the file streams by, in little memory: for each CURP
 * seen, the line of its first row and a 32-bit fingerprint of that row's person (the names and birth
 * date the engine's duplicate rule compares). About 70 bytes per distinct CURP: two million people fit
 * in ~140 MB, with no second pass over the staged rows and no rewrite of them.
 */
import type { RegistryRow } from '../../../../engine/padron/index.ts';

/** FNV-1a over the fields that make "the same person" (engine/padron/rows.ts, samePerson). */
export function personFingerprint(row: Pick<RegistryRow, 'primerApellido' | 'nombres' | 'fechaNacimiento'>): number {
  const text = `${row.primerApellido}\u0000${row.nombres}\u0000${row.fechaNacimiento ?? ''}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export type Seen = { kind: 'first' } | { kind: 'same'; firstLine: number } | { kind: 'other'; firstLine: number };

export class FirstRows {
  private readonly index = new Map<string, number>();
  private lines = new Int32Array(1024);
  private prints = new Uint32Array(1024);

  /** Records a row's CURP, or says whose it was first: the same person, or another one. */
  see(curp: string, line: number, row: Pick<RegistryRow, 'primerApellido' | 'nombres' | 'fechaNacimiento'>): Seen {
    const print = personFingerprint(row);
    const at = this.index.get(curp);
    if (at !== undefined) return { kind: this.prints[at] === print ? 'same' : 'other', firstLine: this.lines[at] };
    const slot = this.index.size;
    if (slot === this.lines.length) this.grow();
    this.lines[slot] = line;
    this.prints[slot] = print;
    this.index.set(curp, slot);
    return { kind: 'first' };
  }

  private grow(): void {
    const lines = new Int32Array(this.lines.length * 2);
    const prints = new Uint32Array(this.prints.length * 2);
    lines.set(this.lines);
    prints.set(this.prints);
    this.lines = lines;
    this.prints = prints;
  }
}
