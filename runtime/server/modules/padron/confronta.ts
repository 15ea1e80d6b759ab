/**
 * Confronta: crossing programs. How many people receive support from both programs of each pair
 * (the diagonal is each program's own people), for a period and a municipio; who they are; and who
 * received more supports than a threshold.
 */
import { bind, named, type SqlClient } from '../../../db/sql.ts';
import { municipioNames } from '../../../definitions/municipios.ts';

export type ConfrontaFilter = {
  desde: string | null;
  hasta: string | null;
  municipio: string | null;
};

/** The supports the filter keeps, one row per person and program. */
const PEOPLE_BY_PROGRAM = `
  select distinct persona_id, programa from beneficio
  where (:desde::date is null or fecha >= :desde::date) and (:hasta::date is null or fecha <= :hasta::date) and (:municipio::text is null or cve_mun = :municipio::text)`;

const MATRIX = named<ConfrontaFilter>(
  'confronta-matriz',
  `with b as (${PEOPLE_BY_PROGRAM})
   select x.programa as a, y.programa as b, count(*) as personas
   from b x join b y on y.persona_id = x.persona_id and x.programa <= y.programa
   group by 1, 2`,
);

const IN_BOTH = named<ConfrontaFilter & { a: string; b: string; limit: number; offset: number }>(
  'confronta-personas',
  `with b as (${PEOPLE_BY_PROGRAM})
   select p.curp, concat_ws(' ', p.nombres, p.primer_apellido, p.segundo_apellido) as nombre, p.cve_mun,
          (select count(*) from beneficio s where s.persona_id = p.id) as apoyos
   from b x join b y on y.persona_id = x.persona_id and y.programa = :b
   join persona p on p.id = x.persona_id
   where x.programa = :a
   order by p.primer_apellido, p.segundo_apellido, p.nombres, p.curp
   limit :limit offset :offset`,
);

const MANY_SUPPORTS = named<ConfrontaFilter & { more: number; limit: number }>(
  'confronta-varios-apoyos',
  `select p.curp, concat_ws(' ', p.nombres, p.primer_apellido, p.segundo_apellido) as nombre, p.cve_mun, count(*) as apoyos
   from beneficio s join persona p on p.id = s.persona_id
   where (:desde::date is null or s.fecha >= :desde::date) and (:hasta::date is null or s.fecha <= :hasta::date) and (:municipio::text is null or s.cve_mun = :municipio::text)
   group by p.id having count(*) > :more
   order by count(*) desc, p.primer_apellido, p.curp
   limit :limit`,
);

export interface ConfrontaMatrix {
  programas: Array<{ clave: string; nombre: string; dependencia: string; personas: number }>;
  /** People in both programs, for each pair (a < b); the diagonal is in `programas`. */
  pares: Array<{ a: string; b: string; personas: number }>;
}

export async function confrontaMatrix(sql: SqlClient, filter: ConfrontaFilter): Promise<ConfrontaMatrix> {
  const { rows } = await sql.query<{ a: string; b: string; personas: string }>(MATRIX, bind(MATRIX, filter));
  const own = new Map(rows.filter((r) => r.a === r.b).map((r) => [r.a, Number(r.personas)]));
  const { rows: catalog } = await sql.query<{ clave: string; nombre: string; dependencia: string }>('select clave, nombre, dependencia from programa_catalogo where clave = any($1::text[]) order by nombre', [[...own.keys()]]);
  return {
    programas: catalog.map((c) => ({ ...c, personas: own.get(c.clave) ?? 0 })),
    pares: rows.filter((r) => r.a !== r.b).map((r) => ({ a: r.a, b: r.b, personas: Number(r.personas) })),
  };
}

export interface PersonInCrossing {
  curp: string;
  nombre: string;
  municipio: string | null;
  municipioNombre: string | null;
  apoyos: number;
}

const personOf = (r: { curp: string; nombre: string; cve_mun: string | null; apoyos: string }): PersonInCrossing => ({
  curp: r.curp,
  nombre: r.nombre,
  municipio: r.cve_mun,
  municipioNombre: r.cve_mun ? (municipioNames().get(r.cve_mun) ?? null) : null,
  apoyos: Number(r.apoyos),
});

/** The people of a cell of the matrix (both programs), by name, a page at a time. */
export async function peopleInBoth(sql: SqlClient, filter: ConfrontaFilter, a: string, b: string, page: { limit: number; offset: number }): Promise<PersonInCrossing[]> {
  const { rows } = await sql.query<{ curp: string; nombre: string; cve_mun: string | null; apoyos: string }>(IN_BOTH, bind(IN_BOTH, { ...filter, a, b, ...page }));
  return rows.map(personOf);
}

/** People with more than `more` supports in the filter's period (duplication of support to look at). */
export async function peopleWithManySupports(sql: SqlClient, filter: ConfrontaFilter, more: number, limit: number): Promise<PersonInCrossing[]> {
  const { rows } = await sql.query<{ curp: string; nombre: string; cve_mun: string | null; apoyos: string }>(MANY_SUPPORTS, bind(MANY_SUPPORTS, { ...filter, more, limit }));
  return rows.map(personOf);
}

/** Every person of a cell of the matrix, a page at a time (the downloadable list). */
export async function* everyoneInBoth(sql: SqlClient, filter: ConfrontaFilter, a: string, b: string): AsyncIterable<PersonInCrossing> {
  const limit = 5000;
  for (let offset = 0; ; offset += limit) {
    const page = await peopleInBoth(sql, filter, a, b, { limit, offset });
    yield* page;
    if (page.length < limit) return;
  }
}
