// The alert stream as operators work it: list it, judge alerts useful or noise, silence by labels
// (audited), and see which rules make noise.
import {
  allMatch,
  matcherError,
  matches,
  type AlertVerdict,
  type IncomingAlert,
  type LabelMatcher,
} from '../../shared/domain/incidents/index.ts';
import { DAY_MS } from '../../shared/domain/time.ts';
import type { ChannelOutput, ChannelParsedInput } from '../../shared/ipc/contract.ts';
import type { PipelineAlert, Silence } from '../../shared/ipc/incidentSchemas.ts';
import { auditBy } from '../audit/index.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import { all, run, sql } from '../store/sql.ts';
import type { WritableDb } from '../store/types.ts';
import {
  getAlert,
  listAlertRows,
  noiseReport,
  resolveAlert,
  rowToAlert,
  setVerdict,
  type AlertRow,
} from './alertRepository.ts';
import type { IncidentChanges } from './changes.ts';
import type { Actor } from './incidentService.ts';
import type { AlertPipeline } from './pipeline.ts';
import { expireSilence, getSilence, insertSilence, listSilences } from './silenceRepository.ts';

export interface AlertStreamOptions {
  store: () => WritableDb;
  clock: Clock;
  changes: IncidentChanges;
  pipeline: AlertPipeline;
}

const MAX_SILENCE_MS = 90 * DAY_MS;

export class AlertStreamService {
  constructor(private readonly options: AlertStreamOptions) {}

  private get db() {
    return this.options.store();
  }

  private nowMs() {
    return this.options.clock.now().getTime();
  }

  list(input: ChannelParsedInput<'alertStream.list'>): PipelineAlert[] {
    return listAlertRows(this.db, input).map(rowToAlert);
  }

  setVerdict(id: number, verdict: AlertVerdict, by: Actor): PipelineAlert {
    const db = this.db;
    const row = db.transaction(() => {
      const alert = getAlert(db, id);
      if (!alert) throw new DomainError('NOT_FOUND', `There is no alert ${id}.`);
      setVerdict(db, id, verdict, by.username);
      auditBy(
        db,
        by,
        {
          action: 'alert.verdict',
          target: `alert:${id}`,
          outcome: 'success',
          details: { verdict, rule: alert.rule, source: alert.source },
        },
        this.options.clock.now(),
      );
      return getAlert(db, id)!;
    })();
    this.options.changes.note(row.incident_id === null ? [] : [row.incident_id], true);
    return rowToAlert(row);
  }

  noiseReport(days: number): ChannelOutput<'alertStream.noiseReport'> {
    return noiseReport(this.db, this.nowMs() - days * DAY_MS);
  }

  silences(includeExpired: boolean): Silence[] {
    return listSilences(this.db, includeExpired, this.nowMs());
  }

  createSilence(input: ChannelParsedInput<'silences.create'>, by: Actor): Silence {
    const nowMs = this.nowMs();
    const startsAtMs = input.startsAt ? Date.parse(input.startsAt) : nowMs;
    const endsAtMs = Date.parse(input.endsAt);
    if (endsAtMs <= Math.max(startsAtMs, nowMs))
      throw new DomainError('BAD_REQUEST', 'A silence must end after it starts and in the future.');
    if (endsAtMs - startsAtMs > MAX_SILENCE_MS)
      throw new DomainError(
        'BAD_REQUEST',
        'A silence may last at most 90 days; create a new one after that.',
      );
    const matchers: LabelMatcher[] = input.matchers;
    for (const m of matchers) {
      const error = matcherError(m);
      if (error) throw new DomainError('BAD_REQUEST', `Matcher ${m.name}: ${error}.`);
    }
    // As Alertmanager: a silence whose every matcher also matches an absent label would silence everything.
    if (matchers.every((m) => matches(m, {})))
      throw new DomainError(
        'BAD_REQUEST',
        'A silence needs at least one matcher that an empty label does not satisfy (e.g. service="fraud-detector").',
      );
    const db = this.db;
    const touched: number[] = [];
    const id = db.transaction(() => {
      const created = insertSilence(db, {
        matchers,
        startsAtMs,
        endsAtMs,
        by: by.username,
        reason: input.reason,
        nowMs,
      });
      // Firing alerts it covers are suppressed now, as Alertmanager marks them silenced.
      if (startsAtMs <= nowMs) {
        for (const row of listAlertRows(db, { states: ['firing'], limit: 100_000 })) {
          if (!allMatch(matchers, JSON.parse(row.labels) as Record<string, string>)) continue;
          run(
            db,
            sql`UPDATE pipeline_alerts SET state = 'suppressed', silence_id = ${created} WHERE id = ${row.id}`,
          );
          if (row.incident_id !== null) touched.push(row.incident_id);
        }
      }
      auditBy(
        db,
        by,
        {
          action: 'silence.create',
          target: `silence:${created}`,
          outcome: 'success',
          details: {
            matchers,
            startsAt: new Date(startsAtMs).toISOString(),
            endsAt: input.endsAt,
            reason: input.reason,
          },
        },
        new Date(nowMs),
      );
      return created;
    })();
    this.options.changes.note(touched, true);
    return getSilence(db, id, nowMs)!;
  }

  expireSilence(id: number, by: Actor): Silence {
    const db = this.db;
    const nowMs = this.nowMs();
    const before = getSilence(db, id, nowMs);
    if (!before) throw new DomainError('NOT_FOUND', `There is no silence ${id}.`);
    if (before.status === 'expired')
      throw new DomainError('CONFLICT', `Silence ${id} has already ended.`);
    db.transaction(() => {
      expireSilence(db, id, by.username, nowMs);
      auditBy(
        db,
        by,
        {
          action: 'silence.expire',
          target: `silence:${id}`,
          outcome: 'success',
          details: { reason: before.reason },
        },
        new Date(nowMs),
      );
    })();
    this.sweep(nowMs);
    return getSilence(db, id, nowMs)!;
  }

  /**
   * Runs every half minute and after a silence is expired: alerts a silence that has just started
   * covers are suppressed; alerts held by a silence that has ended, and flapping alerts that have
   * fired steadily for a whole flap window, go back through the pipeline as new episodes (they open
   * or join incidents as if just arrived). Returns how many alerts went back.
   */
  sweep(nowMs = this.nowMs()): number {
    const db = this.db;
    const touched = this.suppressUnderActiveSilences(db, nowMs);
    const steadySince = nowMs - this.options.pipeline.config.flapWindowMs;
    const held = all<AlertRow>(
      db,
      sql`SELECT a.* FROM pipeline_alerts a LEFT JOIN silences s ON s.id = a.silence_id
          WHERE a.state = 'suppressed' AND (
            (a.silence_id IS NOT NULL AND (s.expired_at IS NOT NULL OR s.ends_at <= ${nowMs}))
            OR (a.silence_id IS NULL AND a.is_flapping = 1 AND a.received_at <= ${steadySince}))`,
    );
    if (touched.length > 0) this.options.changes.note(touched, true);
    if (held.length === 0) return 0;
    db.transaction(() => {
      for (const row of held) resolveAlert(db, row.id, nowMs, nowMs);
    })();
    const again: IncomingAlert[] = held.map((row) => ({
      source: row.source,
      fingerprint: row.fingerprint,
      status: 'firing',
      rule: row.rule,
      severity: row.severity,
      summary: row.summary,
      labels: JSON.parse(row.labels) as Record<string, string>,
      startsAtMs: row.started_at,
      ...(row.source_ref === null ? {} : { sourceRef: row.source_ref }),
    }));
    this.options.pipeline.receive(again);
    return held.length;
  }

  /** Firing alerts that an active silence covers (one scheduled to start later, say) are suppressed. */
  private suppressUnderActiveSilences(db: WritableDb, nowMs: number): number[] {
    const active = listSilences(db, false, nowMs).filter((x) => x.status === 'active');
    if (active.length === 0) return [];
    const touched: number[] = [];
    db.transaction(() => {
      for (const row of listAlertRows(db, { states: ['firing'], limit: 100_000 })) {
        const labels = JSON.parse(row.labels) as Record<string, string>;
        const silence = active.find((x) => allMatch(x.matchers, labels));
        if (!silence) continue;
        run(
          db,
          sql`UPDATE pipeline_alerts SET state = 'suppressed', silence_id = ${silence.id} WHERE id = ${row.id}`,
        );
        if (row.incident_id !== null) touched.push(row.incident_id);
      }
    })();
    return touched;
  }
}
