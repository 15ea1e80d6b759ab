/**
 * The territory module as the rest of the runtime uses it: other modules import from here, never
 * from the files behind it (test/structure/boundaries.test.ts).
 */
export { resumeCleaning, territorioRoutes } from './territorio.routes.ts';
export { seedTerritory } from './default-catalogs.ts';
export { catalogosCommand } from './catalogos.command.ts';
export { everyColoniaOf, localidadesOf } from './lookup.ts';
