/**
 * A worker process of test/multiprocess: exactly `npm run worker` (runtime/worker.ts, which
 * reports readiness over IPC), plus one guard: it stops when the test process that forked it
 * goes away, so an interrupted run leaves no worker sending SMS.
 */
export {};

process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
await import('../../runtime/worker.ts');
