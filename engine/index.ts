/**
 * The SIPROS engine: pure functions over program definitions. No I/O, no clock (time is an
 * argument), no framework; engine/purity.test.ts enforces it.
 */
export { loadDefinition, loadRuleSet, deepFreeze, type LoadedProgram, type LoadOptions, type LoadResult, type RuleSet } from './definition/load.ts';
export type { DefinitionError, DefinitionErrorCode } from './definition/errors.ts';
export { diffDefinitions, formFields, type DefinitionChange, type ChangeArea } from './definition/diff.ts';
export { SUPPORT_TYPE_REVIEW_QUESTION, reviewAsksSupportType, supportTypeFromAnswers } from './definition/questions.ts';
export { templateLeftovers, type TemplateLeftover } from './definition/template-leftovers.ts';
export { locateElement, type ElementLocation, type ElementArea } from './definition/locate.ts';
export { validateAnswers, type FieldError, type FormValidation } from './forms/validate.ts';
export { evaluateEligibility, buildFacts, callWindowStatus, requiredDocumentsOf, scoreOf, type EligibilityResult, type EligibilityReason, type Facts, type CallWindowStatus } from './rules/eligibility.ts';
export { AMBITO_OPTIONS, DEFAULT_LOCALIDAD_FIELD, TERRITORIO_FACT_VARS, localidadClaveOf, localidadFieldOf, rulesReadTerritorio, territorioFacts, type Ambito, type CatalogLocalidad, type TerritorioFacts } from './rules/territory-facts.ts';
export { startWorkflow, stepWorkflow, availableEvents, type StoredSnapshot, type StepResult, type StepInput, type Effect, type HistoryEntry } from './workflow/step.ts';
export { GUARDS, EFFECT_ACTIONS, CONTEXT_ACTIONS } from './workflow/registry.ts';
export { runDefinitionTests, mergeAnswers, type TestCaseResult } from './testing/run-tests.ts';
export { validateCurp, normalizeCurp, ageAt, type CurpResult, type CurpError } from './curp.ts';
export { folioHead, formatFolio, parseFolio, localDateInMexicoCity } from './folio.ts';
export type { ProgramDefinition } from './generated/program-definition.ts';
export * from './padron/index.ts';
