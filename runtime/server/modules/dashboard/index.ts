/**
 * The dashboard module as the rest of the runtime uses it: other modules import from here, never
 * from the files behind it (test/structure/boundaries.test.ts).
 */
export { dashboardRoutes } from './dashboard.routes.ts';
export { foldTuning } from './counts.ts';
