/** Identity resolution's pure parts: Spanish names, CURP by segment, comparison levels, the model, blocking and decisions. */
export { fold, phoneticKey, soundOf, withinEdits } from './text.ts';
export { prepareTables, readGivenName, readSurnames, type NameTables, type PreparedTables } from './names.ts';
export { curpLettersFor, looksDummy, readCurp, type CurpView } from './curp-view.ts';
export { MATCH_FIELDS, prepareRecord, type MatchField, type MatchInput, type PreparedRecord } from './record.ts';
export { COMPARISONS, COMPARISON_NAMES, levelWeight, loadMatchingModel, type Comparison, type MatchingModel, type ModelError } from './model.ts';
export { judge, scorePair, type Decision, type Frequencies, type Judgement, type PairScore, type Reason, type ScoringContext } from './score.ts';
export { blockingKeys, buildMatchIndex, matchBatch, matchIndexFrom, matchRecord, repeatedInBatch, type IndexOptions, type MatchCandidate, type MatchIndex, type MatchIndexData, type MatchOutcome, type RegistryRows, type RowKeys } from './matcher.ts';
export { GrowingArray, type BlockTableData, type CountTableData } from './block-table.ts';
export { indexWithChanges, type RegistryChanges } from './changes.ts';
