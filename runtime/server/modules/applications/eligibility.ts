import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { evaluateEligibility, validateAnswers } from '../../../../engine/index.ts';
import { currentProgram } from '../programs/index.ts';
import { lookupsForRules } from './submit.ts';

/**
 * What the applicant would be told on sending, before sending: the same engine and program version as
 * the submission. Shared by the citizen's form and the ventanilla (which asks for the person it serves).
 */
export async function eligibilityPreview(app: FastifyInstance, em: EntityManager, programId: string, curp: string, answers: unknown) {
  const program = await currentProgram(app, em, programId);
  const form = validateAnswers(program, answers);
  const result = evaluateEligibility(program, { curp, answers: form.data, at: app.clock(), ...(await lookupsForRules(app.db.sql, program, curp, answers)) });
  return { elegible: result.eligible, motivos: result.reasons, documentosRequeridos: result.requiredDocuments, puntaje: result.score, formularioValido: form.valid };
}
