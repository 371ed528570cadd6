// How much of an SLO's window has data, wherever its figures are shown: a new SLO has minutes of a
// 28-day window, so its attainment and budget are provisional until MIN_VERDICT_COVERAGE of it has data.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isolateLtr } from '../../i18n/format.ts';
import { MIN_VERDICT_COVERAGE } from '../../../shared/domain/slo/coverage.ts';
import type { SloCoverage, SloSummary } from '../../../shared/ipc/contract.ts';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { formatPercent } from './sloFormat.ts';

/** A span of minutes as people say it: "12 min", "5 h 20 min", "28 d", "2 d 19 h" (no zero parts). */
export function formatSpan(minutes: number, t: TFunction): string {
  const m = Math.max(0, Math.round(minutes));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  if (d > 0) return t(h > 0 ? 'sloCoverage.span.dh' : 'sloCoverage.span.d', { d, h });
  if (h > 0) return t(m % 60 > 0 ? 'sloCoverage.span.hm' : 'sloCoverage.span.h', { h, m: m % 60 });
  return t('sloCoverage.span.m', { m });
}

/** Figures of an SLO judged on too little of its window: shown, but marked provisional. */
export function isProvisional(summary: Pick<SloSummary, 'coverage'>): boolean {
  return summary.coverage !== null && !summary.coverage.isSufficient;
}

/** A share of the window: two decimals below 1 %, so 12 minutes of 28 days reads 0.03 %, not 0 %. */
export function formatCoverage(fraction: number): string {
  return formatPercent(fraction, fraction < 0.01 ? 2 : 1);
}

/** "Provisional: 12 min of 28 d observed", for a figure's tooltip. */
export function provisionalTitle(coverage: SloCoverage, t: TFunction): string {
  return t('sloCoverage.provisionalShort', {
    observed: formatSpan(coverage.observedMinutes, t),
    window: formatSpan(coverage.windowMinutes, t),
  });
}

/** The share of the window with data, with the mark verdicts wait for. */
function CoverageBar({ coverage }: { coverage: SloCoverage }) {
  const { t } = useTranslation();
  const percent = Math.round(coverage.fraction * 1000) / 10;
  return (
    <div
      className="slo-coverage-bar"
      role="meter"
      aria-label={t('sloCoverage.bar')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={formatCoverage(coverage.fraction)}
      data-testid="slo-coverage-bar"
    >
      <span className="slo-coverage-fill" style={{ inlineSize: `${Math.max(0.5, percent)}%` }} />
      <span
        className="slo-coverage-mark"
        style={{ insetInlineStart: `${MIN_VERDICT_COVERAGE * 100}%` }}
      />
    </div>
  );
}

/** Under the title while the window has too little data: what was seen, and when verdicts start. */
export function CoverageNotice({
  coverage,
  timeZone,
}: {
  coverage: SloCoverage;
  timeZone: string;
}) {
  const { t } = useTranslation();
  if (coverage.isSufficient) return null;
  return (
    <div
      className="notice notice-warning slo-coverage"
      role="status"
      data-testid="slo-coverage"
      data-fraction={coverage.fraction}
    >
      <div className="slo-coverage-text">
        <p>
          <strong>
            {t('sloCoverage.notEnough', {
              observed: formatSpan(coverage.observedMinutes, t),
              window: formatSpan(coverage.windowMinutes, t),
              percent: isolateLtr(formatCoverage(coverage.fraction)),
            })}
          </strong>
        </p>
        <p className="notice-detail">
          {t('sloCoverage.provisional', {
            required: isolateLtr(formatPercent(MIN_VERDICT_COVERAGE, 0)),
            requiredSpan: formatSpan(coverage.windowMinutes * MIN_VERDICT_COVERAGE, t),
          })}
        </p>
        {coverage.since && (
          <p className="notice-detail">
            {t('sloCoverage.since')} <Timestamp iso={coverage.since} timeZone={timeZone} />
          </p>
        )}
      </div>
      <CoverageBar coverage={coverage} />
    </div>
  );
}
