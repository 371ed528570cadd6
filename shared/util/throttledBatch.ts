// Gathers keys from changes and hands them on at most once per interval, on the trailing edge, so a
// fleet of hundreds of hosts changing every 500 ms costs one refetch (or one pushed event) per interval.

export interface ThrottledBatch<T = number> {
  /** Gathers keys (none is fine: the next run still happens) for the next run. */
  add(keys: readonly T[]): void;
  /** Drops the gathered keys and the pending run. */
  cancel(): void;
}

/** The clock a batch waits on; the backend passes a timer that does not keep the process alive. */
export interface BatchTimer {
  now(): number;
  /** Runs `run` after `ms`; returns what cancels it. */
  schedule(run: () => void, ms: number): () => void;
}

const globalTimer: BatchTimer = {
  now: () => Date.now(),
  schedule(run, ms) {
    const handle = setTimeout(run, ms);
    return () => clearTimeout(handle);
  },
};

/** Calls `run` at most once per `ms`, with the keys gathered since the last run (trailing edge). */
export function throttledBatch<T = number>(
  ms: number,
  run: (keys: T[]) => void,
  timer: BatchTimer = globalTimer,
): ThrottledBatch<T> {
  const pending = new Set<T>();
  let cancelPending: (() => void) | null = null;
  let last = Number.NEGATIVE_INFINITY;
  const flush = () => {
    cancelPending = null;
    last = timer.now();
    const keys = [...pending];
    pending.clear();
    run(keys);
  };
  return {
    add(keys) {
      for (const key of keys) pending.add(key);
      if (cancelPending) return;
      cancelPending = timer.schedule(flush, Math.max(0, last + ms - timer.now()));
    },
    cancel() {
      cancelPending?.();
      cancelPending = null;
      pending.clear();
    },
  };
}
