// Told of each new telemetry batch once it is committed (never of duplicates): for benchmarks and
// diagnostics, and with its samples for features that learn from them (model versions). With no
// listener the ingest path does no extra work.
import type { Sample } from '../../shared/agent-protocol/index.ts';

export interface BatchCommitted {
  hostId: number;
  epoch: string;
  seq: number;
  /** Samples in the frame. */
  samples: number;
  /** Earliest sample timestamp in the frame (agent clock); null for a frame with no samples. */
  oldestSampleMs: number | null;
  /** Wall clock (Date.now()) right after the commit. */
  committedAtMs: number;
}

export type BatchCommittedListener = (info: BatchCommitted) => void;
export type SamplesCommittedListener = (hostId: number, samples: readonly Sample[]) => void;

export class IngestEvents {
  private readonly listeners = new Set<BatchCommittedListener>();
  private readonly sampleListeners = new Set<SamplesCommittedListener>();

  onBatchCommitted(listener: BatchCommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onSamplesCommitted(listener: SamplesCommittedListener): () => void {
    this.sampleListeners.add(listener);
    return () => this.sampleListeners.delete(listener);
  }

  samplesCommitted(hostId: number, samples: readonly Sample[]): void {
    for (const listener of this.sampleListeners) listener(hostId, samples);
  }

  get isObserved(): boolean {
    return this.listeners.size > 0;
  }

  batchCommitted(info: BatchCommitted): void {
    for (const listener of this.listeners) listener(info);
  }
}
