import type { Database } from '../../../db/orm.ts';

/**
 * What the padrón's pipeline needs from its host: the server passes its own, and the command line
 * (`sipros padron cargar`) passes a database it opened, so both run exactly the same code.
 */
export interface PadronDeps {
  db: Database;
  clock: () => Date;
  /** Where uploaded rolls are kept until their batch is done with (under STORAGE_DIR). */
  storageDir: string;
}
