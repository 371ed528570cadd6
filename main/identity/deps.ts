// What the identity services are built from; the composition root passes one of these to each.
import type { Clock } from '../core/clock.ts';
import type { EventBus } from '../core/events.ts';
import type { Site } from '../core/site.ts';
import type { AttemptLimiter } from './attempts.ts';

export interface IdentityDeps {
  site: Site;
  events: EventBus;
  clock: Clock;
  /** Failed password and passphrase attempts, per account and per source. */
  attempts: AttemptLimiter;
}
