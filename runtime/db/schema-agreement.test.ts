import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityMetadata } from '@mikro-orm/core';
import { openDatabase, type Database } from './orm.ts';
import { loadConfig } from '../server/config.ts';
import { freshDatabaseUrl } from '../../test/helpers/server.ts';

/**
 * The migrations are hand-written SQL and the entities are MikroORM schemas: nothing ties them but
 * this test. It migrates an empty database and checks, table by table, that every mapped property
 * has its column with the same nullability, and that no NOT NULL column lacks a property or a
 * default (an insert through the ORM would fail on the first citizen who reaches that code path).
 */
interface Column {
  table: string;
  column: string;
  nullable: boolean;
  hasDefault: boolean;
}

let db: Database;
let drop: () => Promise<void>;
let columns: Column[];

beforeAll(async () => {
  const database = await freshDatabaseUrl();
  drop = database.drop;
  db = await openDatabase(loadConfig({ NODE_ENV: 'test', PGLITE_DIR: 'memory://', ...(database.url ? { DATABASE_URL: database.url } : {}) }));
  const rows = await db.sql.query<{ table_name: string; column_name: string; is_nullable: string; column_default: string | null; is_identity: string }>(
    `select table_name, column_name, is_nullable, column_default, is_identity from information_schema.columns where table_schema = 'public'`,
  );
  columns = rows.rows.map((r) => ({ table: r.table_name, column: r.column_name, nullable: r.is_nullable === 'YES', hasDefault: r.column_default !== null || r.is_identity === 'YES' }));
});

afterAll(async () => {
  await db?.close();
  await drop?.();
});

function persistedColumns(meta: EntityMetadata): Array<{ column: string; nullable: boolean }> {
  return Object.values(meta.properties)
    .filter((p) => p.persist !== false && (p.kind === 'scalar' || p.kind === 'm:1'))
    .flatMap((p) => (p.fieldNames ?? []).map((column) => ({ column, nullable: Boolean(p.nullable) })));
}

/** Tables only hand-written SQL touches, each with why it has no entity. */
const SQL_ONLY_TABLES: Record<string, string> = {
  mikro_orm_migrations: 'the migrator’s own record of what ran',
  saved_filter: 'an official’s saved queue filters, read and written only by the prepared statements of queue/saved-filters.ts',
  cat_localidad_nueva: 'the rows of a localidades file awaiting confirmation: written by COPY, read by the import’s SQL (territorio/catalog-import.ts)',
  cat_asentamiento_nuevo: 'the rows of a SEPOMEX file awaiting confirmation: written by COPY, read by the import’s SQL (territorio/catalog-import.ts)',
  application_word: 'the words of each submitted application’s name, written only by triggers on application (migration 0021), read by the queue’s name search (queue/name-search.ts)',
  application_count: 'the dashboard’s counts per program, status and municipio, written only by the fold of dashboard/counts.ts, read by the dashboard’s one statement',
  application_count_change: 'the ±1 of each application’s change of status, appended only by triggers on application (migration 0021), folded by dashboard/counts.ts',
  padron_persona_programas: 'each person’s set of programs with supports, as last folded by padron/totals.ts (migration 0024)',
  padron_combinacion: 'how many people have supports in exactly each set of programs, written only by the fold of padron/totals.ts',
  padron_apoyos_programa: 'the supports per program, written only by the fold of padron/totals.ts',
  padron_cambio: 'the ±1 of each support written, moved or removed, appended only by triggers on beneficio (migration 0024), folded by padron/totals.ts',
};

describe('entities and the migrated schema', () => {
  it('every entity’s table and columns exist, with the same nullability', () => {
    const problems: string[] = [];
    for (const meta of Object.values(db.orm.getMetadata().getAll())) {
      const tableColumns = columns.filter((c) => c.table === meta.tableName);
      if (tableColumns.length === 0) {
        problems.push(`${meta.className}: no existe la tabla ${meta.tableName}`);
        continue;
      }
      for (const { column, nullable } of persistedColumns(meta)) {
        const found = tableColumns.find((c) => c.column === column);
        if (!found) problems.push(`${meta.className}: falta la columna ${meta.tableName}.${column}`);
        else if (found.nullable !== nullable) problems.push(`${meta.className}: ${meta.tableName}.${column} es ${found.nullable ? 'nullable' : 'not null'} en la base y ${nullable ? 'nullable' : 'not null'} en la entidad`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('no NOT NULL column without a default is left out of its entity, and no table is left without one', () => {
    const metas = Object.values(db.orm.getMetadata().getAll());
    const problems: string[] = [];
    for (const table of new Set(columns.map((c) => c.table))) {
      const meta = metas.find((m) => m.tableName === table);
      if (!meta) {
        if (!(table in SQL_ONLY_TABLES)) problems.push(`la tabla ${table} no tiene entidad (ni está en SQL_ONLY_TABLES con su razón)`);
        continue;
      }
      const mapped = new Set(persistedColumns(meta).map((c) => c.column));
      for (const c of columns.filter((col) => col.table === table && !col.nullable && !col.hasDefault && !mapped.has(col.column))) {
        problems.push(`${table}.${c.column} es NOT NULL sin valor por omisión y ${meta.className} no la tiene`);
      }
    }
    expect(problems).toEqual([]);
  });
});
