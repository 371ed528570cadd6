// The backend's one error vocabulary: a code from the contract and a message an operator can act
// on. Services throw it; the API edge maps it once to `{ ok: false, error }`.
import type { ErrorCode } from '../../shared/ipc/contract.ts';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** When a refused attempt may be made again (TOO_MANY_ATTEMPTS), for the UI to show in its own words. */
    readonly retryAt?: Date,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
