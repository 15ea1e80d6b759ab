import type { FastifyInstance } from 'fastify';
import type { Lote } from '../../../api/queue.ts';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { AppError, ERRORS, type ErrorCode } from '../../errors.ts';
import { applyEvent } from '../applications/index.ts';
import { versionOf, type OfficialContext } from './context.ts';

export type BulkRequest = Lote;

export interface BulkResult {
  id: string;
  folio: string | null;
  ok: boolean;
  estado?: string;
  error?: { code: ErrorCode; message: string };
}

interface Target {
  id: string;
  folio: string;
  program_id: string;
  program_version: number;
  state: string | null;
}

function failure(id: string, folio: string | null, error: AppError): BulkResult {
  return { id, folio, ok: false, error: { code: error.code, message: error.message } };
}

/** The role the official acts with: the first of theirs the transition allows (the workflow refuses otherwise). */
function actingRole(ctx: OfficialContext, target: Target, event: string): string {
  const program = versionOf(ctx.programs.get(target.program_id)!, target.program_version);
  const transition = program.definition.workflow.states[target.state ?? '']?.on?.[event];
  return ctx.roles.find((r) => transition?.roles.includes(r)) ?? ctx.roles[0] ?? 'funcionario';
}

function asAppError(app: FastifyInstance, error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof UniqueConstraintViolationException) return new AppError('CONFLICT');
  app.log.error({ err: error }, 'error inesperado en una decisión por lote');
  return new AppError('INTERNAL', ERRORS.INTERNAL.message);
}

/**
 * Bulk approval (or any event) over up to 100 applications: each goes through the same
 * transition as a single decision, in its own transaction, so one refusal (wrong state, quota
 * full, another official first) never undoes the others. Results come back in the order asked.
 */
export async function applyBulk(app: FastifyInstance, ctx: OfficialContext, request: BulkRequest): Promise<BulkResult[]> {
  const { rows } = await app.db.sql.query<Target>(
    'select id, folio, program_id, program_version, state from application where id = any($1::uuid[]) and folio is not null',
    [request.ids],
  );
  const targets = new Map(rows.filter((r) => ctx.programs.has(r.program_id)).map((r) => [r.id, r]));
  const results: BulkResult[] = [];
  for (const id of request.ids) {
    const target = targets.get(id);
    if (!target) {
      results.push(failure(id, null, new AppError('APPLICATION_NOT_FOUND')));
      continue;
    }
    try {
      const done = await applyEvent(app, {
        applicationId: id,
        event: request.evento,
        actor: { type: 'funcionario', id: ctx.officialId, role: actingRole(ctx, target, request.evento) },
        comment: request.comentario,
      });
      results.push({ id, folio: target.folio, ok: true, estado: done.status });
    } catch (error) {
      results.push(failure(id, target.folio, asAppError(app, error)));
    }
  }
  return results;
}
