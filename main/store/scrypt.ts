// scrypt cost: the target for new secrets, the bounds any stored record must stay within, and one
// derive function that sets maxmem explicitly. Used by keyring.json and by operator passwords.
import { scrypt } from 'node:crypto';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** New keyrings and password hashes (OWASP's scrypt minimum: N=2^17, r=8, p=1; 128 MiB, ~0.4 s here). */
export const SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
/** What Mirqab wrote before; still read, and re-derived at SCRYPT_COST on the next successful use. */
export const LEGACY_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

const MIN_LOG2_N = 15;
const MAX_LOG2_N = 20;
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;
// About eight times the target's work: anything costlier is a mistake or an attack on our CPU.
const MAX_WORK = 8 * SCRYPT_COST.N * SCRYPT_COST.r * SCRYPT_COST.p;

const memoryOf = (cost: ScryptCost) => 128 * cost.r * (cost.N + cost.p + 2);

/** Why a stored cost is refused, or null when it is within bounds. Checked before anything is allocated. */
export function scryptCostProblem(cost: ScryptCost): string | null {
  const { N, r, p } = cost;
  if (![N, r, p].every(Number.isSafeInteger)) return 'N, r and p must be whole numbers';
  const log2N = Math.log2(N);
  if (!Number.isInteger(log2N) || log2N < MIN_LOG2_N || log2N > MAX_LOG2_N) {
    return `N must be a power of two from 2^${MIN_LOG2_N} to 2^${MAX_LOG2_N}`;
  }
  if (r < 8 || r > 16) return 'r must be from 8 to 16';
  if (p < 1 || p > 16) return 'p must be from 1 to 16';
  if (memoryOf(cost) > MAX_MEMORY_BYTES)
    return `it would need more than ${MAX_MEMORY_BYTES / 2 ** 20} MiB`;
  if (N * r * p > MAX_WORK) return 'it would take far longer than Mirqab ever asks for';
  return null;
}

export function describeCost(cost: ScryptCost): string {
  const log2N = Math.log2(cost.N);
  const n = Number.isInteger(log2N) ? `2^${log2N}` : String(cost.N);
  return `N=${n}, r=${cost.r}, p=${cost.p}`;
}

/** True when a record made at `cost` should be re-derived at `target` (never downgrades). */
export function isWeakerThan(cost: ScryptCost, target: ScryptCost): boolean {
  return cost.N * cost.r * cost.p < target.N * target.r * target.p;
}

/** scrypt with its memory limit set from the cost; the caller has checked the cost is within bounds. */
export function deriveScrypt(
  secret: string | Buffer,
  salt: Buffer,
  length: number,
  cost: ScryptCost,
): Promise<Buffer> {
  const problem = scryptCostProblem(cost);
  if (problem)
    return Promise.reject(new Error(`scrypt cost ${describeCost(cost)} refused: ${problem}`));
  const options = { N: cost.N, r: cost.r, p: cost.p, maxmem: memoryOf(cost) + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
