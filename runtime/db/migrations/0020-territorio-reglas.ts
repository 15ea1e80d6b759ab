import { Migration } from '@mikro-orm/migrations';

/**
 * Territory in rules and quotas (issue 13): an application keeps its applicant's localidad (INEGI
 * clave, 9 digits) beside its municipio, so a quota per localidad counts the places taken there as
 * a municipio's quota does. Applications already sent take the clave their CUIS address holds
 * (domicilio.cve_localidad, the answer every call reads when it names no other).
 */
export class Migration0020TerritorioReglas extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table application add column localidad text null;`);
    this.addSql(`
      update application set localidad = answers #>> '{domicilio,cve_localidad}'
       where folio is not null and answers #>> '{domicilio,cve_localidad}' ~ '^[0-9]{9}$';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table application drop column if exists localidad;`);
  }
}
