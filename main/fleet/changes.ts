// fleet.changed, coalesced: the hosts that changed since the last notice, at most one notice per
// interval, so hundreds of hosts do not flood the renderer; and drift.changed when drift windows arrive.
import {
  throttledBatch,
  type BatchTimer,
  type ThrottledBatch,
} from '../../shared/util/throttledBatch.ts';
import type { EventBus } from '../core/events.ts';

/** Node timers that never keep the console process alive on their own. */
const unrefTimer: BatchTimer = {
  now: () => Date.now(),
  schedule(run, ms) {
    const handle = setTimeout(run, ms);
    handle.unref();
    return () => clearTimeout(handle);
  },
};

export class FleetChanges {
  private readonly batch: ThrottledBatch<number>;
  private readonly drift: ThrottledBatch<string>;

  constructor(events: EventBus, everyMs: number) {
    this.batch = throttledBatch<number>(
      everyMs,
      (hostIds) => events.emit('fleet.changed', { hostIds: hostIds.sort((a, b) => a - b) }),
      unrefTimer,
    );
    this.drift = throttledBatch<string>(
      everyMs,
      (models) => events.emit('drift.changed', { models }),
      unrefTimer,
    );
  }

  notify(hostId: number): void {
    this.batch.add([hostId]);
  }

  /** New drift windows were stored for these models (about one a minute per host and model). */
  driftArrived(models: readonly string[]): void {
    this.drift.add(models);
  }

  stop(): void {
    this.batch.cancel();
    this.drift.cancel();
  }
}
