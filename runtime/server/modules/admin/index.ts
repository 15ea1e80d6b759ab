/**
 * The admin module as the rest of the runtime uses it: other modules import from here, never
 * from the files behind it (test/structure/boundaries.test.ts).
 */
export { adminRoutes } from './admin.routes.ts';
export { listAreas } from './areas.ts';
export { ROLE_ADMIN, ROLE_ATENCION, ROLE_BRIGADISTA, ROLE_FUNCIONARIO, ROLE_PADRON, ROLE_PADRON_REVISOR, ROLE_PLANEACION, ROLE_SUPERVISION_CAMPO } from './roles.ts';
export { createAdminCommand } from './create-admin.command.ts';
export { loadAreaCatalog } from './areas.ts';
