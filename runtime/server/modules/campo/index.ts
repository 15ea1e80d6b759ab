/**
 * The field brigades' module as the rest of the runtime uses it: other modules import from here,
 * never from the files behind it (test/structure/boundaries.test.ts).
 */
export { campoRoutes } from './campo.routes.ts';
export { seedDemoVisits } from './demo.ts';
