// Told of each new telemetry batch once it is committed (never of duplicates): for benchmarks and
// diagnostics. With no listener the ingest path does no extra work.

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

export class IngestEvents {
  private readonly listeners = new Set<BatchCommittedListener>();

  onBatchCommitted(listener: BatchCommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get isObserved(): boolean {
    return this.listeners.size > 0;
  }

  batchCommitted(info: BatchCommitted): void {
    for (const listener of this.listeners) listener(info);
  }
}
