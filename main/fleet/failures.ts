// Fleet failures: a DomainError with the contract's code for the API, plus the finer reason
// (REFUSED, UNREACHABLE, UNDECLARED…) that the audit trail and the log keep as evidence.
import type { ErrorCode } from '../../shared/ipc/contract.ts';
import { DomainError } from '../core/errors.ts';

export type FleetFailureReason =
  'BAD_CODE' | 'NOT_FOUND' | 'CONFLICT' | 'REFUSED' | 'UNREACHABLE' | 'OFFLINE' | 'UNDECLARED';

/** The agent's or the operator's side: a bad request, or a state the fleet is in (conflict). */
const CONTRACT_CODE: Readonly<Record<FleetFailureReason, ErrorCode>> = {
  BAD_CODE: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  REFUSED: 'CONFLICT',
  UNREACHABLE: 'CONFLICT',
  OFFLINE: 'CONFLICT',
  UNDECLARED: 'BAD_REQUEST',
};

const reasons = new WeakMap<DomainError, FleetFailureReason>();

export function fleetFailure(reason: FleetFailureReason, message: string): DomainError {
  const error = new DomainError(CONTRACT_CODE[reason], message);
  reasons.set(error, reason);
  return error;
}

/** The reason to audit and log: the fleet's own where it named one, else the contract code. */
export function failureReason(error: DomainError): string {
  return reasons.get(error) ?? error.code;
}
