// Telemetry ingest: a group of batches (from any number of connections) is committed in one
// transaction: each new batch with its ingest-log row, events and its host's cumulative ack, and the
// group's samples as one row of the sample log; once committed they go into the open chunks. Duplicates are answered with the ack and stored nothing. The caller
// sends the acks only after commit() returns.
import type { AgentEvent, FrameOf, Sample } from '../../shared/agent-protocol/index.ts';
import { appendAudit } from '../audit/index.ts';
import { withDriftSignals } from '../drift/record.ts';
import type { WritableDb } from '../store/types.ts';
import { sameLabels } from '../telemetry/labels.ts';
import { lastBufferedCommit } from '../telemetry/samples.ts';
import { applyCommit, bufferCommit, foldAll, type CommitPart } from '../telemetry/sampleBuffer.ts';
import { rememberSeries, seriesIdForIngest } from '../telemetry/series.ts';
import { insertAgentEvent } from './agentEvents.ts';
import { hostAck, updateHostAck } from './hosts.ts';
import { isBatchLogged, logBatch, loggedSeqsAbove } from './ingestLog.ts';

export type Telemetry = FrameOf<'telemetry'>;

export interface IngestResult {
  epoch: string;
  /** Cumulative: every seq up to this one in `epoch` is committed. */
  ack: number;
  duplicate: boolean;
  gaps: AgentEvent[];
  /** The series each sample went to, in the frame's order (empty for a duplicate). */
  seriesIds: readonly number[];
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

type AckState = { epoch: string | null; acked: number };
/** A host's last committed batch, sample by sample, with the series each sample went to. */
type SeriesOrder = { samples: readonly Sample[]; ids: number[] };

function gapRange(event: AgentEvent): { from: number; to: number } | null {
  const from = Number(event.details.fromSeq);
  const to = Number(event.details.toSeq);
  return Number.isInteger(from) && Number.isInteger(to) && from >= 1 && to >= from
    ? { from, to }
    : null;
}

/** What a group commit has done so far, published only once it commits. */
interface GroupState {
  staged: Map<number, AckState>;
  fresh: Map<string, number>;
  orders: Map<number, SeriesOrder>;
  series: Set<number>;
  /** The samples of each batch committed so far, for the group's sample log row. */
  parts: CommitPart[];
}

export class TelemetryIngest {
  private readonly ackState = new Map<number, AckState>();
  /** Each host's last batch, sample by sample, with its series: agents resend the same order every time. */
  private readonly seriesOrder = new Map<number, SeriesOrder>();
  private lastCommitId: number;

  constructor(private readonly db: WritableDb) {
    // New commits append after whatever a previous run left in the buffer.
    this.lastCommitId = lastBufferedCommit(db) ?? 0;
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
    const parts: CommitPart[] = [];
    let outcomes: BatchOutcome[];
    try {
      outcomes = this.db.transaction(() => {
        const done = batches.map((b) =>
          this.commitOne(b, { staged, fresh, orders, series, parts }, now),
        );
        bufferCommit(this.db, commitId, parts);
        return done;
      })();
    } catch (error) {
      for (const b of batches) this.ackState.delete(b.host.id); // re-read after a rollback rather than trust memory
      throw error;
    }
    this.lastCommitId = commitId;
    applyCommit(this.db, commitId, parts);
    rememberSeries(this.db, fresh);
    for (const [hostId, order] of orders) this.seriesOrder.set(hostId, order);
    for (const [hostId, state] of staged) this.ackState.set(hostId, state);
    return { outcomes, commitId, series: series.size };
  }

  /** Hosts deleted from the store: their ids may be reused, so nothing remembered of them holds. */
  forgetHosts(hostIds: readonly number[]): void {
    for (const id of hostIds) {
      this.ackState.delete(id);
      this.seriesOrder.delete(id);
    }
  }

  /** The host's committed ack state, or as this group has moved it so far. */
  private state(hostId: number, staged: Map<number, AckState>): AckState {
    const s = staged.get(hostId) ?? this.ackState.get(hostId);
    if (s) return s;
    const row = hostAck(this.db, hostId);
    const loaded = { epoch: row?.epoch ?? null, acked: row?.ackedSeq ?? 0 };
    this.ackState.set(hostId, loaded);
    return loaded;
  }

  private commitOne(batch: PendingBatch, group: GroupState, now: Date): BatchOutcome {
    const { host } = batch;
    let { frame } = batch;
    const { staged, fresh, series } = group;
    const state = this.state(host.id, staged);
    const sameEpoch = state.epoch === frame.epoch;
    // The log lookup also sees batches committed earlier in this same group.
    if (
      (sameEpoch && frame.seq <= state.acked) ||
      isBatchLogged(this.db, host.id, frame.epoch, frame.seq)
    ) {
      const ack = sameEpoch ? state.acked : this.advance(host.id, frame.epoch, 0, []);
      return {
        ok: true,
        result: { epoch: frame.epoch, ack, duplicate: true, gaps: [], seriesIds: [] },
      };
    }
    const gaps = frame.events.filter((e) => e.kind === 'gap');
    const created = new Map<string, number>();
    const previous = this.seriesOrder.get(host.id);
    const ids = new Array<number>(frame.samples.length);
    let ack: number;
    try {
      // A savepoint: a batch the store refuses is undone alone, and the rest of the group commits.
      ack = this.db.transaction(() => {
        // Drift windows are compared with their reference here; the results join the batch's samples.
        frame = withDriftSignals(this.db, host.id, frame, now.getTime());
        logBatch(this.db, host.id, frame.epoch, frame.seq, now.getTime(), frame.samples.length);
        frame.samples.forEach((sample, i) => {
          // Agents send the same series in the same order every batch: try the last batch's i-th first.
          const before = previous?.samples[i];
          const seriesId =
            previous &&
            before &&
            before.metric === sample.metric &&
            sameLabels(before.labels, sample.labels)
              ? previous.ids[i]!
              : seriesIdForIngest(this.db, host.id, sample.metric, sample.labels, {
                  fresh,
                  created,
                });
          ids[i] = seriesId;
          series.add(seriesId);
        });
        this.recordEvents(host, frame, gaps, now);
        const ranges = gaps
          .map(gapRange)
          .filter((r): r is { from: number; to: number } => r !== null);
        const acked = this.advance(host.id, frame.epoch, sameEpoch ? state.acked : 0, ranges);
        updateHostAck(this.db, host.id, now, frame.epoch, acked);
        return acked;
      })();
    } catch (error) {
      if (!this.db.inTransaction) throw error; // the whole group was rolled back: nothing may commit
      return { ok: false, error };
    }
    for (const [key, id] of created) fresh.set(key, id);
    if (ids.length > 0) {
      group.orders.set(host.id, { samples: frame.samples, ids });
      group.parts.push({ ids, samples: frame.samples });
    }
    staged.set(host.id, { epoch: frame.epoch, acked: ack });
    return {
      ok: true,
      result: { epoch: frame.epoch, ack, duplicate: false, gaps, seriesIds: ids },
    };
  }

  private recordEvents(
    host: PendingBatch['host'],
    frame: Telemetry,
    gaps: AgentEvent[],
    now: Date,
  ): void {
    for (const e of frame.events) {
      insertAgentEvent(this.db, host.id, e);
    }
    for (const gap of gaps) {
      // Lost telemetry is evidence an auditor must see, so it enters the hash chain too.
      appendAudit(
        this.db,
        {
          actor: `agent:${host.agentId}`,
          role: 'agent',
          action: 'fleet.gap',
          target: `host:${host.id}`,
          outcome: 'failure',
          details: { epoch: frame.epoch, seq: frame.seq, message: gap.message, ...gap.details },
        },
        now,
      );
    }
  }

  /** Extends `acked` over seqs already committed (frames that arrived early) and reported gaps. */
  private advance(
    hostId: number,
    epoch: string,
    acked: number,
    gaps: { from: number; to: number }[],
  ): number {
    const walk = () => {
      for (const seq of loggedSeqsAbove(this.db, hostId, epoch, acked)) {
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
}
