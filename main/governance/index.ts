// Model governance: retraining triggers and change records, joined to the fleet (agents' version
// reports and digests, deploy and rollback results) and run on a timer. The experiments service and
// any other feature that changes a model in production files its change through `changes.propose`.
import { SECOND_MS } from '../../shared/domain/time.ts';
import type { SloSummary } from '../../shared/ipc/sloSchemas.ts';
import type { Clock } from '../core/clock.ts';
import type { EventBus } from '../core/events.ts';
import { findHost } from '../fleet/hosts.ts';
import type { FleetService } from '../fleet/service.ts';
import type { Logger } from '../log.ts';
import { versionHistory } from '../models/index.ts';
import type { WritableDb } from '../store/types.ts';
import { ChangeRecords } from './changeRecords.ts';
import { recordDigests } from './digests.ts';
import { RETRAINING_SYSTEM_ACTOR, RetrainingTriggers } from './triggers.ts';

export { ChangeRecords, type ChangeActor, type ChangeRequest } from './changeRecords.ts';
export { RetrainingTriggers, RETRAINING_SYSTEM_ACTOR } from './triggers.ts';

const VERSION_ACTIONS: Record<string, 'rollback' | 'deploy'> = {
  rollback_model: 'rollback',
  deploy_model_version: 'deploy',
};

export interface GovernanceOptions {
  store: () => WritableDb;
  isReady: () => boolean;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  fleet: FleetService;
  siteName: () => string;
  sloSummaries: () => readonly SloSummary[];
  /** How often trigger rules are evaluated (default 60 s). */
  everyMs?: number;
}

export interface Governance {
  changes: ChangeRecords;
  triggers: RetrainingTriggers;
  start(): void;
  stop(): void;
}

export function createGovernance(options: GovernanceOptions): Governance {
  const { store, clock, events, logger, fleet } = options;
  const changes = new ChangeRecords({ store, clock, events });
  const triggers = new RetrainingTriggers({ ...options, changes });
  fleet.ingestEvents.onSamplesCommitted((_hostId, samples) => {
    try {
      const db = store();
      recordDigests(db, samples, clock.now().getTime(), (model, version, digests) => {
        for (const id of changes.noteDigests(db, model, version, digests)) changes.announce(id);
      });
    } catch (error) {
      logger.error('governance: recording version digests failed', { error: String(error) });
    }
  });
  // Deploys and rollbacks (from a runbook or a host's actions) are changes in production too.
  fleet.onActionFinished((db, request, result, actor) => {
    const kind = VERSION_ACTIONS[request.action];
    const { model, version } = request.params;
    if (!kind || result.status !== 'ok' || typeof model !== 'string' || version === undefined)
      return;
    try {
      const toVersion = String(version);
      const latest = versionHistory(db, model).find((c) => c.version === toVersion);
      const host = findHost(db, request.hostId)?.name ?? `host ${request.hostId}`;
      const id = changes.observe(
        db,
        {
          model,
          kind,
          fromVersion: latest?.fromVersion ?? null,
          toVersion,
          host,
          hostId: request.hostId,
          action: request.action,
        },
        actor,
      );
      changes.announce(id);
    } catch (error) {
      logger.error('governance: recording a change from an action failed', {
        error: String(error),
      });
    }
  });
  events.on((event, payload) => {
    if (event !== 'models.changed' || !options.isReady()) return;
    for (const model of (payload as { models: string[] }).models) {
      try {
        triggers.onVersionsChanged(model);
        const settled = changes.settleArrivals(store(), model, RETRAINING_SYSTEM_ACTOR);
        for (const id of settled) changes.announce(id);
      } catch (error) {
        logger.error('governance: following a version change failed', { error: String(error) });
      }
    }
  });
  let timer: NodeJS.Timeout | undefined;
  return {
    changes,
    triggers,
    start() {
      timer ??= setInterval(
        () => {
          if (!options.isReady()) return;
          triggers
            .tick()
            .catch((error: unknown) =>
              logger.error('governance: trigger evaluation failed', { error: String(error) }),
            );
        },
        options.everyMs ?? 60 * SECOND_MS,
      );
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
