// A drill's score and timeline as RFC 4180 CSV (CRLF line ends, UTF-8 with a BOM so Excel shows Arabic
// names), each opening with a comment line that says the data is a simulated drill. Text from the drill
// is guarded against formula injection; the figures are our own and stay numbers.
import type { DrillRunDetail } from '../../shared/ipc/drillSchemas.ts';
import { drillWords } from './drillReportText.ts';
import { isoInSite } from './reportFormat.ts';
import { csvField, defuse } from './slaReportCsv.ts';

export const DRILL_SCORE_CSV_COLUMNS = [
  'component',
  'weight',
  'earned',
  'target',
  'outcome',
  'evidence',
] as const;
export const DRILL_TIMELINE_CSV_COLUMNS = ['at', 'minute', 'kind', 'text'] as const;

type Cell = string | number;

const cell = (value: Cell): string =>
  typeof value === 'number'
    ? Number.isFinite(value)
      ? String(value)
      : ''
    : csvField(defuse(value));

/** Two decimals at most: 7.5, 3.33. */
const figure = (value: number): number => Math.round(value * 100) / 100;

function csv(d: DrillRunDetail, columns: readonly string[], rows: Cell[][]): string {
  // reason: left unquoted (our own words, no quote), so readers that skip '#' lines skip it whole.
  const score = d.score === null ? 'not scored' : `score ${d.score} of 100`;
  const comment = `# ${drillWords('en').simulated}. Drill ${d.id}; ${score}.`;
  const lines = [comment, columns.join(','), ...rows.map((row) => row.map(cell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function renderDrillScoreCsv(d: DrillRunDetail, timeZone: string): string {
  return csv(
    d,
    DRILL_SCORE_CSV_COLUMNS,
    d.components.map((c) => [
      c.key,
      c.weight,
      figure(c.weight * c.fraction),
      c.target,
      c.outcome,
      c.evidence
        .map((e) => `${isoInSite(new Date(e.atMs).toISOString(), timeZone)} ${e.text}`)
        .join(' | '),
    ]),
  );
}

export function renderDrillTimelineCsv(d: DrillRunDetail, timeZone: string): string {
  return csv(
    d,
    DRILL_TIMELINE_CSV_COLUMNS,
    d.timeline.map((e) => [isoInSite(e.at, timeZone), e.minute, e.kind, e.text]),
  );
}
