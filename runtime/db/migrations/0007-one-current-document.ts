import { Migration } from '@mikro-orm/migrations';

/**
 * One current (not replaced) document per application and document type, enforced by the
 * database: concurrent uploads of the same document could each mark the previous copy replaced
 * and insert their own, leaving several "current" copies (issue 16). Existing duplicates are
 * settled first the way the upload would have: the newest stays current, the others are marked
 * replaced at the moment the newest arrived. The unique index also serves the lookups the old
 * non-unique index on the same columns did, so that one goes.
 */
export class Migration0007OneCurrentDocument extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      update document d
         set replaced_at = newest.uploaded_at
        from (select distinct on (application_id, document_type) id, application_id, document_type, uploaded_at
                from document
               where replaced_at is null
               order by application_id, document_type, uploaded_at desc, id desc) newest
       where d.replaced_at is null
         and d.application_id = newest.application_id
         and d.document_type = newest.document_type
         and d.id <> newest.id;`);
    this.addSql(`create unique index document_one_current_idx on document (application_id, document_type) where replaced_at is null;`);
    this.addSql(`drop index if exists document_application_idx;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index if not exists document_application_idx on document (application_id, document_type) where replaced_at is null;`);
    this.addSql(`drop index if exists document_one_current_idx;`);
  }
}
