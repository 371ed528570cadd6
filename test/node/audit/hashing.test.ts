import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalEntryBody,
  canonicalEntryFromRow,
  canonicalJson,
  type EntryBody,
} from '../../../main/audit/entryHash.ts';
import { MerkleAccumulator, merkleRoot, rootFromBlocks } from '../../../main/audit/merkle.ts';

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

// RFC 9162 §2.1.1 written recursively, as the reference the fast accumulator must agree with.
function referenceRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha(Buffer.alloc(0));
  if (leaves.length === 1) return sha(Buffer.from([0]), leaves[0] as Buffer);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.from([1]), referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

describe('audit entry hashing', () => {
  const bodies: EntryBody[] = [
    {
      seq: 1,
      ts: '2025-01-01T00:00:00.000Z',
      actor: 'amal',
      role: 'admin',
      action: 'auth.login',
      target: '-',
      outcome: 'success',
      details: {},
      prevHash: '0'.repeat(64),
    },
    {
      seq: 987654,
      ts: '2025-12-31T23:59:59.999Z',
      actor: 'سارة "the" \\ admin',
      role: 'incident_commander',
      action: 'runbook.run\n',
      target: 'host/gpu-01 😀 \u2028 \u0001',
      outcome: 'denied',
      details: { z: 1e21, a: [0.1, -0, 'x'], é: { b: null, a: true }, '\u20ac': 1, '\r': 2 },
      prevHash: 'ab'.repeat(32),
    },
    {
      seq: 2 ** 53 - 1,
      ts: 'tab\there',
      actor: '\u001f\u007f\u0080 end',
      role: '"',
      action: '\\',
      target: '𝄞 \ud83d\ude00 ﷺ',
      outcome: '',
      details: {
        deep: { deeper: [{ b: 'x"y', a: '\u0000' }, [], {}] },
        n: [1e-7, 123456789012, 5e-324, -1.5e300, 0],
      },
      prevHash: "it's not hex",
    },
  ];

  it('builds the same canonical bytes by hand as the RFC 8785 library does', () => {
    for (const body of bodies) {
      const fast = canonicalEntryFromRow(
        body.seq,
        body.ts,
        body.actor,
        body.role,
        body.action,
        body.target,
        body.outcome,
        canonicalJson(body.details),
        body.prevHash,
      );
      expect(fast).toBe(canonicalEntryBody(body));
    }
  });

  it('refuses values that have no canonical form', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: '\ud800' })).toThrow();
  });
});

describe('the Merkle tree', () => {
  it('matches the RFC 9162 definition for every size from 0 to 70', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => sha(Buffer.from(`entry ${i}`)));
    const acc = new MerkleAccumulator();
    expect(acc.root().equals(referenceRoot([]))).toBe(true);
    leaves.forEach((leaf, i) => {
      acc.addLeaf(leaf);
      expect(acc.root().toString('hex'), `size ${i + 1}`).toBe(
        referenceRoot(leaves.slice(0, i + 1)).toString('hex'),
      );
    });
  });

  it('combines aligned power-of-two blocks into the same root as the whole tree', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => sha(Buffer.from(`leaf ${i}`)));
    const rootOf = (part: Buffer[]) => {
      const acc = new MerkleAccumulator();
      part.forEach((leaf) => acc.addLeaf(leaf));
      return acc.rootBinary();
    };
    for (const blockSize of [1, 2, 4, 8, 16, 32]) {
      for (const n of [1, 2, 3, 5, 8, 15, 16, 17, 31, 32, 33, 47, 64, 65, 70]) {
        const blocks: string[] = [];
        let start = 0;
        for (; start + blockSize <= n; start += blockSize)
          blocks.push(rootOf(leaves.slice(start, start + blockSize)));
        const tail = start < n ? rootOf(leaves.slice(start, n)) : undefined;
        const combined = Buffer.from(rootFromBlocks(blocks, tail), 'latin1');
        expect(combined.toString('hex'), `n ${n}, blocks of ${blockSize}`).toBe(
          merkleRoot(leaves.slice(0, n)).toString('hex'),
        );
      }
    }
    expect(Buffer.from(rootFromBlocks([]), 'latin1').toString('hex')).toBe(
      merkleRoot([]).toString('hex'),
    );
  });

  it('takes hex leaves as their bytes and refuses anything else', () => {
    const leaves = Array.from({ length: 9 }, (_, i) => sha(Buffer.from(`hex ${i}`)));
    const acc = new MerkleAccumulator();
    leaves.forEach((leaf) => acc.addLeafHex(leaf.toString('hex')));
    expect(acc.root().equals(merkleRoot(leaves))).toBe(true);
    expect(() => acc.addLeafHex('zz'.repeat(32))).toThrow();
  });

  it('gives the published empty-tree and single-empty-leaf hashes', () => {
    expect(merkleRoot([]).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(merkleRoot([Buffer.alloc(0)]).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
  });
});
