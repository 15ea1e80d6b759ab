/**
 * The officials' module as the rest of the server uses it: which programs an official may see
 * (by area) and what they may see of them (personal data), plus keeping personal data out of the
 * log. Other modules import from here, not from the files behind it.
 */
export { areaScope, programInScope, programsInScope } from './scope.ts';
export { holdsPersonalDataRole, maskCurp, PERSONAL_DATA_ROLES, publishedVersions, seesPersonalData, seesPersonalDataOf, workflowRolesOf } from './personal-data.ts';
export { maskCurpsIn, privateLogOptions, privateUrl } from './log-privacy.ts';
