// ESLint: the React hooks rules for the web apps and the import boundaries of the project.
// Style is left to the code base's habits; this config only catches what breaks at run time or
// what crosses a boundary (the engine stays pure, the browser never imports server code).
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const SERVER_CODE = ['**/runtime/server/**', '**/server/**', '**/db/**', '**/jobs/**', '**/cli/**', '**/runtime/definitions/**', '../../definitions/**', 'node:*', 'fastify', '@mikro-orm/*', 'pg', 'bullmq', 'ioredis'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'engine/generated/**', '.tmp/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['runtime/web/src/**/*.{ts,tsx}', 'designer/src/**/*.{ts,tsx}', 'campo/src/**/*.{ts,tsx}'],
    // Unit tests of browser code run in Node and may read the definitions' data files.
    ignores: ['**/*.test.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: SERVER_CODE, message: 'El código del navegador no importa código del servidor: usa el motor (engine/) o lo que manda la API.' }] }],
    },
  },
  {
    // The HTTP contract is shared by server and browsers: schemas and types only, no server code.
    files: ['runtime/api/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...SERVER_CODE, '**/web/**', '**/designer/**', 'react'], message: 'El contrato HTTP (runtime/api) es solo esquemas y tipos: no importa código del servidor ni de las páginas.' }] }],
    },
  },
  {
    files: ['engine/**/*.ts'],
    ignores: ['engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/runtime/**', '**/test/**', 'node:*', 'fastify', '@mikro-orm/*', 'pg', 'bullmq', 'ioredis'], message: 'El motor es puro: sin E/S, reloj ni marco de trabajo.' }] }],
    },
  },
);
