import { createRequire } from 'node:module';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';

type Counted = (error: Error | null, result?: { current: number; ttl: number }) => void;
interface ChildOptions {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  routeInfo?: { method?: string; url?: string };
}

/** A counter store of @fastify/rate-limit: incr counts one request, read only looks. */
interface CounterStore {
  incr(key: string, callback: Counted, timeWindow: number, max: number): void;
  read(key: string, callback: Counted, timeWindow: number, max: number): void;
  child(options: ChildOptions): CounterStore;
}
type StoreClass = new (continueExceeding: boolean, exponentialBackoff: boolean, ...rest: unknown[]) => CounterStore;

// The plugin's own Redis and in-memory stores (not exported by name): FallbackStore combines them.
const require = createRequire(import.meta.url);
const RedisStore = require('@fastify/rate-limit/store/RedisStore') as StoreClass;
const LocalStore = require('@fastify/rate-limit/store/LocalStore') as StoreClass;

/**
 * Redis settings for the limiter, chosen so no request waits for Redis more than half a second:
 * without them a dead Redis held every login ~10 s (commands queued offline and retried, each
 * waiting for a reconnection). With no offline queue a command fails at once while disconnected,
 * so the connection timeout delays no request and can be lenient (a busy start-up once made
 * 500 ms expire before the connection was seen).
 */
export const LIMITER_REDIS_OPTIONS = {
  connectTimeout: 2000,
  commandTimeout: 500,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
} as const;

type Method = 'incr' | 'read';

/**
 * Counts in Redis, so every API process shares the counters, and in this process's memory
 * whenever Redis is not connected or a command fails. Neither blocking logins nor dropping the
 * limit: while Redis is away each process limits on its own (an attacker spreading over N
 * processes gets at most N times the allowance, far better than none).
 */
function fallbackStoreClass(redis: Redis | null, nameSpace: string, warn: (message: string) => void) {
  let degraded = false;
  const noteState = (ok: boolean) => {
    if (!ok && !degraded) warn('Redis no responde: los límites de intentos se cuentan en la memoria de este proceso');
    if (ok && degraded) warn('Redis volvió: los límites de intentos se cuentan de nuevo en Redis');
    degraded = !ok;
  };

  class FallbackStore implements CounterStore {
    private readonly shared: CounterStore | null;
    private readonly local: CounterStore;

    constructor(options: ChildOptions, prefix = nameSpace) {
      const continueExceeding = options.continueExceeding ?? false;
      const exponentialBackoff = options.exponentialBackoff ?? false;
      this.shared = redis ? new RedisStore(continueExceeding, exponentialBackoff, redis, prefix) : null;
      this.local = new LocalStore(continueExceeding, exponentialBackoff);
    }

    private use(method: Method, key: string, callback: Counted, timeWindow: number, max: number): void {
      if (!this.shared || !redis || redis.status !== 'ready') {
        if (this.shared) noteState(false);
        this.local[method](key, callback, timeWindow, max);
        return;
      }
      this.shared[method](
        key,
        (error, result) => {
          noteState(!error);
          if (error) this.local[method](key, callback, timeWindow, max);
          else callback(null, result);
        },
        timeWindow,
        max,
      );
    }

    incr(key: string, callback: Counted, timeWindow: number, max: number): void {
      this.use('incr', key, callback, timeWindow, max);
    }

    read(key: string, callback: Counted, timeWindow: number, max: number): void {
      this.use('read', key, callback, timeWindow, max);
    }

    child(routeOptions: ChildOptions): CounterStore {
      // Per-route counters get the route in their key; limiters made with createRateLimit carry
      // their scope in the key itself.
      const route = routeOptions.routeInfo?.url ? `${routeOptions.routeInfo.method} ${routeOptions.routeInfo.url}:` : '';
      return new FallbackStore(routeOptions, `${nameSpace}${route}`);
    }
  }
  return FallbackStore;
}

/** The Redis key prefix: installations (or test runs) sharing one Redis, told apart by SIPROS_QUEUE, never share counters. */
export function limiterNameSpace(queueName: string): string {
  return `sipros:${queueName}:limite:`;
}

function waitText(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  return minutes <= 1 ? 'un minuto' : `${minutes} minutos`;
}

export function rateLimitedError(ttlMs: number): AppError {
  return new AppError('RATE_LIMITED', `Demasiados intentos; espera ${waitText(ttlMs)} y vuelve a intentar.`);
}

/**
 * Waits for the first connection attempt to end (refused at once, at most connectTimeout when
 * nobody answers), so the first requests after start are counted in Redis with the others.
 */
function firstConnection(redis: Redis): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      redis.off('ready', done).off('error', done).off('end', done);
      resolve();
    };
    redis.once('ready', done).once('error', done).once('end', done);
    setTimeout(done, LIMITER_REDIS_OPTIONS.connectTimeout).unref();
  });
}

/**
 * Registers @fastify/rate-limit in the caller's context (routes opt in with config.rateLimit or
 * use perIpLimiter), counting in Redis when there is one, with the fallback above.
 */
export async function registerRateLimit(app: FastifyInstance): Promise<void> {
  const redis = app.config.redisUrl ? new Redis(app.config.redisUrl, LIMITER_REDIS_OPTIONS) : null;
  // Connection errors are expected while Redis is down; FallbackStore reports the state once.
  redis?.on('error', () => {});
  if (redis) {
    // disconnect, not quit: quit waits for a Redis that may never answer.
    app.addHook('onClose', async () => redis.disconnect());
    await firstConnection(redis);
  }
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    store: fallbackStoreClass(redis, limiterNameSpace(app.config.queueName), (message) => app.log.warn(message)) as never,
    errorResponseBuilder: (_request, context) => rateLimitedError(context.ttl),
  });
}

export interface IpLimiter {
  /** Counts this request and refuses it (RATE_LIMITED) beyond the allowance. */
  count(request: FastifyRequest): Promise<void>;
  /** Refuses the request when the allowance is already used up, without counting it. */
  check(request: FastifyRequest): Promise<void>;
}

/** A limit per client address on a named counter (several routes may share one scope). */
export function perIpLimiter(app: FastifyInstance, scope: string, limit: { max: number; timeWindow: number }): IpLimiter {
  return keyedLimiter(app, scope, limit, (request) => request.ip);
}

/** A limit on a named counter per whatever `key` reads from the request (an address, an official). */
export function keyedLimiter(app: FastifyInstance, scope: string, limit: { max: number; timeWindow: number }, key: (request: FastifyRequest) => string): IpLimiter {
  const limiter = app.createRateLimit({ ...limit, keyGenerator: (request) => `${scope}|${key(request)}` });
  return {
    async count(request) {
      const result = await limiter(request);
      if (!result.isAllowed && result.isExceeded) throw rateLimitedError(result.ttl);
    },
    async check(request) {
      const result = await limiter(request, { increment: false });
      if (!result.isAllowed && result.remaining <= 0) throw rateLimitedError(result.ttl);
    },
  };
}
