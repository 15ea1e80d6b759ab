import { createHash, randomBytes } from 'node:crypto';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { Citizen, Official, Session, type OfficialRow, type SessionCitizen } from '../../db/entities.ts';
import { AppError } from '../errors.ts';
import { prepared, type PreparedStatement } from '../../db/sql.ts';
import { groupCalls, numberedGroup } from '../../db/batch.ts';
import { BackgroundWork } from '../modules/accounts/index.ts';

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
    /** Set by requireCitizen (an entity of request.em, mapped on first read; without its expediente). */
    citizen: SessionCitizen;
    /** The id of the subject loaded by requireCitizen / requireOfficial, without mapping an entity. */
    subjectId: string;
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
    /** Work a route finishes after answering (e.g. the password-reset SMS); awaited on close. */
    backgroundWork: BackgroundWork;
  }
}

/**
 * The live sessions of a group of cookies and their subjects' rows, one statement per kind of
 * subject: every logged-in request asks it, so the requests of the same moment ask it together
 * (groupCalls). `k.n` says which cookie a row answers. `columns`: the subject's columns to bring.
 * The cookies come as one JSON array (numberedGroup), so that the statement is planned once. That
 * one plan must hold whatever the statistics said when it was made (a table never analysed yet,
 * early on an opening day): each cookie looks its session up by token alone (`offset 0` keeps it
 * a probe of the primary key per cookie, never a scan of every citizen session joined after).
 */
export function sessionSubjects(table: 'citizen' | 'official', columns: string): PreparedStatement {
  return prepared(
    `sesiones-${table}`,
    `select k.n as "sessionLookup", ${columns} from jsonb_to_recordset($1::jsonb) as k(token_hash text, now timestamptz, n int)
       cross join lateral (select s.subject_id from session s
                            where s.token_hash = k.token_hash and s.subject_type = $2 and s.revoked_at is null and s.expires_at > k.now offset 0) s
       join ${table} t on t.id = s.subject_id`,
  );
}

/** Every column of the citizen but her expediente (see SessionCitizen), from the entity's own metadata. */
function citizenSessionColumns(app: FastifyInstance): string {
  const props = Object.values(app.db.orm.getMetadata().get('Citizen').properties);
  return props.filter((prop) => prop.name !== 'expediente').flatMap((prop) => prop.fieldNames ?? []).map((column) => `t.${column}`).join(', ');
}

const SUBJECT_TYPE = { citizen: 'ciudadano', official: 'funcionario' } as const;

/** Looks up sessions in groups (see runtime/db/batch.ts): one statement for the cookies of many requests. */
function sessionLookup(app: FastifyInstance, table: 'citizen' | 'official') {
  const statement = sessionSubjects(table, table === 'citizen' ? citizenSessionColumns(app) : 't.*');
  return groupCalls<{ tokenHash: string; now: Date }, Record<string, unknown> | null>(
    async (lookups) => {
      const { rows } = await app.db.sql.query<Record<string, unknown> & { sessionLookup: string }>(statement, [numberedGroup(lookups.map((l) => ({ token_hash: l.tokenHash, now: l.now }))), SUBJECT_TYPE[table]]);
      const found = new Map(rows.map(({ sessionLookup, ...row }) => [Number(sessionLookup), row]));
      return lookups.map((_, i) => ({ status: 'fulfilled', value: found.get(i + 1) ?? null }));
    },
    { inFlight: 1, maxSize: 256, onGroup: (n) => app.metrics.grouped(`sesiones-${table}`, n) },
  );
}

/** Marks the functions that check the session, so authenticateFirst can find them in any route. */
const SESSION_GUARD = Symbol('sipros.sessionGuard');
type Hook = (...args: never[]) => unknown;

function markGuard<T extends Hook>(guard: T): T {
  return Object.assign(guard, { [SESSION_GUARD]: true });
}

const isGuard = (hook: unknown): boolean => typeof hook === 'function' && (hook as unknown as Record<symbol, unknown>)[SESSION_GUARD] === true;

function hooksOf(value: unknown): Hook[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as Hook[];
}

/**
 * Moves the session guards a route lists among its preValidation / preHandler hooks to the
 * front of its onRequest hooks. Fastify parses the body and validates the schema before
 * preHandler: an anonymous request with a bad body got 400 and learnt the route's schema (and
 * that a session was all it lacked) instead of 401. onRequest runs before the body is read, so
 * every protected route answers AUTH_REQUIRED first, whatever the body, wherever it was declared.
 */
export function authenticateFirst(route: RouteOptions): void {
  const moved: Hook[] = [];
  for (const stage of ['preValidation', 'preHandler'] as const) {
    const hooks = hooksOf(route[stage]);
    if (!hooks.some(isGuard)) continue;
    moved.push(...hooks.filter(isGuard));
    (route as unknown as Record<string, unknown>)[stage] = hooks.filter((hook) => !isGuard(hook));
  }
  if (moved.length > 0) (route as unknown as Record<string, unknown>).onRequest = [...moved, ...hooksOf(route.onRequest)];
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
    // Routes are added after this plugin, in child contexts, which inherit this hook.
    app.addHook('onRoute', authenticateFirst);
    app.decorate('backgroundWork', new BackgroundWork(app.log));
    app.addHook('onClose', () => app.backgroundWork.idle());
    const memo = new WeakMap<FastifyRequest, Promise<AuthContext | null>>();

    app.decorateRequest('auth', function (this: FastifyRequest) {
      let pending = memo.get(this);
      if (!pending) {
        pending = resolveSession(this);
        memo.set(this, pending);
      }
      return pending;
    });
    // The logged-in subject's row comes with the session (one query); it becomes an entity of the
    // request's EntityManager only when a route reads request.citizen / request.official.
    const subjects = new WeakMap<object, { row: object; entity: typeof Citizen | typeof Official; mapped?: object }>();
    const subjectOf = (request: object) => {
      const subject = subjects.get(request);
      if (!subject) return null;
      subject.mapped ??= (request as FastifyRequest).em.map(subject.entity as never, subject.row as never) as object;
      return subject.mapped;
    };
    app.decorateRequest('citizen', { getter(this: object) { return subjectOf(this) as SessionCitizen; } });
    app.decorateRequest('official', { getter(this: object) { return subjectOf(this) as OfficialRow; } });
    app.decorateRequest('subjectId', { getter(this: object) { return (subjects.get(this)?.row as { id?: string } | undefined)?.id ?? ''; } });

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

    /**
     * Session and subject in one statement (shared by the requests of the same moment, see
     * sessionLookup), mapped into the request's EntityManager so routes can change and flush the row as usual.
     */
    const lookups = { citizen: sessionLookup(app, 'citizen'), official: sessionLookup(app, 'official') };
    async function sessionSubject(request: FastifyRequest, table: 'citizen' | 'official', entity: typeof Citizen | typeof Official): Promise<{ id: string; estado: string } | null> {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return null;
      const row = (await lookups[table]({ tokenHash: hashToken(token), now: app.clock() })) as { id: string; estado: string; roles: string[] } | null;
      if (row) subjects.set(request, { row, entity });
      return row;
    }

    app.decorate(
      'requireCitizen',
      markGuard(async (request: FastifyRequest) => {
        const citizen = await sessionSubject(request, 'citizen', Citizen);
        if (!citizen) throw new AppError('AUTH_REQUIRED');
        if (citizen.estado !== 'activo') throw new AppError('ACCOUNT_BLOCKED');
      }),
    );

    app.decorate('requireOfficial', (roles: readonly string[] = []) =>
      markGuard(async (request: FastifyRequest) => {
        const official = (await sessionSubject(request, 'official', Official)) as { estado: string; roles: string[] } | null;
        if (!official || official.estado !== 'activo') throw new AppError('AUTH_REQUIRED');
        if (roles.length > 0 && !roles.some((r) => official.roles.includes(r))) throw new AppError('FORBIDDEN');
      }),
    );
  },
  { name: 'sipros-auth', fastify: '5.x', dependencies: ['sipros-db'] },
);

