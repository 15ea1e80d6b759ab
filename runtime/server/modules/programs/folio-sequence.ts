/** Name of a program's folio sequence, created when the program is first published. */
export function folioSequenceName(programId: string): string {
  // Program ids are kebab-case (the meta-schema says so), so this is a safe SQL identifier.
  return `folio_${programId.replace(/-/g, '_')}`;
}
