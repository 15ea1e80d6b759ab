import { createHash, randomBytes } from 'node:crypto';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Citizen, Official, Session, type CitizenRow, type OfficialRow } from '../../db/entities.ts';
import { AppError } from '../errors.ts';

export const SESSION_COOKIE = 'sipros_sesion';
const CITIZEN_SESSION_HOURS = 24 * 7;
const OFFICIAL_SESSION_HOURS = 10;

export type SubjectType = 'ciudadano' | 'funcionario';

export interface AuthContext {
  type: SubjectType;
  id: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in subject, resolved once per request from the session cookie (null: anonymous). */
    auth(): Promise<AuthContext | null>;
    /** Set by requireCitizen. */
    citizen: CitizenRow;
    /** Set by requireOfficial. */
    official: OfficialRow;
  }
  interface FastifyInstance {
    startSession(reply: FastifyReply, subject: AuthContext): Promise<void>;
    endSession(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** preHandler: a logged-in, active citizen, loaded into request.citizen. */
    requireCitizen(request: FastifyRequest): Promise<void>;
    /** preHandler factory: a logged-in, active official with any of `roles` (any role when empty), in request.official. */
    requireOfficial(roles?: readonly string[]): (request: FastifyRequest) => Promise<void>;
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Cookie sessions: an unguessable token in an HttpOnly, SameSite=Lax cookie (Secure in
 * production); the database keeps only its sha256, its subject and its expiry.
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(cookie, { secret: app.config.secret });
    const memo = new WeakMap<FastifyRequest, Promise<AuthContext | null>>();

    app.decorateRequest('auth', function (this: FastifyRequest) {
      let pending = memo.get(this);
      if (!pending) {
        pending = resolveSession(this);
        memo.set(this, pending);
      }
      return pending;
    });
    app.decorateRequest('citizen', null as unknown as CitizenRow);
    app.decorateRequest('official', null as unknown as OfficialRow);

    async function resolveSession(request: FastifyRequest): Promise<AuthContext | null> {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return null;
      const session = await request.em.findOne(Session, { tokenHash: hashToken(token), revokedAt: null, expiresAt: { $gt: app.clock() } });
      return session ? { type: session.subjectType as SubjectType, id: session.subjectId } : null;
    }

    app.decorate('startSession', async (reply: FastifyReply, subject: AuthContext) => {
      const token = randomBytes(32).toString('base64url');
      const hours = subject.type === 'ciudadano' ? CITIZEN_SESSION_HOURS : OFFICIAL_SESSION_HOURS;
      const now = app.clock();
      const em = app.db.orm.em.fork();
      em.create(Session, { tokenHash: hashToken(token), subjectType: subject.type, subjectId: subject.id, createdAt: now, expiresAt: new Date(now.getTime() + hours * 3600_000) });
      await em.flush();
      reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: app.config.production, path: '/', maxAge: hours * 3600 });
    });

    app.decorate('endSession', async (request: FastifyRequest, reply: FastifyReply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await request.em.nativeUpdate(Session, { tokenHash: hashToken(token) }, { revokedAt: app.clock() });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    });

    app.decorate('requireCitizen', async (request: FastifyRequest) => {
      const auth = await request.auth();
      if (!auth || auth.type !== 'ciudadano') throw new AppError('AUTH_REQUIRED');
      const citizen = await request.em.findOne(Citizen, auth.id);
      if (!citizen) throw new AppError('AUTH_REQUIRED');
      if (citizen.estado !== 'activo') throw new AppError('ACCOUNT_BLOCKED');
      request.citizen = citizen;
    });

    app.decorate('requireOfficial', (roles: readonly string[] = []) => async (request: FastifyRequest) => {
      const auth = await request.auth();
      if (!auth || auth.type !== 'funcionario') throw new AppError('AUTH_REQUIRED');
      const official = await request.em.findOne(Official, auth.id);
      if (!official || official.estado !== 'activo') throw new AppError('AUTH_REQUIRED');
      if (roles.length > 0 && !roles.some((r) => official.roles.includes(r))) throw new AppError('FORBIDDEN');
      request.official = official;
    });
  },
  { name: 'sipros-auth', fastify: '5.x', dependencies: ['sipros-db'] },
);

