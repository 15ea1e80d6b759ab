/**
 * A process of bench:intake, so that the load generator does not share the event loop it
 * measures: BENCH_PROCESS=bare (an empty Fastify route), api (SIPROS with SIPROS_ROLE=api) or
 * worker (SIPROS running jobs only). Reports its URL (or readiness) to the parent over IPC.
 */
import Fastify from 'fastify';
import { buildApp } from '../runtime/server/app.ts';
import { loadConfig } from '../runtime/server/config.ts';

const kind = process.env.BENCH_PROCESS;
const at = new Date(process.env.BENCH_AT ?? Date.now());
if (kind === 'bare') {
  const bare = Fastify();
  bare.get('/ping', async () => ({ ok: true }));
  process.send!({ url: await bare.listen({ host: '127.0.0.1', port: 0 }) });
} else {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', SIPROS_ROLE: kind === 'worker' ? 'worker' : 'api' });
  const app = await buildApp({ config: { ...config, seedPrograms: kind !== 'worker' }, clock: () => at });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  process.send!(kind === 'worker' ? { ready: true } : { url: await app.listen({ host: '127.0.0.1', port: 0 }) });
}
