// Turns audit appends into few `audit.changed` events: one as soon as the first entry of a burst has
// committed, then at most one per interval while entries keep coming, so the Audit view keeps up cheaply.

/** Long enough to fold a burst (an ingest batch, a sweep) into one refresh, short enough to feel live. */
export const AUDIT_NOTICE_INTERVAL_MS = 250;

export class AuditChangeNotices {
  private isPending = false;
  private timer: NodeJS.Timeout | null = null;
  private lastSeq: number | null = null;
  private isStopped = false;

  constructor(
    /** Announces the log's head. */
    private readonly announce: (seq: number) => void,
    /** The committed head now, or null while the store is closed. */
    private readonly head: () => number | null,
    private readonly intervalMs = AUDIT_NOTICE_INTERVAL_MS,
  ) {}

  /** Called on every append; the entry may still be inside its transaction, so announcing waits a microtask. */
  noteAppended(): void {
    if (this.isStopped || this.isPending) return;
    this.isPending = true;
    if (!this.timer) queueMicrotask(() => this.flush());
  }

  stop(): void {
    this.isStopped = true;
    this.isPending = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private flush(): void {
    if (this.isStopped) return;
    this.isPending = false;
    // The head is read now, not taken from the append: a rolled-back entry is never announced.
    const seq = this.head();
    if (seq !== null && seq !== this.lastSeq) {
      this.lastSeq = seq;
      this.announce(seq);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.isPending) this.flush();
    }, this.intervalMs);
    this.timer.unref();
  }
}
