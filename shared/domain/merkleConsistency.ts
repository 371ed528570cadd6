// RFC 9162 §2.1.4.2: checks, from the proof alone, that a Merkle tree of size `second` extends the
// tree of size `first` without rewriting any of its leaves. Pure: the caller supplies the node hash
// (SHA-256 over 0x01 || left || right), so the console and the agent share one verifier.

/** Interior node hash over two child hashes, lower-case hex in and out. */
export type HashChildren = (left: string, right: string) => string;

const HEX64 = /^[0-9a-f]{64}$/;

function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

// Sizes stay below 2^53, so halving by division is exact where >>> would wrap at 2^32.
const half = (n: number) => Math.floor(n / 2);
const isOdd = (n: number) => n % 2 === 1;

export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: string,
  secondRoot: string,
  proof: readonly string[],
  hashChildren: HashChildren,
): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || second < first)
    return false;
  if (!HEX64.test(firstRoot) || !HEX64.test(secondRoot) || !proof.every((p) => HEX64.test(p)))
    return false;
  // The two degenerate cases: a tree is consistent with itself, and the empty tree is a prefix of every tree.
  if (first === second) return proof.length === 0 && firstRoot === secondRoot;
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as string;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return fr === firstRoot && sr === secondRoot && sn === 0;
}
