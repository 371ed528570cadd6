// Telemetry ingest: a group of batches (from any number of connections) is committed in one
// transaction: each new batch with its ingest-log row, samples (into the sample buffer), events and
// its host's cumulative ack. Duplicates are answered with the ack and stored nothing. The caller
// sends the acks only after commit() returns.
import type { AgentEvent, FrameOf, Sample } from '../../shared/agent-protocol/index.ts';
import { appendAudit } from '../audit/index.ts';
import type { WritableDb } from '../store/types.ts';
import { foldAll } from './sampleBuffer.ts';

export { HOUR_MS, MINUTE_MS, ROLLUP_REDO_KEY } from './sampleBuffer.ts';

export type Telemetry = FrameOf<'telemetry'>;

export interface IngestResult {
  epoch: string;
  /** Cumulative: every seq up to this one in `epoch` is committed. */
  ack: number;
  duplicate: boolean;
  gaps: AgentEvent[];
}

export interface PendingBatch {
  host: { id: number; agentId: string };
  frame: Telemetry;
}

/** Per batch: its ack, or why the store refused it (the rest of the group still committed). */
export type BatchOutcome = { ok: true; result: IngestResult } | { ok: false; error: unknown };

export interface GroupCommit {
  outcomes: BatchOutcome[];
  commitId: number;
  /** Distinct series the group added samples to. */
  series: number;
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

type AckState = { epoch: string | null; acked: number };
/** A host's last committed batch, sample by sample, with the series each sample went to. */
type SeriesOrder = { samples: readonly Sample[]; ids: number[] };

/** Same label set in the same key order, as an agent sends it again: cheaper than a key string. */
function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  let n = 0;
  for (const key in a) {
    if (a[key] !== b[key]) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

function gapRange(event: AgentEvent): { from: number; to: number } | null {
  const from = Number(event.details.fromSeq);
  const to = Number(event.details.toSeq);
  return Number.isInteger(from) && Number.isInteger(to) && from >= 1 && to >= from ? { from, to } : null;
}

/** What a group commit has done so far, published only once it commits. */
interface GroupState {
  staged: Map<number, AckState>;
  fresh: Map<string, number>;
  orders: Map<number, SeriesOrder>;
  series: Set<number>;
}

export class TelemetryIngest {
  /** (host, metric, labels as sent) → series id; only committed ids enter, so a rollback cannot poison it. */
  private readonly seriesIds = new Map<string, number>();
  private readonly ackState = new Map<number, AckState>();
  private readonly seriesOrder = new Map<number, SeriesOrder>();
  private lastCommitId: number;
  private readonly stmt;

  constructor(private readonly db: WritableDb) {
    // Prepared once: these run per batch or per sample on the hottest path.
    this.stmt = {
      logged: db.prepare<[number, string, number], { seq: number }>('SELECT seq FROM ingest_log WHERE host_id = ? AND epoch = ? AND seq = ?'),
      log: db.prepare('INSERT INTO ingest_log (host_id, epoch, seq, received_at, samples) VALUES (?, ?, ?, ?, ?)'),
      seqsAbove: db.prepare<[number, string, number], { seq: number }>(
        'SELECT seq FROM ingest_log WHERE host_id = ? AND epoch = ? AND seq > ? ORDER BY seq LIMIT 10000',
      ),
      hostAck: db.prepare<[number], { epoch: string | null; acked_seq: number }>('SELECT epoch, acked_seq FROM hosts WHERE id = ?'),
      findSeries: db.prepare<[number, string, string], { id: number }>('SELECT id FROM series WHERE host_id = ? AND metric = ? AND labels = ?'),
      addSeries: db.prepare('INSERT INTO series (host_id, metric, labels) VALUES (?, ?, ?)'),
      // A repeated (series, timestamp) within one commit keeps the first value, as the fold does across commits.
      buffer: db.prepare('INSERT INTO samples_recent (commit_id, series_id, ts_ms, value) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
      event: db.prepare('INSERT INTO agent_events (host_id, ts_ms, kind, severity, message, details) VALUES (?, ?, ?, ?, ?, ?)'),
      host: db.prepare('UPDATE hosts SET last_seen_at = ?, epoch = ?, acked_seq = ? WHERE id = ?'),
    };
    // New commits append after whatever a previous run left in the buffer.
    this.lastCommitId = db.prepare<[], { id: number | null }>('SELECT max(commit_id) AS id FROM samples_recent').get()?.id ?? 0;
  }

  /** One batch committed on its own and folded at once: the plain exact path the roll-up tests use. */
  ingest(host: PendingBatch['host'], frame: Telemetry, now: Date): IngestResult {
    const [outcome] = this.commit([{ host, frame }], now).outcomes;
    if (!outcome?.ok) throw outcome?.error;
    foldAll(this.db);
    return outcome.result;
  }

  /**
   * Commits a group of batches, in order, in one transaction. A batch the store refuses is rolled
   * back alone (its outcome says why); if the commit itself fails this throws and nothing is acked.
   */
  commit(batches: readonly PendingBatch[], now: Date): GroupCommit {
    const commitId = this.lastCommitId + 1;
    const staged = new Map<number, AckState>();
    const fresh = new Map<string, number>();
    const orders = new Map<number, SeriesOrder>();
    const series = new Set<number>();
    let outcomes: BatchOutcome[];
    try {
      outcomes = this.db.transaction(() => batches.map((b) => this.commitOne(b, commitId, { staged, fresh, orders, series }, now)))();
    } catch (error) {
      for (const b of batches) this.ackState.delete(b.host.id); // re-read after a rollback rather than trust memory
      throw error;
    }
    this.lastCommitId = commitId;
    for (const [key, id] of fresh) this.seriesIds.set(key, id);
    for (const [hostId, order] of orders) this.seriesOrder.set(hostId, order);
    for (const [hostId, state] of staged) this.ackState.set(hostId, state);
    return { outcomes, commitId, series: series.size };
  }

  /** The host's committed ack state, or as this group has moved it so far. */
  private state(hostId: number, staged: Map<number, AckState>): AckState {
    const s = staged.get(hostId) ?? this.ackState.get(hostId);
    if (s) return s;
    const row = this.stmt.hostAck.get(hostId);
    const loaded = { epoch: row?.epoch ?? null, acked: row?.acked_seq ?? 0 };
    this.ackState.set(hostId, loaded);
    return loaded;
  }

  private commitOne(batch: PendingBatch, commitId: number, group: GroupState, now: Date): BatchOutcome {
    const { host, frame } = batch;
    const { staged, fresh, series } = group;
    const state = this.state(host.id, staged);
    const sameEpoch = state.epoch === frame.epoch;
    // The log lookup also sees batches committed earlier in this same group.
    if ((sameEpoch && frame.seq <= state.acked) || this.stmt.logged.get(host.id, frame.epoch, frame.seq)) {
      const ack = sameEpoch ? state.acked : this.advance(host.id, frame.epoch, 0, []);
      return { ok: true, result: { epoch: frame.epoch, ack, duplicate: true, gaps: [] } };
    }
    const gaps = frame.events.filter((e) => e.kind === 'gap');
    const created = new Map<string, number>();
    const previous = this.seriesOrder.get(host.id);
    const ids = new Array<number>(frame.samples.length);
    let ack: number;
    try {
      // A savepoint: a batch the store refuses is undone alone, and the rest of the group commits.
      ack = this.db.transaction(() => {
        this.stmt.log.run(host.id, frame.epoch, frame.seq, now.getTime(), frame.samples.length);
        frame.samples.forEach((sample, i) => {
          // Agents send the same series in the same order every batch: try the last batch's i-th first.
          const before = previous?.samples[i];
          const seriesId = previous && before && before.metric === sample.metric && sameLabels(before.labels, sample.labels)
            ? previous.ids[i]!
            : this.seriesId(host.id, sample, fresh, created);
          ids[i] = seriesId;
          series.add(seriesId);
          this.stmt.buffer.run(commitId, seriesId, sample.tsMs, sample.value);
        });
        this.recordEvents(host, frame, gaps, now);
        const ranges = gaps.map(gapRange).filter((r): r is { from: number; to: number } => r !== null);
        const acked = this.advance(host.id, frame.epoch, sameEpoch ? state.acked : 0, ranges);
        this.stmt.host.run(now.toISOString(), frame.epoch, acked, host.id);
        return acked;
      })();
    } catch (error) {
      if (!this.db.inTransaction) throw error; // the whole group was rolled back: nothing may commit
      return { ok: false, error };
    }
    for (const [key, id] of created) fresh.set(key, id);
    if (ids.length > 0) group.orders.set(host.id, { samples: frame.samples, ids });
    staged.set(host.id, { epoch: frame.epoch, acked: ack });
    return { ok: true, result: { epoch: frame.epoch, ack, duplicate: false, gaps } };
  }

  private recordEvents(host: PendingBatch['host'], frame: Telemetry, gaps: AgentEvent[], now: Date): void {
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

  private seriesId(hostId: number, sample: Sample, fresh: Map<string, number>, created: Map<string, number>): number {
    // Keyed by the labels as they arrived: one stringify and one lookup per sample; canonical only on a miss.
    const key = `${hostId}\u0001${sample.metric}\u0001${JSON.stringify(sample.labels)}`;
    const known = this.seriesIds.get(key) ?? fresh.get(key) ?? created.get(key);
    if (known !== undefined) return known;
    const labels = labelsKey(sample.labels);
    const row = this.stmt.findSeries.get(hostId, sample.metric, labels);
    const id = row ? row.id : Number(this.stmt.addSeries.run(hostId, sample.metric, labels).lastInsertRowid);
    created.set(key, id);
    return id;
  }
}
