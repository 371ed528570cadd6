// Notifications that work with no internet: the console and desktop are told of each page at once,
// and the site's SMTP relay and chat webhook get it through a durable, retried outbox.
import type { Clock } from '../../core/clock.ts';
import type { EventBus } from '../../core/events.ts';
import type { Logger } from '../../log.ts';
import type { WritableDb } from '../../store/types.ts';
import type { NotifyDeps } from './deps.ts';
import { DeliveryWorker } from './deliveryWorker.ts';
import { Notifier } from './notifier.ts';
import { NotifyService } from './notifyService.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy.ts';
import { networkTransports, type Transports } from './transports.ts';

export { DeliveryWorker, Notifier, NotifyService, DEFAULT_RETRY_POLICY };
export type { NotifyDeps, RetryPolicy, Transports };

/** How often the outbox is looked at when nothing kicks it (a retry falls due, the store reopens). */
export const OUTBOX_POLL_MS = 5_000;

export interface NotificationsOptions {
  store: () => WritableDb | null;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  siteName: () => string;
  timeZone: () => string;
  retry?: Partial<RetryPolicy>;
  transports?: Transports;
  onTimelineChanged?: (incidentIds: number[]) => void;
}

export interface Notifications {
  /** The Pager escalation calls. */
  notifier: Notifier;
  worker: DeliveryWorker;
  service: NotifyService;
}

export function createNotifications(options: NotificationsOptions): Notifications {
  const deps: NotifyDeps = {
    ...options,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    transports: options.transports ?? networkTransports,
    onTimelineChanged: options.onTimelineChanged ?? (() => {}),
  };
  const worker = new DeliveryWorker(deps);
  return {
    notifier: new Notifier(deps, worker),
    worker,
    service: new NotifyService(deps, worker),
  };
}
