/**
 * One SIPROS API process of test/multiprocess (SIPROS_ROLE=api), configured from the environment
 * like any deployment, with its clock fixed at MP_AT so the calls are open whatever the date.
 * MP_PUBLISH lists definition files (JSON array of paths) to publish once started: only the
 * programs the test uses, one with lowered quotas, instead of seeding all of them.
 * Reports its URL to the parent over IPC and ends with it: a test run that dies leaves no server.
 */
import { readFileSync } from 'node:fs';
import { buildApp } from '../../runtime/server/app.ts';
import { loadConfig } from '../../runtime/server/config.ts';
import { publishDefinition } from '../../runtime/server/modules/programs/publish.service.ts';

const at = new Date(process.env.MP_AT ?? Date.now());
const config = loadConfig({ ...process.env, SIPROS_ROLE: 'api' });
const app = await buildApp({ config, clock: () => at });
for (const file of JSON.parse(process.env.MP_PUBLISH ?? '[]') as string[]) {
  await publishDefinition(app.db.orm.em.fork(), JSON.parse(readFileSync(file, 'utf8')), app.library, 'prueba-multiproceso', at);
}
const stop = () => void app.close().then(() => process.exit(0), () => process.exit(1));
process.once('SIGTERM', stop);
process.once('disconnect', stop);
process.send!({ url: await app.listen({ host: '127.0.0.1', port: 0 }) });
