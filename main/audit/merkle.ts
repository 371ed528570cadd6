// RFC 9162 §2.1 Merkle tree hash, accumulated leaf by leaf in O(log n) memory.
// Nodes are kept as 32-char latin1 ('binary') strings: one-shot hashing to a string costs about a third of
// hashing to a fresh Buffer, and a million-entry verification hashes some two million nodes.
import { hash } from 'node:crypto';

const EMPTY_ROOT = hash('sha256', Buffer.alloc(0), 'binary');

export class MerkleAccumulator {
  // Roots of the perfect subtrees that make up the tree so far, largest (leftmost) first.
  private readonly stack: string[] = [];
  private count = 0;
  private readonly leafInput = Buffer.alloc(33);
  private readonly nodeInput = Buffer.alloc(65);

  constructor() {
    this.leafInput[0] = 0x00;
    this.nodeInput[0] = 0x01;
  }

  get size(): number {
    return this.count;
  }

  addLeaf(data: Buffer): void {
    if (data.length === 32) {
      data.copy(this.leafInput, 1);
      this.push(hash('sha256', this.leafInput, 'binary'));
    } else {
      this.push(hash('sha256', Buffer.concat([Buffer.from([0]), data]), 'binary'));
    }
  }

  // A 32-byte leaf given as 64 hex digits, as entry hashes are computed and stored.
  addLeafHex(hex: string): void {
    if (this.leafInput.write(hex, 1, 32, 'hex') !== 32)
      throw new Error('A Merkle leaf here is 64 hex digits.');
    this.push(hash('sha256', this.leafInput, 'binary'));
  }

  // Adds a ready node (latin1) as the next unit: with equal-sized aligned blocks as the units, this
  // builds the tree over those blocks (see rootFromBlocks).
  addNode(node: string): void {
    this.push(node);
  }

  // Folding right to left reproduces the RFC's split at the largest power of two below n; `tail`, if given,
  // is the root of a smaller tree standing right of everything added so far.
  rootBinary(tail?: string): string {
    let i = this.stack.length - 1;
    let node = tail;
    if (node === undefined) {
      node = this.stack[i];
      i -= 1;
      if (node === undefined) return EMPTY_ROOT;
    }
    for (; i >= 0; i -= 1) node = this.hashNode(this.stack[i] as string, node);
    return node;
  }

  root(): Buffer {
    return Buffer.from(this.rootBinary(), 'latin1');
  }

  private push(leafNode: string): void {
    let node = leafNode;
    for (let n = this.count; n & 1; n >>>= 1)
      node = this.hashNode(this.stack.pop() as string, node);
    this.stack.push(node);
    this.count += 1;
  }

  private hashNode(left: string, right: string): string {
    this.nodeInput.write(left, 1, 32, 'latin1');
    this.nodeInput.write(right, 33, 32, 'latin1');
    return hash('sha256', this.nodeInput, 'binary');
  }
}

export function merkleRoot(leaves: Iterable<Buffer>): Buffer {
  const acc = new MerkleAccumulator();
  for (const leaf of leaves) acc.addLeaf(leaf);
  return acc.root();
}

// Root over leaves taken in aligned blocks of one power-of-two size: `blocks` are the roots of the full
// blocks in order and `tail` the RFC root of the shorter block after them, if any. Every aligned full
// block is a complete subtree of the RFC tree, so this equals the root computed leaf by leaf.
export function rootFromBlocks(blocks: readonly string[], tail?: string): string {
  const acc = new MerkleAccumulator();
  for (const block of blocks) acc.addNode(block);
  return acc.rootBinary(tail);
}
