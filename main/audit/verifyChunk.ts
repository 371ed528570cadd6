// One aligned block of the audit chain checked on its own, so blocks can be checked on several threads.
// Only a clean block is worth anything to the caller: any irregularity makes it rerun the full sequential
// walk, which names the first bad entry exactly.
import type Database from 'better-sqlite3-multiple-ciphers';
import { hash } from 'node:crypto';
import type { MessagePort } from 'node:worker_threads';
import { canonicalEntryFromRow } from './entryHash.ts';
import { MerkleAccumulator } from './merkle.ts';

type RawRow = [number, string, string, string, string, string, string, string, string, string];

export type ChunkResult = {
  index: number;
  // Rows are exactly seq from..to, each hash matches its contents and each links to the one before it.
  clean: boolean;
  firstPrev: string;
  lastHash: string;
  // RFC 9162 root of the block's entry hashes (latin1), and at each requested size inside the block.
  root: string;
  marks: { size: number; root: string; headHash: string }[];
};

// What verify.ts hands verifyWorker.ts; the key never leaves this process.
export type VerifyWorkerData = {
  path: string;
  key: Uint8Array;
  control: SharedArrayBuffer;
  port: MessagePort;
  chunkSize: number;
  head: number;
  marks: Record<number, number[]>;
};

// Slots in the shared Int32Array: the next block to claim, and how many claimed blocks have been answered.
export const NEXT = 0;
export const ANSWERED = 1;

const RANGE_QUERY =
  'SELECT seq, ts, actor, role, action, target, outcome, details, prev_hash, hash FROM audit_log WHERE seq >= ? AND seq <= ? ORDER BY seq';
const BATCH = 4096;

const statements = new WeakMap<object, Database.Statement<unknown[], unknown>>();

// `marks` are block-local sizes (1..to-from+1), ascending, at which the caller needs the partial root.
export function verifyChunk(
  db: Database.Database,
  index: number,
  from: number,
  to: number,
  marks: readonly number[],
): ChunkResult {
  let stmt = statements.get(db);
  if (!stmt) {
    stmt = db.prepare<unknown[], unknown>(RANGE_QUERY).raw(true);
    statements.set(db, stmt);
  }
  const acc = new MerkleAccumulator();
  const result: ChunkResult = {
    index,
    clean: false,
    firstPrev: '',
    lastHash: '',
    root: '',
    marks: [],
  };
  let expected = from;
  let prevHash: string | null = null;
  let markIndex = 0;
  for (let lo = from; lo <= to; lo += BATCH) {
    const rows = stmt.all(lo, Math.min(to, lo + BATCH - 1)) as RawRow[];
    for (const row of rows) {
      const seq = row[0];
      const storedPrev = row[8];
      if (seq !== expected) return result;
      if (prevHash === null) result.firstPrev = storedPrev;
      else if (storedPrev !== prevHash) return result;
      const computed: string = hash(
        'sha256',
        canonicalEntryFromRow(
          seq,
          row[1],
          row[2],
          row[3],
          row[4],
          row[5],
          row[6],
          row[7],
          storedPrev,
        ),
        'hex',
      );
      if (computed !== row[9]) return result;
      acc.addLeafHex(computed);
      prevHash = computed;
      expected += 1;
      if (markIndex < marks.length && marks[markIndex] === acc.size) {
        result.marks.push({ size: acc.size, root: acc.rootBinary(), headHash: computed });
        markIndex += 1;
      }
    }
  }
  if (expected !== to + 1 || prevHash === null) return result;
  result.clean = true;
  result.lastHash = prevHash;
  result.root = acc.rootBinary();
  return result;
}
