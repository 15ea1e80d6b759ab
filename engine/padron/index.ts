/** The padrón's pure parts: the registry fields and mapping from headers, dates, and row checks. */
export { REGISTRY_FIELDS, headerKey, suggestMapping, unmappedRequired, type ColumnMapping, type RegistryField } from './columns.ts';
export { readDate } from './dates.ts';
export { ROW_CODE_LABELS, checkRow, countByCode, duplicateProblem, isWellFormedCurp, markDuplicates, withDuplicate, type RegistryRow, type RowCheck, type RowCode, type RowContext, type RowProblem } from './rows.ts';
export { BATCH_STATES, batchIsWorking, batchStateLabel, type BatchState } from './batch-states.ts';
export { padronFacts, rulesReadPadron, PADRON_FACT_VARS, type PadronFacts, type PadronSupport } from './facts.ts';
