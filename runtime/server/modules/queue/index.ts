/**
 * The queue module as the rest of the runtime uses it: other modules import from here, never
 * from the files behind it (test/structure/boundaries.test.ts).
 */
export { officialContext, type OfficialContext } from './context.ts';
export { queueRoutes } from './queue.routes.ts';
