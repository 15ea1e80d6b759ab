import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';

/**
 * Document files, stored once per content (sha256) in a folder outside the web root. The
 * database keeps who uploaded what; the files are served only through the API's access checks.
 */
export class DocumentStorage {
  constructor(private readonly root: string) {}

  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /**
   * Streams an upload to a temporary file while hashing and counting it; refuses (and deletes it)
   * past `maxBytes` without reading the rest into memory. Returns the sniffed media type, so a
   * file is judged by its content, never by its name or the browser's label.
   */
  async receive(stream: Readable, maxBytes: number): Promise<{ tooLarge: true } | { tooLarge: false; sha256: string; size: number; mediaType: string | null; commit: () => Promise<void>; discard: () => Promise<void> }> {
    await mkdir(join(this.root, 'tmp'), { recursive: true });
    const tmp = join(this.root, 'tmp', randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    let tooLarge = false;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) {
          tooLarge = true;
          done(new Error('demasiado grande'));
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const out = createWriteStream(tmp);
    try {
      await pipeline(stream, meter, out);
    } catch (error) {
      // A body cut short can fail the pipeline before the file is even open; the stream then opens
      // it, creating it, and only then closes: remove it after that, or an empty file stays behind.
      // (Not events.once: it rejects on the stream's own error, which comes before 'close'.)
      if (!out.closed) await new Promise<void>((closed) => out.once('close', () => closed()));
      await rm(tmp, { force: true });
      if (tooLarge) {
        stream.resume(); // drain what is left so the connection can answer
        return { tooLarge: true };
      }
      throw error;
    }
    const sha256 = hash.digest('hex');
    const mediaType = (await fileTypeFromFile(tmp))?.mime ?? null;
    const target = this.pathOf(sha256);
    return {
      tooLarge: false,
      sha256,
      size,
      mediaType,
      commit: async () => {
        await mkdir(join(target, '..'), { recursive: true });
        const exists = await stat(target).then(() => true, () => false);
        if (exists) await rm(tmp, { force: true });
        else await rename(tmp, target);
      },
      discard: () => rm(tmp, { force: true }),
    };
  }

  open(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }
}
