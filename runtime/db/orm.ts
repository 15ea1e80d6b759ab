import { mkdirSync } from 'node:fs';
import { MikroORM, type Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGliteDriver } from 'mikro-orm-pglite';
import { withStatementAwareExec } from './pglite-statements.ts';
import { explainDatabaseFailure, socketDirectoryOf } from './unreachable.ts';
import { createSql, type Sql } from './sql.ts';
import { ENTITIES } from './entities.ts';
import { Migration0001Programs } from './migrations/0001-programs.ts';
import { Migration0002CitizensApplications } from './migrations/0002-citizens-applications.ts';
import { Migration0003OneActiveApplication } from './migrations/0003-one-active-application.ts';
import { Migration0004OfficialsJourney } from './migrations/0004-officials-journey.ts';
import { Migration0005QueueSearch } from './migrations/0005-queue-search.ts';
import { Migration0006Designer } from './migrations/0006-designer.ts';
import { Migration0007OneCurrentDocument } from './migrations/0007-one-current-document.ts';
import { Migration0008PendingOutbox } from './migrations/0008-pending-outbox.ts';
import { Migration0009DraftPosition } from './migrations/0009-draft-position.ts';
import { Migration0010DeliveryCode } from './migrations/0010-delivery-code.ts';
import { Migration0011FolioNumberSearch } from './migrations/0011-folio-number-search.ts';
import { Migration0012Padron } from './migrations/0012-padron.ts';
import { Migration0013Identidad } from './migrations/0013-identidad.ts';
import { Migration0014BusquedaDuplicados } from './migrations/0014-busqueda-duplicados.ts';
import { Migration0015ClavesEmparejamiento } from './migrations/0015-claves-emparejamiento.ts';
import { Migration0016IndiceCambios } from './migrations/0016-indice-cambios.ts';
import { Migration0017PersonaFusionadaIdx } from './migrations/0017-persona-fusionada-idx.ts';
import { Migration0018Territorio } from './migrations/0018-territorio.ts';
import { Migration0019LimpiezaUbicaciones } from './migrations/0019-limpieza-ubicaciones.ts';
import { Migration0020TerritorioReglas } from './migrations/0020-territorio-reglas.ts';
import { Migration0021NombresYTablero } from './migrations/0021-nombres-y-tablero.ts';
import { Migration0022SmsLotes } from './migrations/0022-sms-lotes.ts';
import { Migration0023Campo } from './migrations/0023-campo.ts';
import { Migration0024PadronTotales } from './migrations/0024-padron-totales.ts';
import { Migration0025MenosIndices } from './migrations/0025-menos-indices.ts';
import { Migration0026CompresionRapida } from './migrations/0026-compresion-rapida.ts';
import { Migration0027ParesDePalabras } from './migrations/0027-pares-de-palabras.ts';
import type { Config } from '../server/config.ts';

/** Every migration, in order. Listed explicitly so the same code runs from TypeScript sources anywhere. */
export const MIGRATIONS = [
  { name: '0001-programs', class: Migration0001Programs },
  { name: '0002-citizens-applications', class: Migration0002CitizensApplications },
  { name: '0003-one-active-application', class: Migration0003OneActiveApplication },
  { name: '0004-officials-journey', class: Migration0004OfficialsJourney },
  { name: '0005-queue-search', class: Migration0005QueueSearch },
  { name: '0006-designer', class: Migration0006Designer },
  { name: '0007-one-current-document', class: Migration0007OneCurrentDocument },
  { name: '0008-pending-outbox', class: Migration0008PendingOutbox },
  { name: '0009-draft-position', class: Migration0009DraftPosition },
  { name: '0010-delivery-code', class: Migration0010DeliveryCode },
  { name: '0011-folio-number-search', class: Migration0011FolioNumberSearch },
  { name: '0012-padron', class: Migration0012Padron },
  { name: '0013-identidad', class: Migration0013Identidad },
  { name: '0014-busqueda-duplicados', class: Migration0014BusquedaDuplicados },
  { name: '0015-claves-emparejamiento', class: Migration0015ClavesEmparejamiento },
  { name: '0016-indice-cambios', class: Migration0016IndiceCambios },
  { name: '0017-persona-fusionada-idx', class: Migration0017PersonaFusionadaIdx },
  { name: '0018-territorio', class: Migration0018Territorio },
  { name: '0019-limpieza-ubicaciones', class: Migration0019LimpiezaUbicaciones },
  { name: '0020-territorio-reglas', class: Migration0020TerritorioReglas },
  { name: '0021-nombres-y-tablero', class: Migration0021NombresYTablero },
  { name: '0022-sms-lotes', class: Migration0022SmsLotes },
  { name: '0023-campo', class: Migration0023Campo },
  { name: '0024-padron-totales', class: Migration0024PadronTotales },
  { name: '0025-menos-indices', class: Migration0025MenosIndices },
  { name: '0026-compresion-rapida', class: Migration0026CompresionRapida },
  { name: '0027-pares-de-palabras', class: Migration0027ParesDePalabras },
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
 * Bounds on every wait for PostgreSQL, so a closed, silent or stuck server turns into a clear error
 * instead of a request (or a start) that never ends.
 */
export const POSTGRES_TIMEOUTS = {
  /** A connection that is not established by then fails (a silent port must not hang the start or a request). */
  connectMs: 5000,
  /** One statement of the API: reports and exports read in batches, far below this. Migrations are exempt. */
  statementMs: 30_000,
  /**
   * TCP keep-alive probes start after this much silence, so a server that vanished mid-query is
   * eventually noticed. (No client-side query timeout: it would also cut long migrations.)
   */
  keepAliveDelayMs: 10_000,
  /** A transaction left open by a stuck client must not hold its locks for ever. */
  idleInTransactionMs: 60_000,
  /** A request waits this long for a free pooled connection, then fails instead of queuing for a minute. */
  acquireMs: 10_000,
};

/**
 * `?host=/var/run/postgresql` in DATABASE_URL: libpq's way to name the directory of PostgreSQL's Unix
 * socket, which an installation on one machine may use (measured no faster than TCP on loopback here;
 * runtime/README). MikroORM builds the connection from the URL's host name alone and went to TCP on
 * localhost instead, so the directory is passed on as the host.
 */
function socketOption(databaseUrl: string): { host?: string } {
  const dir = socketDirectoryOf(databaseUrl);
  return dir ? { host: dir } : {};
}

async function openPostgreSql(databaseUrl: string): Promise<MikroORM> {
  const orm = await MikroORM.init({
    ...commonOptions(),
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl,
    ...socketOption(databaseUrl),
    pool: { min: 2, max: 20, acquireTimeoutMillis: POSTGRES_TIMEOUTS.acquireMs, createTimeoutMillis: POSTGRES_TIMEOUTS.connectMs + 1000 },
    // node-postgres client options (knex passes `connection` to each new pg.Client).
    driverOptions: {
      connection: {
        connectionTimeoutMillis: POSTGRES_TIMEOUTS.connectMs,
        statement_timeout: POSTGRES_TIMEOUTS.statementMs,
        idle_in_transaction_session_timeout: POSTGRES_TIMEOUTS.idleInTransactionMs,
        keepAlive: true,
        keepAliveInitialDelayMillis: POSTGRES_TIMEOUTS.keepAliveDelayMs,
      },
    },
  } as Options);
  try {
    const connection = orm.em.getConnection();
    await connection.transactional(async (trx) => {
      // A migration may rebuild an index over millions of rows: the API's statement limit is not for it.
      await connection.execute('set local statement_timeout = 0', [], 'run', trx);
      await orm.getMigrator().up({ transaction: trx });
    });
  } catch (error) {
    await orm.close(true).catch(() => undefined);
    throw error;
  }
  return orm;
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
    const databaseUrl = config.databaseUrl;
    orm = await openPostgreSql(databaseUrl).catch((error: unknown) => explainDatabaseFailure(error, databaseUrl, POSTGRES_TIMEOUTS.connectMs));
  } else {
    const inMemory = config.pgliteDir === 'memory://';
    if (!inMemory) mkdirSync(config.pgliteDir, { recursive: true });
    // Date columns as 'AAAA-MM-DD' text, as MikroORM's PostgreSQL driver gives them (p.date() is typed string);
    // PGlite would otherwise return a JS Date and the two backends would disagree. 1082 = the date type's OID.
    pglite = new PGlite({ ...(inMemory ? {} : { dataDir: config.pgliteDir }), extensions: { pg_trgm, unaccent }, parsers: { 1082: (value: string) => value } });
    const instance = withStatementAwareExec(pglite);
    orm = await MikroORM.init({ ...commonOptions(), driver: PGliteDriver, dbName: 'postgres', driverOptions: { connection: { pglite: () => instance } } } as Options);
    await orm.getMigrator().up();
  }
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
