// A request's or change's evidence: the finding in words, the test applied, each data window with the
// hash of its readings, and each series' readings as a small line chart.
import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../shared/ipc/governanceSchemas.ts';
import { Bdi } from '../../ui/Bdi.tsx';

const W = 240;
const H = 48;

function Sparkline({ points, label }: { points: [number, number][]; label: string }) {
  if (points.length < 2) return null;
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => ((x - x0) / (x1 - x0 || 1)) * W;
  const sy = (y: number) => H - ((y - y0) / (y1 - y0 || 1)) * (H - 4) - 2;
  return (
    <svg className="evidence-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <polyline fill="none" points={points.map(([x, y]) => `${sx(x)},${sy(y)}`).join(' ')} />
    </svg>
  );
}

export function EvidenceView({ evidence }: { evidence: Evidence }) {
  const { t } = useTranslation();
  return (
    <div className="evidence" data-testid="evidence">
      <p>
        <Bdi>{evidence.summary}</Bdi>
      </p>
      <dl className="governance-facts">
        <dt>{t('governance.evidence.test')}</dt>
        <dd>
          <Bdi>{evidence.test}</Bdi>
        </dd>
        {evidence.windows.map((w) => (
          <div key={`${w.from}-${w.sha256}`} className="governance-fact">
            <dt>{t('governance.evidence.window')}</dt>
            <dd dir="ltr" className="mono">
              {w.from} – {w.to} · sha256 {w.sha256.slice(0, 16)}…
            </dd>
          </div>
        ))}
      </dl>
      {evidence.series.map((s) => {
        const label = `${s.host} ${Object.values(s.labels).join(' ')}`;
        return (
          <figure key={label} className="evidence-series">
            <figcaption>
              <Bdi>{label}</Bdi> · {t('governance.evidence.readings', { count: s.points.length })}
            </figcaption>
            <Sparkline
              points={s.points}
              label={t('governance.evidence.chart', { series: label })}
            />
          </figure>
        );
      })}
    </div>
  );
}
