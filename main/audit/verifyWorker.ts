// Checks blocks of the audit chain on its own read-only connection, claiming block numbers from the
// counter it shares with the thread that started it (see parallelWalk in verify.ts).
import Database from 'better-sqlite3-multiple-ciphers';
import { workerData } from 'node:worker_threads';
import { ANSWERED, NEXT, verifyChunk, type VerifyWorkerData } from './verifyChunk.ts';

function run(data: VerifyWorkerData): void {
  const control = new Int32Array(data.control);
  const blocks = Math.ceil(data.head / data.chunkSize);
  const db = new Database(data.path, { readonly: true, fileMustExist: true });
  const keyHex = Buffer.from(data.key).toString('hex');
  data.key.fill(0);
  try {
    // The same three pragmas main/store/db.ts uses to open the store.
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${keyHex}'"`);
    for (;;) {
      const index = Atomics.add(control, NEXT, 1);
      if (index >= blocks) break;
      const from = index * data.chunkSize + 1;
      const to = Math.min(data.head, from + data.chunkSize - 1);
      try {
        data.port.postMessage(verifyChunk(db, index, from, to, data.marks[index] ?? []));
      } catch {
        // reason: the parent checks this block itself
        data.port.postMessage({ index, failed: true });
      }
      Atomics.add(control, ANSWERED, 1);
      Atomics.notify(control, ANSWERED);
    }
  } finally {
    db.close();
    data.port.close();
  }
}

run(workerData as VerifyWorkerData);
