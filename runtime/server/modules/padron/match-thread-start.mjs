// A matching thread's first step (match-threads.ts starts it): TypeScript through tsx, as `npm start` gives the
// process, because a thread does not inherit the process's loader and Node 20 takes no --import for one.
import { register } from 'tsx/esm/api';

register();
await import('./match-thread.ts');
