import { mkdirSync } from 'node:fs';
import { MikroORM, type Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGliteDriver } from 'mikro-orm-pglite';
import { withStatementAwareExec } from './pglite-statements.ts';
import { createSql, type Sql } from './sql.ts';
import { ENTITIES } from './entities.ts';
import { Migration0001Programs } from './migrations/0001-programs.ts';
import { Migration0002CitizensApplications } from './migrations/0002-citizens-applications.ts';
import { Migration0003OneActiveApplication } from './migrations/0003-one-active-application.ts';
import { Migration0004OfficialsJourney } from './migrations/0004-officials-journey.ts';
import { Migration0005QueueSearch } from './migrations/0005-queue-search.ts';
import { Migration0006Designer } from './migrations/0006-designer.ts';
import type { Config } from '../server/config.ts';

/** Every migration, in order. Listed explicitly so the same code runs from TypeScript sources anywhere. */
export const MIGRATIONS = [
  { name: '0001-programs', class: Migration0001Programs },
  { name: '0002-citizens-applications', class: Migration0002CitizensApplications },
  { name: '0003-one-active-application', class: Migration0003OneActiveApplication },
  { name: '0004-officials-journey', class: Migration0004OfficialsJourney },
  { name: '0005-queue-search', class: Migration0005QueueSearch },
  { name: '0006-designer', class: Migration0006Designer },
];

export interface Database {
  orm: MikroORM;
  /** Hand-written SQL on MikroORM's pool, for hot paths (see sql.ts). */
  sql: Sql;
  kind: 'postgresql' | 'pglite';
  close(): Promise<void>;
}

function commonOptions(): Partial<Options> {
  return {
    entities: ENTITIES,
    extensions: [Migrator],
    migrations: { migrationsList: MIGRATIONS, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    allowGlobalContext: false,
    debug: process.env.SIPROS_SQL_DEBUG === '1',
  };
}

/**
 * Opens the database: PostgreSQL when a URL is configured, otherwise the embedded PGlite (the
 * same PostgreSQL, compiled to WebAssembly, in-process) in a folder or in memory. Runs pending
 * migrations, the same ones on both.
 */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'pgliteDir'>): Promise<Database> {
  let orm: MikroORM;
  let pglite: PGlite | null = null;
  if (config.databaseUrl) {
    orm = await MikroORM.init({ ...commonOptions(), driver: PostgreSqlDriver, clientUrl: config.databaseUrl, pool: { min: 2, max: 20 } } as Options);
  } else {
    const inMemory = config.pgliteDir === 'memory://';
    if (!inMemory) mkdirSync(config.pgliteDir, { recursive: true });
    // Date columns as 'AAAA-MM-DD' text, as MikroORM's PostgreSQL driver gives them (p.date() is typed string);
    // PGlite would otherwise return a JS Date and the two backends would disagree. 1082 = the date type's OID.
    pglite = new PGlite({ ...(inMemory ? {} : { dataDir: config.pgliteDir }), extensions: { pg_trgm, unaccent }, parsers: { 1082: (value: string) => value } });
    const instance = withStatementAwareExec(pglite);
    orm = await MikroORM.init({ ...commonOptions(), driver: PGliteDriver, dbName: 'postgres', driverOptions: { connection: { pglite: () => instance } } } as Options);
  }
  await orm.getMigrator().up();
  return {
    orm,
    sql: createSql(orm, config.databaseUrl ? 'postgresql' : 'pglite'),
    kind: config.databaseUrl ? 'postgresql' : 'pglite',
    async close() {
      await orm.close(true);
      await pglite?.close();
    },
  };
}
