// Which scenarios each team has run, and when last: the coverage grid auditors ask for.
import type { DrillRunSummary } from '../../../shared/ipc/drillSchemas.ts';

export interface CoverageCell {
  lastAt: string;
  score: number | null;
  runId: number;
}

export interface Coverage {
  teams: string[];
  scenarios: { name: string; title: string }[];
  /** `${team}\u0000${scenario}` → the team's latest finished drill of that scenario. */
  cells: Map<string, CoverageCell>;
}

export const coverageKey = (team: string, scenario: string) => `${team}\u0000${scenario}`;

export function buildCoverage(
  runs: readonly DrillRunSummary[],
  scenarios: readonly { name: string; title: string }[],
): Coverage {
  const cells = new Map<string, CoverageCell>();
  const teams = new Set<string>();
  const titles = new Map(scenarios.map((s) => [s.name, s.title]));
  for (const run of runs) {
    if (run.state !== 'ended') continue;
    teams.add(run.team);
    if (!titles.has(run.scenario)) titles.set(run.scenario, run.title);
    const key = coverageKey(run.team, run.scenario);
    const previous = cells.get(key);
    if (!previous || previous.lastAt < run.startedAt)
      cells.set(key, { lastAt: run.startedAt, score: run.score, runId: run.id });
  }
  return {
    teams: [...teams].sort((a, b) => a.localeCompare(b)),
    scenarios: [...titles].map(([name, title]) => ({ name, title })),
    cells,
  };
}
