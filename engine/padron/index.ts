/** The padrón's pure parts: the registry fields and mapping from headers, dates, and row checks. */
export { REGISTRY_FIELDS, headerKey, suggestMapping, unmappedRequired, type ColumnMapping, type RegistryField } from './columns.ts';
export { readDate } from './dates.ts';
export { checkRow, countByCode, markDuplicates, type RegistryRow, type RowCheck, type RowCode, type RowContext, type RowProblem } from './rows.ts';
