// RFC 9162 §2.1 Merkle tree hash, accumulated leaf by leaf in O(log n) memory.
import { sha256 } from './entryHash.ts';

const EMPTY_ROOT = sha256(Buffer.alloc(0));

export class MerkleAccumulator {
  // Roots of the perfect subtrees that make up the tree so far, largest (leftmost) first.
  private readonly stack: Buffer[] = [];
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

  // Leaf data here is always a 32-byte entry hash, so the leaf input buffer can be reused.
  addLeaf(data: Buffer): void {
    let node = data.length === 32 ? this.hashLeaf32(data) : sha256(Buffer.concat([Buffer.from([0]), data]));
    for (let n = this.count; n & 1; n >>>= 1) {
      node = this.hashNode(this.stack.pop() as Buffer, node);
    }
    this.stack.push(node);
    this.count += 1;
  }

  // Folding right to left reproduces the RFC's split at the largest power of two below n.
  root(): Buffer {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let node = this.stack[this.stack.length - 1] as Buffer;
    for (let i = this.stack.length - 2; i >= 0; i -= 1) node = this.hashNode(this.stack[i] as Buffer, node);
    return node;
  }

  private hashLeaf32(data: Buffer): Buffer {
    data.copy(this.leafInput, 1);
    return sha256(this.leafInput);
  }

  private hashNode(left: Buffer, right: Buffer): Buffer {
    left.copy(this.nodeInput, 1);
    right.copy(this.nodeInput, 33);
    return sha256(this.nodeInput);
  }
}

export function merkleRoot(leaves: Iterable<Buffer>): Buffer {
  const acc = new MerkleAccumulator();
  for (const leaf of leaves) acc.addLeaf(leaf);
  return acc.root();
}
