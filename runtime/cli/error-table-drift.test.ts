import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ERROR_TABLE_PATH, generateErrorTable } from './generate-error-table.ts';

it('runtime/ERRORS.md is the table of runtime/server/errors.ts (regenerate with npm run gen:errors)', async () => {
  expect(readFileSync(ERROR_TABLE_PATH, 'utf8')).toBe(await generateErrorTable());
});
