/**
 * The accounts module as the rest of the runtime uses it: other modules import from here, never
 * from the files behind it (test/structure/boundaries.test.ts).
 */
export { accountsRoutes } from './accounts.routes.ts';
export { ROLE_ADMIN, SYSTEM_ACTOR, addCitizen, assertMatchesCurp, audit, cleanName, createOfficial, normalizeRegistration, normalizeUsuario, resetCodeText, validCurpInfo, type Actor, type NewOfficial, type RegistrationInput } from './accounts.service.ts';
export { BackgroundWork } from './background.ts';
export { checkCivilRegistry } from './civil-registry.ts';
export { MAX_CODE_ATTEMPTS, issueCode, secondsUntilNextCode } from './codes.ts';
export { assertStrongPassword, hashPassword, passwordProblems, spanishList, weakPasswordMessage } from './passwords.ts';
export { keyedLimiter, perIpLimiter, registerRateLimit } from './rate-limits.ts';
export { spanishValidation, type FieldTexts } from './spanish-validation.ts';
export { civilRegistryCommand } from './civil-registry.command.ts';
