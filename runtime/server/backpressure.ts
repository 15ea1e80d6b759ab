/**
 * Waiting for a slow reader: the spreadsheet writers (the queue's XLSX report, the padrón's refused
 * rows) commit rows in slices and, between slices, wait until the download can take more.
 */

/** Resolves when `out` can take more, or is gone. */
export function roomIn(out: NodeJS.WritableStream): Promise<void> {
  const stream = out as NodeJS.WritableStream & { writableNeedDrain?: boolean; destroyed?: boolean };
  if (!stream.writableNeedDrain || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}
