/**
 * The ventanilla module as the rest of the runtime uses it: other modules import from here, never
 * from the files behind it (test/structure/boundaries.test.ts).
 */
export { ventanillaRoutes } from './ventanilla.routes.ts';
export { registerAtCounter, type AssistedPlace } from './ventanilla.service.ts';
