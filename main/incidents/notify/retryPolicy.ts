// How often a failed delivery is tried again: doubling waits from the first delay up to a cap, then
// the delivery is marked failed and shown (never dropped).
import type { RetryPolicy } from '../../../shared/ipc/notifySchemas.ts';
import { MINUTE_MS, SECOND_MS } from '../../../shared/domain/time.ts';

export type { RetryPolicy };

/** 30 s, 1, 2, 4, 8 min, then every 10 min: eight attempts over about 36 minutes. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  firstDelayMs: 30 * SECOND_MS,
  maxDelayMs: 10 * MINUTE_MS,
};

/** The wait after the given number of failed attempts (1 = the first one failed). */
export function retryDelayMs(policy: RetryPolicy, failedAttempts: number): number {
  const doublings = Math.max(0, failedAttempts - 1);
  // 2^30 is already far past any cap; stopping there keeps the product finite.
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(doublings, 30));
}
