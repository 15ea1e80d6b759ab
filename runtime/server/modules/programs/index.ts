/**
 * The programs module as the rest of the runtime uses it: other modules import from here, never
 * from the files behind it (test/structure/boundaries.test.ts).
 */
export { QUOTA_CONDITION, assertCallOpen, checkQuota, currentProgram, lockProgramQuota, programVersion, quotaFullError, type QuotaCheck, type QuotaPlace } from './current.ts';
export { localidadForRules } from './localidad.ts';
export { folioSequenceName } from './folio-sequence.ts';
export { ProgramCache } from './program-cache.ts';
export { programDetail, programsRoutes } from './programs.routes.ts';
export { publishDefinition, type PublishResult } from './publish.service.ts';
export { seedPrograms } from './seed.ts';
