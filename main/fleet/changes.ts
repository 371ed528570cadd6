// fleet.changed, coalesced: the hosts that changed since the last notice, at most one notice per
// interval, so hundreds of hosts do not flood the renderer.
import type { EventBus } from '../core/events.ts';

export class FleetChanges {
  private readonly changed = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private lastNotify = 0;

  constructor(
    private readonly events: EventBus,
    private readonly everyMs: number,
  ) {}

  notify(hostId: number): void {
    this.changed.add(hostId);
    if (this.timer) return;
    const wait = Math.max(0, this.lastNotify + this.everyMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.lastNotify = Date.now();
      const hostIds = [...this.changed].sort((a, b) => a - b);
      this.changed.clear();
      this.events.emit('fleet.changed', { hostIds });
    }, wait);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
