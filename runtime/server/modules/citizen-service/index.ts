/**
 * The citizen-service module as the rest of the runtime uses it: other modules import from here, never
 * from the files behind it (test/structure/boundaries.test.ts).
 */
export { citizenServiceRoutes } from './citizen-service.routes.ts';
export { assertActive, citizenByCurp, officialActor } from './citizen-service.service.ts';
