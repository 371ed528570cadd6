// Runbooks, assembled: the library, runs on incidents, health gates and automation rules, wired to
// the fleet's action path and readings and to incident paging. The composition root builds one.
import type { ActionSpec } from '../../shared/agent-protocol/index.ts';
import { SECOND_MS } from '../../shared/domain/time.ts';
import type { IncidentRunbooks } from '../../shared/ipc/runbookSchemas.ts';
import type { Clock } from '../core/clock.ts';
import type { EventBus } from '../core/events.ts';
import type { LiveValue } from '../fleet/liveValues.ts';
import type { Pager } from '../incidents/paging.ts';
import type { Logger } from '../log.ts';
import type { WritableDb } from '../store/types.ts';
import { AutoRuns, suggestionsFor } from './automation.ts';
import { loadBuiltinRunbooks } from './builtins.ts';
import { fleetHosts } from './fleetView.ts';
import { HealthGates } from './healthGates.ts';
import type { ModelVersionLookup } from './incidentValues.ts';
import { MODEL_VERSIONS } from './modelVersions.ts';
import { RunbookLibrary } from './library.ts';
import { runsOfIncident } from './runRepository.ts';
import { toRun } from './runRecords.ts';
import { RunbookRuns, type ActionRunner } from './runs.ts';

export { RunbookLibrary, validateRunbook, BUILTIN_ACTOR } from './library.ts';
export { RunbookRuns } from './runs.ts';
export { HealthGates, judge } from './healthGates.ts';
export { loadBuiltinRunbooks, BUILTIN_RUNBOOKS_DIR, DEFAULT_RULES } from './builtins.ts';
export type { ModelVersionLookup } from './incidentValues.ts';

export interface RunbooksOptions {
  store: () => WritableDb;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  /** The fleet's action path (declared actions only, audited). */
  runAction: ActionRunner;
  /** The actions a connected host's agent declared in its hello. */
  actionsOf: (hostId: number) => readonly ActionSpec[] | undefined;
  /** The newest reading of every series of a host. */
  readings: (hostId: number) => readonly LiveValue[];
  pager: Pager;
  timeZone: () => string;
  /** The model versions templates read (default: what the console has learned). */
  versions?: ModelVersionLookup;
  /** Told which incidents gained timeline entries, so their views refresh. */
  onIncidentsChanged: (incidentIds: number[]) => void;
  /** How often health gates are looked at besides on new telemetry (default 15 s). */
  gateEveryMs?: number;
}

export class Runbooks {
  readonly library: RunbookLibrary;
  readonly runs: RunbookRuns;
  readonly gates: HealthGates;
  readonly autoRuns: AutoRuns;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: RunbooksOptions) {
    const { store, clock, events } = options;
    const changed = (incidentId: number | null) => {
      events.emit('runbooks.changed', {
        incidentIds: incidentId === null ? [] : [incidentId],
        isLibraryChanged: incidentId === null,
      });
      if (incidentId !== null) options.onIncidentsChanged([incidentId]);
    };
    this.library = new RunbookLibrary({ store, clock, onChanged: () => changed(null) });
    this.runs = new RunbookRuns({
      store,
      clock,
      runAction: options.runAction,
      hosts: (db) => fleetHosts(db, options.actionsOf),
      versions: options.versions ?? MODEL_VERSIONS,
      onChanged: changed,
    });
    this.gates = new HealthGates({
      store,
      clock,
      readings: options.readings,
      runs: this.runs,
      pager: options.pager,
      timeZone: options.timeZone,
      onChanged: changed,
    });
    this.autoRuns = new AutoRuns({
      store,
      runs: this.runs,
      logger: options.logger,
      nowMs: () => clock.now().getTime(),
      onChanged: changed,
    });
    this.listen();
  }

  forIncident(incidentId: number): IncidentRunbooks {
    const db = this.options.store();
    return {
      suggestions: suggestionsFor(db, incidentId),
      runs: runsOfIncident(db, incidentId).map((r) => toRun(db, r)),
    };
  }

  /** Once the store is open: stores the built-ins, then watches gates and incidents. */
  start(): void {
    const { logger } = this.options;
    try {
      loadBuiltinRunbooks(this.options.store(), this.library, this.options.clock.now().getTime());
    } catch (error) {
      logger.error('runbooks: loading the built-in runbooks failed', { error: String(error) });
    }
    if (this.timer) return;
    this.timer = setInterval(() => this.lookAtGates(), this.options.gateEveryMs ?? 15 * SECOND_MS);
    this.timer.unref();
  }

  private lookAtGates(): void {
    this.tickGates().catch((error: unknown) =>
      this.options.logger.error('runbooks: a look at health gates failed', {
        error: String(error),
      }),
    );
  }

  /** One look at every watching health gate (a drill in compressed time calls it after each step). */
  tickGates(): Promise<void> {
    return this.gates.tick();
  }

  /** New telemetry may pass a gate; a new or changed incident may match an `auto` rule. */
  private listen(): void {
    const { events, logger } = this.options;
    events.on((event, payload) => {
      if (!this.timer) return;
      if (event === 'fleet.changed') this.lookAtGates();
      if (event === 'incidents.changed')
        this.autoRuns
          .onIncidentsChanged((payload as { incidentIds: number[] }).incidentIds)
          .catch((error: unknown) =>
            logger.error('runbooks: automation rules failed', { error: String(error) }),
          );
    });
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
