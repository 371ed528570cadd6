// The SLI over the last 24 hours as a tiny inline SVG: one path per row instead of one ECharts
// instance per row, so a list of 1,000 SLOs costs a few dozen paths in the DOM.
import { memo } from 'react';

const WIDTH = 96;
const HEIGHT = 24;
const PAD = 2;

/** The SVG path for the values (gaps where null), scaled so the objective line stays in view. */
export function sparklinePath(
  values: readonly (number | null)[],
  objective: number | null,
): { line: string; objectiveY: number | null } {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return { line: '', objectiveY: null };
  let lo = Math.min(...known, objective ?? Infinity);
  let hi = Math.max(...known, objective ?? -Infinity);
  if (hi - lo < 1e-9) {
    lo -= 0.0005;
    hi += 0.0005;
  }
  const x = (i: number) =>
    PAD + (values.length <= 1 ? 0 : (i * (WIDTH - 2 * PAD)) / (values.length - 1));
  const y = (v: number) => PAD + ((hi - v) * (HEIGHT - 2 * PAD)) / (hi - lo);
  let line = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    line += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
    pen = true;
  });
  return { line, objectiveY: objective === null ? null : y(objective) };
}

interface SparklineProps {
  values: readonly (number | null)[];
  objective: number | null;
  tone: 'ok' | 'warning' | 'danger' | 'none';
  label: string;
}

export const Sparkline = memo(function Sparkline({
  values,
  objective,
  tone,
  label,
}: SparklineProps) {
  const { line, objectiveY } = sparklinePath(values, objective);
  return (
    <svg
      className={`sparkline sparkline-${tone}`}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
    >
      {objectiveY !== null && (
        <line className="sparkline-objective" x1={0} x2={WIDTH} y1={objectiveY} y2={objectiveY} />
      )}
      {line && <path className="sparkline-line" d={line} />}
    </svg>
  );
});
