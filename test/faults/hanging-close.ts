/**
 * A process whose graceful close never finishes (as when a request or a dependency never answers),
 * with SIPROS's signal handling (runtime/lifecycle.ts): SIGTERM must still end it, by the deadline.
 */
import type { FastifyInstance } from 'fastify';
import { closeOnSignals } from '../../runtime/lifecycle.ts';

const log = { info: (msg: string) => console.log(msg), error: (msg: unknown, text?: string) => console.log(text ?? msg) };
closeOnSignals({ log, close: () => new Promise<void>(() => {}) } as unknown as FastifyInstance);
// Stands for the server's open sockets and timers: something keeps the process alive.
setInterval(() => {}, 1000);
console.log('listo');
