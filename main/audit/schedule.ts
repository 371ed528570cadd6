// Signs checkpoints without anyone asking: once the log has grown and the last checkpoint is older
// than `everyMs`, and at once after a sensitive entry, so cutting recent entries out of the store
// also means cutting signed checkpoints, which the witnesses then contradict.
import type { Checkpoint } from '../../shared/ipc/contract.ts';
import type { Logger } from '../log.ts';
import { all, sql, sqlJoin } from '../store/sql.ts';
import type { WritableDb } from '../store/types.ts';
import { createCheckpoint, latestCheckpoint } from './checkpoint.ts';
import { AuditError } from './errors.ts';
import { appendAudit, auditHead } from './log.ts';

/** Entries worth a checkpoint of their own the moment they are written. */
export const SENSITIVE_ACTIONS = [
  'setup.create',
  'store.rotateKey',
  'store.changePassphrase',
  'operators.create',
  'operators.setRole',
  'operators.setDisabled',
  'sessions.revoke',
  'settings.update',
  'fleet.enrol',
  'fleet.revoke',
  'intake.token.create',
  'intake.token.revoke',
  'audit.verify',
  'audit.export',
  'sla.export',
  'postmortem.export',
  'drill.export',
  'postmortem.publish',
  'audit.witnessAlarm',
  'runbook.import',
  'runbook.step.approve',
  // What a rollback goes back to.
  'models.markGood',
  'models.setPolicy',
] as const;
const SENSITIVE_LIST = sqlJoin(SENSITIVE_ACTIONS.map((a) => sql`${a}`));

export const DEFAULT_CHECKPOINT_EVERY_MS = 5 * 60_000;
const DEFAULT_POLL_MS = 5_000;

export interface CheckpointScheduleOptions {
  /** The open store, or null while it is locked. */
  store: () => WritableDb | null;
  now: () => Date;
  logger: Logger;
  everyMs?: number;
  /** How often to look whether a checkpoint is due (entries written outside the API are noticed here). */
  pollMs?: number;
  /** Every new latest checkpoint, whoever signed it (this schedule, a verification, an export). */
  onCheckpoint?: (checkpoint: Checkpoint) => void;
}

export class CheckpointSchedule {
  private timer: NodeJS.Timeout | null = null;
  private announced: string | null = null;
  private lastRefusal: string | null = null;
  /** The latest checkpoint and when this console first saw it, by its own clock (signedAt may be another machine's). */
  private seen: { id: string; atMs: number } | null = null;

  constructor(private readonly options: CheckpointScheduleOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.options.pollMs ?? DEFAULT_POLL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Signs a checkpoint if one is due and announces the latest; returns what it signed, or null. */
  tick(): Checkpoint | null {
    try {
      return this.run();
    } catch (error) {
      // A timer callback must not throw; the next tick tries again.
      this.options.logger.error('audit: the checkpoint schedule failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      return null;
    }
  }

  private run(): Checkpoint | null {
    const db = this.options.store();
    if (!db) return null;
    let signed: Checkpoint | null = null;
    const latest = latestCheckpoint(db);
    if (this.isDue(db, latest)) signed = this.sign(db, latest);
    const newest = signed ?? latest;
    const id = newest ? `${newest.treeSize}:${newest.rootHash}` : null;
    if (newest && id !== this.announced) {
      this.announced = id;
      this.options.onCheckpoint?.(newest);
    }
    return signed;
  }

  private isDue(db: WritableDb, latest: Checkpoint | null): boolean {
    const head = auditHead(db).seq;
    if (!latest) return head > 0;
    if (head <= latest.treeSize) return head < latest.treeSize; // shorter: let createCheckpoint refuse and say so
    const sensitive = all(
      db,
      sql`SELECT 1 FROM audit_log WHERE action IN (${SENSITIVE_LIST}) AND seq > ${latest.treeSize} LIMIT 1`,
    );
    if (sensitive.length > 0) return true;
    const id = `${latest.treeSize}:${latest.rootHash}`;
    const nowMs = this.options.now().getTime();
    const signedMs = Date.parse(latest.signedAt);
    if (this.seen?.id !== id)
      this.seen = { id, atMs: Number.isFinite(signedMs) ? Math.min(nowMs, signedMs) : nowMs };
    return nowMs - this.seen.atMs >= (this.options.everyMs ?? DEFAULT_CHECKPOINT_EVERY_MS);
  }

  private sign(db: WritableDb, latest: Checkpoint | null): Checkpoint | null {
    const now = this.options.now();
    try {
      const checkpoint = createCheckpoint(db, now);
      this.lastRefusal = null;
      return checkpoint;
    } catch (error) {
      if (!(error instanceof AuditError)) throw error;
      // Said once per kind of refusal and checkpoint: auditing every poll would grow the log it refuses to sign.
      const refusal = `${error.code}:${latest?.treeSize ?? 0}:${latest?.rootHash ?? ''}`;
      if (refusal !== this.lastRefusal) {
        this.lastRefusal = refusal;
        this.options.logger.error('audit: refused to sign a scheduled checkpoint', {
          code: error.code,
          reason: error.message,
        });
        appendAudit(
          db,
          {
            actor: 'system',
            role: 'system',
            action: 'audit.checkpointRefused',
            target: 'audit-log',
            outcome: 'failure',
            details: { code: error.code, reason: error.message },
          },
          now,
        );
      }
      return null;
    }
  }
}
