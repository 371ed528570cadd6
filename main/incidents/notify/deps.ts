// What notification delivery needs from the console: the store (null while locked), the clock, the
// event bus, the site's name and zone for the messages, and the wire.
import type { Clock } from '../../core/clock.ts';
import type { EventBus } from '../../core/events.ts';
import type { Logger } from '../../log.ts';
import type { WritableDb } from '../../store/types.ts';
import type { RetryPolicy } from './retryPolicy.ts';
import type { Transports } from './transports.ts';

export interface NotifyDeps {
  store: () => WritableDb | null;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  siteName: () => string;
  timeZone: () => string;
  retry: RetryPolicy;
  transports: Transports;
  /** Told when notification entries land on incidents' timelines, so the incident views refresh. */
  onTimelineChanged: (incidentIds: number[]) => void;
}
