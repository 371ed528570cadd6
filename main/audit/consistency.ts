// RFC 9162 §2.1.4 consistency proofs: generated over the stored audit log for witnesses, and checked
// with the one verifier the agent uses too (shared/domain/merkleConsistency.ts).
import { hash } from 'node:crypto';
import { verifyConsistency as verifyWith } from '../../shared/domain/merkleConsistency.ts';
import { prepareCached } from '../store/sql.ts';
import type { ReadableDb } from '../store/types.ts';
import { MerkleAccumulator } from './merkle.ts';

/** MTH over the leaves [start, end) (0-based, end exclusive), as 64 hex digits. */
export type RangeRoot = (start: number, end: number) => string;

const NODE_PREFIX = Buffer.from([1]);

export function hashChildren(left: string, right: string): string {
  return hash(
    'sha256',
    Buffer.concat([NODE_PREFIX, Buffer.from(left, 'hex'), Buffer.from(right, 'hex')]),
    'hex',
  );
}

export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: string,
  secondRoot: string,
  proof: readonly string[],
): boolean {
  return verifyWith(first, second, firstRoot, secondRoot, proof, hashChildren);
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

// PROOF(m, D[n]) = SUBPROOF(m, D[n], true), transcribed from RFC 9162 §2.1.4.1.
export function consistencyProof(m: number, n: number, rangeRoot: RangeRoot): string[] {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || n < m) {
    throw new RangeError(`No consistency proof from size ${m} to size ${n}.`);
  }
  const proof: string[] = [];
  if (m === 0 || m === n) return proof;
  const subproof = (size: number, start: number, end: number, isWhole: boolean): void => {
    if (size === end - start) {
      if (!isWhole) proof.push(rangeRoot(start, end));
      return;
    }
    const k = largestPowerOfTwoBelow(end - start);
    if (size <= k) {
      subproof(size, start, start + k, isWhole);
      proof.push(rangeRoot(start + k, end));
    } else {
      subproof(size - k, start + k, end, false);
      proof.push(rangeRoot(start, start + k));
    }
  };
  subproof(m, 0, n, true);
  return proof;
}

/** MTH over a list of leaf inputs held in memory (tests, bundles). */
export function memoryRangeRoot(leaves: readonly Buffer[]): RangeRoot {
  return (start, end) => {
    const acc = new MerkleAccumulator();
    for (let i = start; i < end; i += 1) acc.addLeaf(leaves[i] as Buffer);
    return acc.root().toString('hex');
  };
}

// Aligned perfect subtrees never change in an append-only log, so from this size up they are kept:
// after the first proof over a million entries, the next reads only a few thousand rows.
const CACHED_FROM = 1024;
const subtreeCaches = new WeakMap<object, Map<string, string>>();
const RANGE_QUERY = 'SELECT hash FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq';

export class LogShorterError extends Error {}

/**
 * MTH over the stored entry hashes of entries start+1..end. Cached, it answers for the history this
 * process has already read; verification asks uncached, so it sees the rows as they are now.
 */
export function storedRangeRoot(db: ReadableDb, options: { isCached?: boolean } = {}): RangeRoot {
  let subtrees = options.isCached === false ? new Map<string, string>() : subtreeCaches.get(db);
  if (!subtrees) {
    subtrees = new Map();
    subtreeCaches.set(db, subtrees);
  }
  const cache = subtrees;
  const fromRows = (start: number, end: number): string => {
    const acc = new MerkleAccumulator();
    const stmt = prepareCached(db, RANGE_QUERY).pluck(true);
    try {
      for (const leaf of stmt.iterate(start, end)) acc.addLeafHex(leaf as string);
    } finally {
      stmt.pluck(false);
    }
    if (acc.size !== end - start)
      throw new LogShorterError(`the audit log has no entries ${start + acc.size + 1} to ${end}`);
    return acc.root().toString('hex');
  };
  const rangeRoot: RangeRoot = (start, end) => {
    const size = end - start;
    if (size <= 0) return new MerkleAccumulator().root().toString('hex');
    const isPerfect = Number.isInteger(Math.log2(size)) && start % size === 0;
    if (isPerfect && size >= CACHED_FROM) {
      const key = `${start}:${size}`;
      let node = cache.get(key);
      if (node === undefined) {
        node =
          size === CACHED_FROM
            ? fromRows(start, end)
            : hashChildren(rangeRoot(start, start + size / 2), rangeRoot(start + size / 2, end));
        cache.set(key, node);
      }
      return node;
    }
    if (size < CACHED_FROM) return fromRows(start, end);
    const k = largestPowerOfTwoBelow(size);
    return hashChildren(rangeRoot(start, start + k), rangeRoot(start + k, end));
  };
  return rangeRoot;
}

/** The stored hash of entry `seq` (the head hash of a tree of that size), or null. */
export function storedEntryHash(db: ReadableDb, seq: number): string | null {
  const row = prepareCached(db, 'SELECT hash FROM audit_log WHERE seq = ?').get(seq) as
    { hash: string } | undefined;
  return row?.hash ?? null;
}
