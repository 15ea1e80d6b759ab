/**
 * The Padrón Estatal de Beneficiarios as the rest of the runtime uses it: other modules import from
 * here, never from the files behind it (test/structure/boundaries.test.ts).
 */
export { padronRoutes } from './padron.routes.ts';
export { recordDeliveredSupport, recordSiprosProgram, supportsForRules, supportsOfApplicants, historyOfCurp } from './registry.ts';
export { foldRegistryTotals, registryTotals } from './totals.ts';
export { registerPadronJobs, resumeBatches, runBatchStep, enqueueBatchStep } from './jobs.ts';
export { receiveRoll, mapColumns, startCommit, findBatch, type BatchRow } from './batches.ts';
export { addCatalogProgram, catalogProgram, programsVisibleTo } from './catalog.ts';
export { openRoll, RollFileError, type RollFile } from './roll-file.ts';
export { citizenInput, knownUnderAnotherCurp, registryRecords, type KnownUnderAnotherCurp } from './identity.ts';
export type { PadronDeps } from './deps.ts';
