// Gathers ids from pushed events and hands them on at most once per interval, on the trailing edge,
// so a fleet of hundreds of hosts changing every 500 ms costs one refetch per interval.

export interface ThrottledBatch<T = number> {
  /** Gathers ids (none is fine: the next run still happens) for the next run. */
  add(ids: readonly T[]): void;
  cancel(): void;
}

/** Calls `run` at most once per `ms`, with the ids gathered since the last run (trailing edge). */
export function throttledBatch<T = number>(ms: number, run: (ids: T[]) => void): ThrottledBatch<T> {
  const pending = new Set<T>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  const flush = () => {
    timer = null;
    last = Date.now();
    const ids = [...pending];
    pending.clear();
    run(ids);
  };
  return {
    add(ids) {
      for (const id of ids) pending.add(id);
      if (timer) return;
      timer = setTimeout(flush, Math.max(0, last + ms - Date.now()));
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}
