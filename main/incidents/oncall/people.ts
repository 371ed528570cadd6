// Who may be on a rota or named in a tier: enabled operators of this console.
import type { OnCallPerson } from '../../../shared/ipc/contract.ts';
import type { Clock } from '../../core/clock.ts';
import { DomainError } from '../../core/errors.ts';
import type { EventBus } from '../../core/events.ts';
import { findOperatorByUsername, listOperators } from '../../identity/operatorRepository.ts';
import type { ReadableDb, WritableDb } from '../../store/db.ts';

/** What the on-call and escalation services are built from. */
export interface OnCallDeps {
  store: () => WritableDb;
  events: EventBus;
  clock: Clock;
  /** The site's IANA zone: hand-off times and the calendar are read in it. */
  timeZone: () => string;
}

export function listPeople(db: ReadableDb): OnCallPerson[] {
  return listOperators(db).map((o) => ({
    username: o.username,
    displayName: o.displayName,
    isDisabled: o.disabled,
  }));
}

/** Refuses a name that is not an enabled operator, saying which and why. */
export function assertOperators(db: ReadableDb, usernames: readonly string[], where: string): void {
  for (const username of new Set(usernames)) {
    const operator = findOperatorByUsername(db, username);
    if (!operator) {
      throw new DomainError(
        'BAD_REQUEST',
        `${where}: there is no operator named "${username}". Create the operator in Settings first.`,
      );
    }
    if (operator.disabled) {
      throw new DomainError(
        'BAD_REQUEST',
        `${where}: the operator "${username}" is disabled and cannot be paged. Enable them or choose someone else.`,
      );
    }
  }
}

/** The usernames among these that belong to enabled operators (a disabled one is never paged). */
export function enabledOnly(db: ReadableDb, usernames: readonly string[]): string[] {
  return [...new Set(usernames)].filter((u) => {
    const operator = findOperatorByUsername(db, u);
    return operator !== null && !operator.disabled;
  });
}
