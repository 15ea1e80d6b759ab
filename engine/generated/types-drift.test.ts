import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateProgramTypes, TYPES_PATH } from '../../runtime/cli/generate-types.ts';

describe('generated program types', () => {
  it('match the meta-schema (run `npm run gen:types` after changing it)', async () => {
    expect(readFileSync(TYPES_PATH, 'utf8')).toBe(await generateProgramTypes());
  });
});
