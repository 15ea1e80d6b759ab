import fp from 'fastify-plugin';
import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/orm.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
  interface FastifyRequest {
    /** A request-scoped entity manager (its own identity map and unit of work). */
    em: EntityManager;
  }
}

/** Exposes the database and gives each request its own EntityManager fork; closes it with the app. */
export const dbPlugin = fp(
  async (app: FastifyInstance, options: { db: Database }) => {
    app.decorate('db', options.db);
    // Forked on first use: requests that never touch the ORM (hand-written SQL, static files) skip it.
    const forks = new WeakMap<object, EntityManager>();
    app.decorateRequest('em', {
      getter(this: object) {
        let em = forks.get(this);
        if (!em) {
          em = options.db.orm.em.fork();
          forks.set(this, em);
        }
        return em;
      },
    });
    app.addHook('onClose', async () => options.db.close());
  },
  { name: 'sipros-db', fastify: '5.x' },
);
