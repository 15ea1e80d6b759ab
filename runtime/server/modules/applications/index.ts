/**
 * The applications module as the rest of the runtime uses it: other modules import from here, never
 * from the files behind it (test/structure/boundaries.test.ts).
 */
export { applicationsRoutes } from './applications.routes.ts';
export { officialEventsRoutes } from './official-events.routes.ts';
export { attachDocument, receiveDocument, uploadDocument, type ReceivedDocument } from './documents.ts';
export { placeOf } from './place.ts';
export { getDraft, saveDraft } from './drafts.ts';
export { citizenRequestsLink } from './effects.ts';
export { eligibilityPreview } from './eligibility.ts';
export { assertFlaggable, flaggableFields, flaggableRows } from './flags.ts';
export { DocumentStorage } from './storage.ts';
export { checkSubmission, lookupsForRules, submitDraft } from './submit.ts';
export { applyEvent } from './transitions.ts';
export { applicationHistory, correctionOf, documentView, isUuid, ownApplication } from './views.ts';
export { CODE_ALPHABET, CODE_LENGTH, formatDeliveryCode, newDeliveryCode, newDeliveryTokenId, readDeliveryInput, signDeliveryToken, verifyDeliveryToken } from './delivery-token.ts';
