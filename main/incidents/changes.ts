// incidents.changed, after the commit, with the counts the navigation and the window title show.
// Changes within one tick are coalesced into one notice, so a burst of alerts makes one event.
import type { EventBus } from '../core/events.ts';
import type { ReadableDb } from '../store/types.ts';
import { incidentCounts } from './incidentRepository.ts';

export class IncidentChanges {
  private pending: { ids: Set<number>; isAlertsChanged: boolean } | null = null;

  constructor(
    private readonly events: EventBus,
    private readonly store: () => ReadableDb,
  ) {}

  note(incidentIds: readonly number[], isAlertsChanged: boolean): void {
    const first = this.pending === null;
    this.pending ??= { ids: new Set(), isAlertsChanged: false };
    for (const id of incidentIds) this.pending.ids.add(id);
    this.pending.isAlertsChanged ||= isAlertsChanged;
    if (first) queueMicrotask(() => this.flush());
  }

  private flush(): void {
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    this.events.emit('incidents.changed', {
      incidentIds: [...pending.ids].sort((a, b) => a - b),
      isAlertsChanged: pending.isAlertsChanged,
      counts: incidentCounts(this.store()),
    });
  }
}
