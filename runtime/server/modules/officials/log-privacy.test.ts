/**
 * A database error must reach the log without the statement's values: MikroORM writes the whole
 * SQL, parameters included, into its message, and PostgreSQL's `detail` quotes the values.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCustomApp } from '../../../../test/helpers/custom-app.ts';
import type { TestApp } from '../../../../test/helpers/server.ts';
import { privateLogOptions } from './index.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startCustomApp();
});
afterAll(() => testApp.close());

function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
  return { logger: pino(privateLogOptions, stream), text: () => lines.join('') };
}

it('logs a database error with PostgreSQL’s reason and where it happened, not the values', async () => {
  const em = testApp.app.db.orm.em.fork();
  const name = 'Eudoxia Porras Quintanar';
  const insert = `insert into area (id, nombre, tipo) values ('prueba-bitacora', ?, 'direccion')`;
  await em.getConnection().execute(insert, [name]);
  const error = await em.getConnection().execute(insert, [name]).then(() => null, (e: Error) => e);
  expect(error, 'the second insert must fail on the primary key').toBeInstanceOf(Error);
  // The control: without the serializer, the value travels in the error.
  expect(`${error!.message} ${JSON.stringify(error)}`).toContain(name);

  const { logger, text } = capturingLogger();
  logger.error({ err: error }, 'error inesperado');
  const line = text();
  expect(line).not.toContain(name);
  expect(line).not.toContain('insert into');
  expect(line).toMatch(/duplicate key|llave duplicada/);
  expect(JSON.parse(line).err).toMatchObject({ code: '23505', constraint: 'area_pkey' });
});
