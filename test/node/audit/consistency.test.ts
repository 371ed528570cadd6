// RFC 9162 consistency proofs: the published RFC 6962 test vectors, every pair of sizes up to 40
// against brute-force roots, tampered proofs refused, and proofs over a real stored log.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../../main/audit/index.ts';
import {
  consistencyProof,
  memoryRangeRoot,
  storedRangeRoot,
  verifyConsistency,
} from '../../../main/audit/consistency.ts';
import { MerkleAccumulator } from '../../../main/audit/merkle.ts';
import { closeStore } from '../../../main/store/db.ts';
import { all, sql } from '../../../main/store/sql.ts';
import { at, auditStore, event } from './auditStore.ts';

// RFC 6962 test vectors as published by transparency-dev/merkle (testonly/constants.go), used as data.
const LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((h) => Buffer.from(h, 'hex'));
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const PROOFS: { first: number; second: number; proof: string[] }[] = [
  { first: 1, second: 1, proof: [] },
  {
    first: 1,
    second: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    first: 6,
    second: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    first: 2,
    second: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

// The definition itself, recursively, to check the streaming code against.
function bruteRoot(leaves: Buffer[]): string {
  const h = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  const mth = (list: Buffer[]): Buffer => {
    if (list.length === 0) return h();
    if (list.length === 1) return h(Buffer.from([0]), list[0] as Buffer);
    let k = 1;
    while (k * 2 < list.length) k *= 2;
    return h(Buffer.from([1]), mth(list.slice(0, k)), mth(list.slice(k)));
  };
  return mth(leaves).toString('hex');
}

describe('RFC 9162 consistency proofs', () => {
  it('reproduce the RFC 6962 test vectors: roots for sizes 0 to 8 and the published proofs', () => {
    const rangeRoot = memoryRangeRoot(LEAVES);
    for (let n = 0; n <= 8; n += 1) expect(rangeRoot(0, n), `size ${n}`).toBe(ROOTS[n]);
    for (const v of PROOFS) {
      expect(consistencyProof(v.first, v.second, rangeRoot)).toEqual(v.proof);
      expect(
        verifyConsistency(
          v.first,
          v.second,
          ROOTS[v.first] as string,
          ROOTS[v.second] as string,
          v.proof,
        ),
      ).toBe(true);
    }
  });

  const many = Array.from({ length: 40 }, (_, i) =>
    createHash('sha256').update(`leaf ${i}`).digest(),
  );
  const roots = Array.from({ length: 41 }, (_, n) => bruteRoot(many.slice(0, n)));

  it('verify for every pair of sizes up to 40, with roots equal to the recursive definition', () => {
    const rangeRoot = memoryRangeRoot(many);
    for (let n = 0; n <= 40; n += 1) {
      expect(rangeRoot(0, n)).toBe(roots[n]);
      for (let m = 0; m <= n; m += 1) {
        expect(
          verifyConsistency(
            m,
            n,
            roots[m] as string,
            roots[n] as string,
            consistencyProof(m, n, rangeRoot),
          ),
          `${m} → ${n}`,
        ).toBe(true);
      }
    }
  });

  it('refuse a proof that was flipped, cut, lengthened or reordered, wrong roots, and sizes that go backwards', () => {
    const rangeRoot = memoryRangeRoot(many);
    for (let n = 2; n <= 40; n += 1) {
      for (let m = 1; m < n; m += 1) {
        const proof = consistencyProof(m, n, rangeRoot);
        const ok = (p: string[], first = roots[m] as string, second = roots[n] as string) =>
          verifyConsistency(m, n, first, second, p);
        const flipped = [...proof];
        flipped[0] = `${(flipped[0] as string).slice(0, 63)}${(flipped[0] as string).endsWith('0') ? '1' : '0'}`;
        expect(ok(flipped), `flipped ${m} → ${n}`).toBe(false);
        expect(ok(proof.slice(0, -1)), `cut ${m} → ${n}`).toBe(false);
        expect(ok([...proof, 'c'.repeat(64)]), `lengthened ${m} → ${n}`).toBe(false);
        if (proof.length > 1 && proof[0] !== proof[1])
          expect(ok([proof[1] as string, proof[0] as string, ...proof.slice(2)])).toBe(false);
        // A history rewritten at any leaf has other roots, and no proof links them.
        expect(ok(proof, roots[m - 1] as string)).toBe(false);
        expect(ok(proof, roots[m] as string, roots[n - 1] as string)).toBe(false);
      }
    }
    expect(verifyConsistency(5, 3, roots[5] as string, roots[3] as string, [])).toBe(false);
    expect(verifyConsistency(4, 4, roots[4] as string, roots[5] as string, [])).toBe(false);
    expect(verifyConsistency(0, 8, roots[0] as string, roots[8] as string, [])).toBe(true);
    expect(() => consistencyProof(5, 3, rangeRoot)).toThrow(RangeError);
  });

  it('are built over the stored log, with and without the subtree cache, and refuse a size beyond it', async () => {
    const { db } = await auditStore(0);
    db.transaction(() => {
      for (let i = 1; i <= 2600; i += 1) appendAudit(db, event(i), at(i));
    })();
    const stored = all<{ hash: string }>(db, sql`SELECT hash FROM audit_log ORDER BY seq`).map(
      (r) => Buffer.from(r.hash, 'hex'),
    );
    const expected = (n: number) => {
      const acc = new MerkleAccumulator();
      for (const leaf of stored.slice(0, n)) acc.addLeaf(leaf);
      return acc.root().toString('hex');
    };
    const cached = storedRangeRoot(db);
    const fresh = storedRangeRoot(db, { isCached: false });
    for (const n of [0, 1, 1023, 1024, 1025, 2048, 2049, 2600]) {
      expect(cached(0, n), `size ${n}`).toBe(expected(n));
      expect(fresh(0, n)).toBe(expected(n));
    }
    for (const [m, n] of [
      [1000, 2600],
      [1024, 2048],
      [2048, 2599],
      [3, 2049],
    ] as const) {
      expect(
        verifyConsistency(m, n, expected(m), expected(n), consistencyProof(m, n, cached)),
        `${m} → ${n}`,
      ).toBe(true);
    }
    // A size beyond the log is refused rather than guessed.
    expect(() => fresh(0, 2601)).toThrow(/no entries 2601 to 2601/);
    closeStore(db);
  });
});
