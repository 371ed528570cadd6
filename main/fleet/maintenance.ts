// Telemetry upkeep on timers while the fleet runs: the 1 h roll-up and retention (by age, then by
// disk budget: the command line's, else the one set in Settings), one pass of each at a time; a
// failed pass is logged and the next tick tries again.
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../log.ts';
import type { WritableDb } from '../store/types.ts';
import { rollUpHours } from '../telemetry/rollUp.ts';
import type { FleetConfig } from './config.ts';
import { enforceDiskBudget, retentionInForce, type DiskBudgetReport } from './diskBudget.ts';
import { runRetention, type RetentionReport } from './retention.ts';

export class FleetMaintenance {
  private current: { db: WritableDb; isCurrent: () => boolean } | null = null;
  private timers: NodeJS.Timeout[] = [];
  private busy = { rollup: false, retention: false };

  constructor(
    private readonly options: {
      clock: Clock;
      logger: Logger;
      config: FleetConfig;
      /** Told after a pass that dropped telemetry for the budget (Settings shows the last drop). */
      onBudgetDrop?: () => void;
    },
  ) {}

  /** Runs upkeep on `db` until stop(), or until `isCurrent` says the fleet moved on. */
  start(db: WritableDb, isCurrent: () => boolean): void {
    this.stop();
    this.current = { db, isCurrent };
    const every = (ms: number, job: () => Promise<unknown>) => {
      const timer = setInterval(() => void job(), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.options.config.rollupEveryMs, () => this.rollUp());
    every(this.options.config.retentionEveryMs, () => this.retain());
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.current = null;
  }

  /** Runs the 1 h roll-up now (also runs on a timer). */
  async rollUp(): Promise<number> {
    const db = this.current?.db;
    if (!db || this.busy.rollup) return 0;
    this.busy.rollup = true;
    try {
      return await rollUpHours(db, this.options.clock.now().getTime());
    } catch (error) {
      this.options.logger.error('fleet: 1 h roll-up failed', { error: String(error) });
      return 0;
    } finally {
      this.busy.rollup = false;
    }
  }

  /** Runs one retention pass now (also runs on a timer): by age, then by disk budget. */
  async retain(): Promise<(RetentionReport & { diskBudget: DiskBudgetReport | null }) | null> {
    const current = this.current;
    if (!current || this.busy.retention) return null;
    this.busy.retention = true;
    try {
      const nowMs = this.options.clock.now().getTime();
      const isStopped = () => this.current !== current || !current.isCurrent();
      // The budget the command line set wins; without one, the budget an admin set in Settings.
      const retention = retentionInForce(current.db, this.options.config.retention);
      const report = await runRetention(current.db, nowMs, retention, 2000, isStopped);
      const diskBudget = isStopped()
        ? null
        : await enforceDiskBudget(current.db, nowMs, retention, 2000, isStopped);
      if (diskBudget)
        this.options.logger.warn(
          diskBudget.met
            ? 'fleet: the store was over its disk budget; the oldest telemetry was dropped'
            : 'fleet: the store is over its disk budget even with telemetry dropped to the minimum kept',
          {
            ...diskBudget.dropped,
            ...diskBudget.keptFrom,
            budgetBytes: diskBudget.budgetBytes,
            afterBytes: diskBudget.afterBytes,
          },
        );
      if (diskBudget) this.options.onBudgetDrop?.();
      return { ...report, diskBudget };
    } catch (error) {
      this.options.logger.error('fleet: retention failed', { error: String(error) });
      return null;
    } finally {
      this.busy.retention = false;
    }
  }
}
