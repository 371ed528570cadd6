// Telemetry ingest: each batch is committed exactly once, in one transaction with its samples, 1-minute
// roll-ups, events and the host's cumulative ack; the ack is sent only after that commit.
import type { AgentEvent, FrameOf, Sample } from '../../shared/agent-protocol/index.ts';
import { appendAudit } from '../audit/index.ts';
import type { WritableDb } from '../store/types.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const ROLLUP_REDO_KEY = 'rollup_1h.redo_from';

export type Telemetry = FrameOf<'telemetry'>;

export interface IngestResult {
  epoch: string;
  /** Cumulative: every seq up to this one in `epoch` is committed. */
  ack: number;
  duplicate: boolean;
  inserted: number;
  gaps: AgentEvent[];
}

function canonicalLabels(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, labels[k]])));
}

/** As the labels arrived (key order included) → canonical text; bounded, cleared when full. */
const canonicalByWire = new Map<string, string>();
const CANONICAL_CACHE_MAX = 200_000;

/** Canonical text of a label set (sorted keys), so one series has one key. */
export function labelsKey(labels: Record<string, string>): string {
  // Hot path (every ingested sample): the same label sets arrive again and again in the same key
  // order, and JSON.stringify is much cheaper than sorting and rebuilding the object each time.
  const wire = JSON.stringify(labels);
  let key = canonicalByWire.get(wire);
  if (key === undefined) {
    key = canonicalLabels(labels);
    if (canonicalByWire.size >= CANONICAL_CACHE_MAX) canonicalByWire.clear();
    canonicalByWire.set(wire, key);
  }
  return key;
}

type Agg = { seriesId: number; bucket: number; count: number; sum: number; min: number; max: number; last: number; lastTs: number };

function gapRange(event: AgentEvent): { from: number; to: number } | null {
  const from = Number(event.details.fromSeq);
  const to = Number(event.details.toSeq);
  return Number.isInteger(from) && Number.isInteger(to) && from >= 1 && to >= from ? { from, to } : null;
}

export class TelemetryIngest {
  /** (host, metric, labels) → series id; only committed ids enter, so a rollback cannot poison it. */
  private readonly seriesIds = new Map<string, number>();
  private readonly ackState = new Map<number, { epoch: string | null; acked: number }>();
  private readonly stmt;

  constructor(private readonly db: WritableDb) {
    // Prepared once: these run per sample on the hottest path.
    this.stmt = {
      logged: db.prepare<[number, string, number], { seq: number }>('SELECT seq FROM ingest_log WHERE host_id = ? AND epoch = ? AND seq = ?'),
      log: db.prepare('INSERT INTO ingest_log (host_id, epoch, seq, received_at, samples) VALUES (?, ?, ?, ?, ?)'),
      seqsAbove: db.prepare<[number, string, number], { seq: number }>(
        'SELECT seq FROM ingest_log WHERE host_id = ? AND epoch = ? AND seq > ? ORDER BY seq LIMIT 10000',
      ),
      hostAck: db.prepare<[number], { epoch: string | null; acked_seq: number }>('SELECT epoch, acked_seq FROM hosts WHERE id = ?'),
      findSeries: db.prepare<[number, string, string], { id: number }>('SELECT id FROM series WHERE host_id = ? AND metric = ? AND labels = ?'),
      addSeries: db.prepare('INSERT INTO series (host_id, metric, labels) VALUES (?, ?, ?)'),
      raw: db.prepare('INSERT INTO samples_raw (series_id, ts_ms, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      rollup: db.prepare(`INSERT INTO rollups_1m (series_id, bucket_ts, count, sum, min, max, last, last_ts)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (series_id, bucket_ts) DO UPDATE SET
          count = count + excluded.count, sum = sum + excluded.sum,
          min = min(min, excluded.min), max = max(max, excluded.max),
          last = CASE WHEN excluded.last_ts >= last_ts THEN excluded.last ELSE last END,
          last_ts = max(last_ts, excluded.last_ts)`),
      redoFrom: db.prepare<[string], { value: number }>('SELECT value FROM fleet_state WHERE key = ?'),
      setRedoFrom: db.prepare(`INSERT INTO fleet_state (key, value) VALUES (?, ?)
        ON CONFLICT (key) DO UPDATE SET value = min(value, excluded.value)`),
      event: db.prepare('INSERT INTO agent_events (host_id, ts_ms, kind, severity, message, details) VALUES (?, ?, ?, ?, ?, ?)'),
      host: db.prepare('UPDATE hosts SET last_seen_at = ?, epoch = ?, acked_seq = ? WHERE id = ?'),
    };
  }

  private state(hostId: number): { epoch: string | null; acked: number } {
    let s = this.ackState.get(hostId);
    if (!s) {
      const row = this.stmt.hostAck.get(hostId);
      s = { epoch: row?.epoch ?? null, acked: row?.acked_seq ?? 0 };
      this.ackState.set(hostId, s);
    }
    return s;
  }

  /** Extends `acked` over seqs already committed (frames that arrived early) and reported gaps. */
  private advance(hostId: number, epoch: string, acked: number, gaps: { from: number; to: number }[]): number {
    const walk = () => {
      for (const { seq } of this.stmt.seqsAbove.all(hostId, epoch, acked)) {
        if (seq !== acked + 1) break;
        acked = seq;
      }
    };
    walk();
    for (const gap of gaps.sort((a, b) => a.from - b.from)) {
      // Data the agent's spool dropped is lost for good (and reported), so the ack may pass over it.
      if (gap.from <= acked + 1 && gap.to > acked) {
        acked = gap.to;
        walk();
      }
    }
    return acked;
  }

  /** The ack to send for an epoch that is not the host's current one (a resend from before a restart). */
  private ackForOtherEpoch(hostId: number, epoch: string): number {
    return this.advance(hostId, epoch, 0, []);
  }

  ingest(host: { id: number; agentId: string }, frame: Telemetry, now: Date): IngestResult {
    const state = this.state(host.id);
    const sameEpoch = state.epoch === frame.epoch;
    if ((sameEpoch && frame.seq <= state.acked) || this.stmt.logged.get(host.id, frame.epoch, frame.seq)) {
      const ack = sameEpoch ? state.acked : this.ackForOtherEpoch(host.id, frame.epoch);
      return { epoch: frame.epoch, ack, duplicate: true, inserted: 0, gaps: [] };
    }

    const fresh = new Map<string, number>();
    const gaps = frame.events.filter((e) => e.kind === 'gap');
    const commit = this.db.transaction(() => {
      this.stmt.log.run(host.id, frame.epoch, frame.seq, now.getTime(), frame.samples.length);
      const inserted = this.insertSamples(host.id, frame.samples, fresh);
      for (const e of frame.events) {
        this.stmt.event.run(host.id, e.tsMs, e.kind, e.severity, e.message, JSON.stringify(e.details));
      }
      for (const gap of gaps) {
        // Lost telemetry is evidence an auditor must see, so it enters the hash chain too.
        appendAudit(this.db, {
          actor: `agent:${host.agentId}`,
          role: 'agent',
          action: 'fleet.gap',
          target: `host:${host.id}`,
          outcome: 'failure',
          details: { epoch: frame.epoch, seq: frame.seq, message: gap.message, ...gap.details },
        }, now);
      }
      const base = sameEpoch ? state.acked : 0;
      const ranges = gaps.map(gapRange).filter((r): r is { from: number; to: number } => r !== null);
      const ack = this.advance(host.id, frame.epoch, base, ranges);
      this.stmt.host.run(now.toISOString(), frame.epoch, ack, host.id);
      return { inserted, ack };
    });
    let result: { inserted: number; ack: number };
    try {
      result = commit();
    } catch (error) {
      this.ackState.delete(host.id); // re-read after a rollback rather than trust memory
      throw error;
    }
    for (const [key, id] of fresh) this.seriesIds.set(key, id);
    state.epoch = frame.epoch;
    state.acked = result.ack;
    return { epoch: frame.epoch, ack: result.ack, duplicate: false, inserted: result.inserted, gaps };
  }

  private seriesId(hostId: number, sample: Sample, fresh: Map<string, number>): number {
    const labels = labelsKey(sample.labels);
    const key = `${hostId}\u0001${sample.metric}\u0001${labels}`;
    const known = this.seriesIds.get(key) ?? fresh.get(key);
    if (known !== undefined) return known;
    const row = this.stmt.findSeries.get(hostId, sample.metric, labels);
    const id = row ? row.id : Number(this.stmt.addSeries.run(hostId, sample.metric, labels).lastInsertRowid);
    fresh.set(key, id);
    return id;
  }

  private insertSamples(hostId: number, samples: readonly Sample[], fresh: Map<string, number>): number {
    const aggs = new Map<string, Agg>();
    let inserted = 0;
    let minTs = Number.POSITIVE_INFINITY;
    for (const sample of samples) {
      const seriesId = this.seriesId(hostId, sample, fresh);
      // A repeated (series, timestamp) keeps the first value, so roll-ups count each point once.
      if (this.stmt.raw.run(seriesId, sample.tsMs, sample.value).changes === 0) continue;
      inserted++;
      if (sample.tsMs < minTs) minTs = sample.tsMs;
      const bucket = sample.tsMs - (sample.tsMs % MINUTE_MS);
      const key = `${seriesId}:${bucket}`;
      const agg = aggs.get(key);
      if (!agg) {
        aggs.set(key, { seriesId, bucket, count: 1, sum: sample.value, min: sample.value, max: sample.value, last: sample.value, lastTs: sample.tsMs });
        continue;
      }
      agg.count++;
      agg.sum += sample.value;
      agg.min = Math.min(agg.min, sample.value);
      agg.max = Math.max(agg.max, sample.value);
      if (sample.tsMs >= agg.lastTs) {
        agg.last = sample.value;
        agg.lastTs = sample.tsMs;
      }
    }
    for (const a of aggs.values()) {
      this.stmt.rollup.run(a.seriesId, a.bucket, a.count, a.sum, a.min, a.max, a.last, a.lastTs);
    }
    if (inserted > 0) {
      const hour = minTs - (minTs % HOUR_MS);
      const redo = this.stmt.redoFrom.get(ROLLUP_REDO_KEY);
      // Late data (a spool resent after an outage) sends the 1 h roll-up back to redo its hour.
      if (!redo || hour < redo.value) this.stmt.setRedoFrom.run(ROLLUP_REDO_KEY, hour);
    }
    return inserted;
  }
}
