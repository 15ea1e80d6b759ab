import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentStorage } from './storage.ts';

const root = mkdtempSync(join(tmpdir(), 'sipros-almacen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An upload whose body fails at once, or after some bytes: the connection cut mid-file. */
function cutUpload(bytesFirst: number): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (bytesFirst > 0 && !sent) {
        sent = true;
        this.push(Buffer.alloc(bytesFirst, 1));
        return;
      }
      this.destroy(new Error('conexión cortada'));
    },
  });
}

describe('DocumentStorage.receive with a body cut short', () => {
  it('fails and leaves no temporary file, even when the body fails before the file is open', async () => {
    const storage = new DocumentStorage(root);
    for (const bytes of [0, 0, 0, 10, 70_000]) {
      await expect(storage.receive(cutUpload(bytes), 1_000_000)).rejects.toThrow('conexión cortada');
      expect(readdirSync(join(root, 'tmp')), `tras ${bytes} bytes`).toEqual([]);
    }
  });
});
