import { Migration } from '@mikro-orm/migrations';

/**
 * persona.fusionada_en points at the person a merged record became. Without an index, every person
 * deleted (a roll undone takes out the people it made) made PostgreSQL look through the whole registry
 * for records merged into it: undoing a roll of 100,000 people at ten million ran for hours. Partial:
 * only merged records carry it, and the foreign key's look-up (fusionada_en = a person) implies it.
 */
export class Migration0017PersonaFusionadaIdx extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index persona_fusionada_en_idx on persona (fusionada_en) where fusionada_en is not null;');
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists persona_fusionada_en_idx;');
  }
}
