/**
 * The designer module as the rest of the runtime uses it: other modules import from here, never
 * from the files behind it (test/structure/boundaries.test.ts).
 */
export { designerRoutes } from './designer.routes.ts';
export { resumeScheduledPublications } from './designer.service.ts';
