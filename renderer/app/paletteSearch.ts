// The command palette's search: fuzzy scores (cmdk's own scorer: letters in order, word starts and
// runs count more), results grouped by kind, the best group first, a few results per group.
import { defaultFilter } from 'cmdk';
import type { AppState } from '../store/appState.ts';

export type PaletteGroup = 'navigate' | 'actions' | 'hosts' | 'gpus' | 'models' | 'slos' | 'slas';

export interface PaletteEntry {
  id: string;
  group: PaletteGroup;
  label: string;
  /** Shown beside the label (a host's cluster, a GPU's model); searched too. */
  hint?: string;
  /** Other words that find it (a host's address, an SLO's model). */
  keywords?: string[];
  run: (state: AppState) => void;
}

export interface PaletteResultGroup {
  group: PaletteGroup;
  entries: PaletteEntry[];
}

/** The order of groups when nothing is typed, and between groups that score the same. */
export const PALETTE_GROUPS: readonly PaletteGroup[] = [
  'navigate',
  'actions',
  'hosts',
  'gpus',
  'models',
  'slos',
  'slas',
];
/** With nothing typed the palette lists pages and actions; data waits for a search. */
const BROWSE_GROUPS = new Set<PaletteGroup>(['navigate', 'actions']);

export function searchPalette(
  entries: readonly PaletteEntry[],
  query: string,
  perGroup = 6,
): PaletteResultGroup[] {
  const search = query.trim();
  if (!search) {
    return PALETTE_GROUPS.filter((g) => BROWSE_GROUPS.has(g))
      .map((group) => ({ group, entries: entries.filter((e) => e.group === group) }))
      .filter((g) => g.entries.length > 0);
  }
  const scored = new Map<PaletteGroup, { entry: PaletteEntry; score: number }[]>();
  for (const entry of entries) {
    // The id too: its English words find a page or action from the Arabic console ("audit").
    const keywords = [entry.id, ...(entry.keywords ?? []), ...(entry.hint ? [entry.hint] : [])];
    const score = defaultFilter(entry.label, search, keywords);
    if (score <= 0) continue;
    const list = scored.get(entry.group) ?? [];
    list.push({ entry, score });
    scored.set(entry.group, list);
  }
  return [...scored.entries()]
    .map(([group, list]) => {
      list.sort((a, b) => b.score - a.score || a.entry.label.localeCompare(b.entry.label));
      return { group, best: list[0]!.score, entries: list.slice(0, perGroup).map((s) => s.entry) };
    })
    .sort(
      (a, b) =>
        b.best - a.best || PALETTE_GROUPS.indexOf(a.group) - PALETTE_GROUPS.indexOf(b.group),
    )
    .map(({ group, entries: found }) => ({ group, entries: found }));
}
