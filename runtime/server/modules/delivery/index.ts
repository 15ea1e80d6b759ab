/**
 * The delivery module as the rest of the runtime uses it: other modules import from here, never
 * from the files behind it (test/structure/boundaries.test.ts).
 */
export { deliveryRoutes } from './delivery.routes.ts';
export { deliveryTransition, registerDelivery } from './delivery.service.ts';
