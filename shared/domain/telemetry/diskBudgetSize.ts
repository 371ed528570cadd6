// A telemetry disk budget as operators write it ("50GB", "512 MiB", "2e9"; empty: no budget), read
// the same way by the console's command line, its settings and the Settings screen's form check.
// Pure: no node:, no DOM.

/** The smallest budget accepted: below it the store's own tables (audit, settings) would not fit. */
export const MIN_DISK_BUDGET_BYTES = 64 * 1024 * 1024;

export type DiskBudgetReading =
  { ok: true; bytes: number | null } | { ok: false; problem: 'notASize' | 'tooSmall' };

const POWERS: Readonly<Record<string, number>> = { '': 0, k: 1, m: 2, g: 3, t: 4 };

/** Reads a budget: its bytes, null for an empty text (no budget), or why it is not one. */
export function readDiskBudget(text: string): DiskBudgetReading {
  if (text.trim() === '') return { ok: true, bytes: null };
  const match = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([kmgt]i?b?|b)?\s*$/i.exec(text);
  if (!match) return { ok: false, problem: 'notASize' };
  const unit = (match[2] ?? 'b').toLowerCase().replace(/b$/, '');
  const base = unit.endsWith('i') ? 1024 : 1000;
  const bytes = Math.round(Number(match[1]) * base ** POWERS[unit.replace(/i$/, '')]!);
  if (bytes < MIN_DISK_BUDGET_BYTES) return { ok: false, problem: 'tooSmall' };
  return { ok: true, bytes };
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/**
 * A budget written back as an operator would write it, and as readDiskBudget reads it to the same
 * bytes: "50 GB", "512 MiB", else the plain number of bytes.
 */
export function diskBudgetText(bytes: number): string {
  for (const [base, suffix] of [
    [1000, 'B'],
    [1024, 'iB'],
  ] as const) {
    for (let power = 4; power >= 1; power--) {
      const unit = base ** power;
      if (bytes % unit === 0) return `${bytes / unit} ${UNITS[power]![0]}${suffix}`;
    }
  }
  return String(bytes);
}

/** A size for reading (not for typing back): the largest decimal unit, one decimal, e.g. [1.3, 'GB']. */
export function sizeParts(bytes: number): [number, (typeof UNITS)[number]] {
  let power = 0;
  while (power < UNITS.length - 1 && bytes >= 1000 ** (power + 1)) power++;
  return [Math.round((bytes / 1000 ** power) * 10) / 10, UNITS[power]!];
}
