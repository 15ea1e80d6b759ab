import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

/** The meta-schema is the single source of truth; these TypeScript types are generated from it. */
export const SCHEMA_PATH = fileURLToPath(new URL('../../definitions/schema/program.schema.json', import.meta.url));
export const TYPES_PATH = fileURLToPath(new URL('../../engine/generated/program-definition.ts', import.meta.url));

const BANNER = `/* Generated from definitions/schema/program.schema.json by \`npm run gen:types\`. Do not edit: change the schema and regenerate. */`;

export async function generateProgramTypes(): Promise<string> {
  const schema = JSON.parse(await readFile(SCHEMA_PATH, 'utf8'));
  return compile(schema, 'ProgramDefinition', {
    bannerComment: BANNER,
    additionalProperties: false,
    unreachableDefinitions: false,
    format: true,
    style: { singleQuote: true, printWidth: 120 },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(TYPES_PATH, await generateProgramTypes());
  console.log(`Tipos generados en ${TYPES_PATH}`);
}
