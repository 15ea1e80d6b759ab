/**
 * The registry's index built from the database (binary COPY on PostgreSQL, one query on PGlite): each
 * person read once per CURP, the keys kept in persona_clave and used again only for the version of
 * the person and the model they were computed from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curpCheckDigit } from '../../../../engine/curp.ts';
import { matchRecord } from '../../../../engine/matching/index.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { lastIndexBuild, registryIndex } from './identity.ts';

const valid = (first17: string) => `${first17}${curpCheckDigit(first17)}`;
const PEDRO = valid('UAOP700215HQTGLD0');
const PEDRO_OTRA = valid('UAOP700215HQTGLD1');
const ROSA = valid('MAOR920730MQTRLS0');

let t: TestApp;
const sql = () => t.app.db.sql;

async function addPerson(curp: string, nombres: string, ap1: string, ap2: string, fecha: string, sexo: string, more: string[] = []): Promise<string> {
  const { rows } = await sql().query<{ id: string }>(
    `insert into persona (id, curp, nombres, primer_apellido, segundo_apellido, fecha_nacimiento, sexo, cve_mun, origen, created_at, updated_at)
     values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, '22014', 'prueba', now(), now()) returning id`,
    [curp, nombres, ap1, ap2, fecha, sexo],
  );
  for (const [i, c] of [curp, ...more].entries()) await sql().query('insert into persona_curp (curp, persona_id, principal, created_at) values ($1, $2, $3, now())', [c, rows[0].id, i === 0]);
  return rows[0].id;
}

beforeAll(async () => {
  t = await startTestApp({ seed: false });
}, 60_000);
afterAll(async () => t?.close());

describe('the registry index read from the database', () => {
  it('reads every person once per CURP, keeps their keys, and reads again only the people changed since', async () => {
    const pedro = await addPerson(PEDRO, 'PEDRO', 'UGALDE', 'OLVERA', '1970-02-15', 'H', [PEDRO_OTRA]);
    const rosa = await addPerson(ROSA, 'ROSA MARÍA', 'MARTÍNEZ', 'OLVERA', '1992-07-30', 'M');
    const first = await registryIndex(sql());
    expect(lastIndexBuild()).toMatchObject({ rows: 3, computed: 3 });
    const { rows: kept } = await sql().query<{ n: string }>('select count(*) as n from persona_clave');
    expect(Number(kept[0].n)).toBe(3);
    // Found by the second CURP alone, and by name and date with no CURP.
    expect(matchRecord(first, { id: 'x', curp: PEDRO_OTRA, nombre: 'PEDRO', primer_apellido: 'UGALDE', segundo_apellido: 'OLVERA', fecha_nacimiento: '1970-02-15', sexo: 'H' }).best?.id).toBe(pedro);
    expect(matchRecord(first, { id: 'y', nombre: 'ROSA MA.', primer_apellido: 'MARTINEZ', segundo_apellido: 'OLVERA', fecha_nacimiento: '30/07/1992', sexo: 'M' }).best?.id).toBe(rosa);

    // Rosa's name is corrected: only her row is read again; the others come from persona_clave.
    await sql().query(`update persona set nombres = 'ROSALINDA', updated_at = now() + interval '1 second' where id = $1`, [rosa]);
    const second = await registryIndex(sql());
    expect(lastIndexBuild()).toMatchObject({ rows: 3, computed: 1 });
    expect(matchRecord(second, { id: 'y', nombre: 'ROSALINDA', primer_apellido: 'MARTINEZ', segundo_apellido: 'OLVERA', fecha_nacimiento: '1992-07-30', sexo: 'M' }).decision).not.toBe('distinta');
    expect(matchRecord(second, { id: 'x', curp: PEDRO, nombre: 'PEDRO', primer_apellido: 'UGALDE', segundo_apellido: 'OLVERA', fecha_nacimiento: '1970-02-15', sexo: 'H' }).best?.id).toBe(pedro);

    // A person merged into another leaves the index.
    const { rows: merged } = await sql().query<{ id: string }>(`update persona set fusionada_en = $1, updated_at = now() + interval '2 seconds' where id = $2 returning id`, [pedro, rosa]);
    expect(merged).toHaveLength(1);
    await registryIndex(sql());
    expect(lastIndexBuild()).toMatchObject({ rows: 2, computed: 0 });
  });


  it('keeps the keys of a large registry in one COPY and uses them next time', async () => {
    await sql().query(
      `insert into persona (id, curp, nombres, primer_apellido, segundo_apellido, fecha_nacimiento, sexo, origen, created_at, updated_at)
       select gen_random_uuid(), 'GENERADA' || lpad(i::text, 10, '0'), 'PERSONA ' || i, 'APELLIDO' || (i % 97), 'OTRO' || (i % 89), date '1950-01-01' + i, case when i % 2 = 0 then 'H' else 'M' end, 'prueba', now(), now()
       from generate_series(1, 6000) as i`,
    );
    const index = await registryIndex(sql());
    const built = lastIndexBuild()!;
    expect(built.computed).toBe(6000);
    const { rows } = await sql().query<{ n: string }>(`select count(*) as n from persona_clave k join persona p on p.id = k.persona_id where k.version = p.updated_at`);
    expect(Number(rows[0].n)).toBe(built.rows);
    await sql().query(`insert into persona_curp (curp, persona_id, principal, created_at) select 'GENERADA' || lpad('1', 10, '0') || 'X', id, false, now() from persona where curp = 'GENERADA0000000001'`);
    await registryIndex(sql());
    expect(lastIndexBuild()).toMatchObject({ rows: built.rows + 1, computed: 1 });
    const person = matchRecord(index, { id: 'g', nombre: 'PERSONA 77', primer_apellido: 'APELLIDO77', segundo_apellido: 'OTRO77', fecha_nacimiento: '1950-03-19', sexo: 'M' });
    expect(person.decision).not.toBe('distinta');
  });
});
