/**
 * The child process of bench:padron: one roll through the whole loading pipeline (exactly what a
 * worker runs: receive, map, review, commit), on the database in DATABASE_URL. Reports each
 * stage's time and its own peak memory to the parent over IPC.
 */
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../runtime/db/orm.ts';
import { loadConfig } from '../runtime/server/config.ts';
import { addCatalogProgram, findBatch, mapColumns, receiveRoll, runBatchStep, startCommit } from '../runtime/server/modules/padron/index.ts';

const [file, storageDir] = process.argv.slice(2);
const db = await openDatabase(loadConfig({ ...process.env, SIPROS_SEED_PROGRAMS: 'false' }));
const deps = { db, clock: () => new Date(), storageDir };
const actor = 'cli:bench';
const times: Record<string, number> = {};
async function timed<T>(stage: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  times[stage] = (performance.now() - start) / 1000;
  return result;
}

await addCatalogProgram(db.sql, { clave: 'bench', nombre: 'Programa de la prueba', dependencia: 'bench', tipo: 'economico', clavePub: null }, actor, new Date());
const { id } = await timed('recibir', () => receiveRoll(deps, { dependencia: 'bench', programa: 'bench', archivo: 'bench.csv', content: createReadStream(file), actorId: actor }));
const batch = await findBatch(db.sql, id);
await mapColumns(deps, id, batch.mapeo, actor);
await timed('revisar', () => runBatchStep(deps, id, 'revisando'));
await timed('cargar', async () => {
  await startCommit(deps, id, actor);
  await runBatchStep(deps, id, 'cargando');
});
const done = await findBatch(db.sql, id);
await db.close();
process.send!({ times, batch: { filas: done.filas, aceptadas: done.aceptadas, cargadas: done.cargadas, estado: done.estado, porCodigo: done.por_codigo }, maxRssMb: process.resourceUsage().maxRSS / 1024 });
