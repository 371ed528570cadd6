// "Had this SLO existed over the last 30 days, here is when it would have alerted": the SLI the
// draft spec would have measured, its would-have-fired alerts shaded on the chart and listed, and how
// much data that judgement rests on ("no alerts" over 2 minutes of data is said as such).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Backtest } from '../../../shared/ipc/contract.ts';
import type { ApiCallError } from '../../api/client.ts';
import type { TimeBand } from '../../charts/timeSeriesOption.ts';
import { useAppStore } from '../../store/index.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { SeverityBadge } from './SloBadges.tsx';
import { SliChart } from './SloCharts.tsx';
import { formatSpan } from './SloCoverage.tsx';
import { formatBurnRate, formatPercent } from './sloFormat.ts';

export const BACKTEST_DAYS = 30;

interface BacktestPanelProps {
  result: Backtest | null;
  busy: boolean;
  error: ApiCallError | null;
  objective: number | null;
  /** True when the draft changed after this backtest ran. */
  isStale: boolean;
}

export function BacktestPanel({ result, busy, error, objective, isStale }: BacktestPanelProps) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const bands = useMemo<TimeBand[]>(() => {
    if (!result) return [];
    const end = Date.parse(result.to);
    return result.alerts.map((a) => ({
      fromMs: Date.parse(a.start),
      toMs: a.end ? Date.parse(a.end) : end,
      label: t(`alerts.severity.${a.severity}`),
      tone: a.severity === 'page' ? 'danger' : 'warning',
    }));
  }, [result, t]);

  if (busy) {
    return (
      <section className="result-panel" role="status" data-testid="slo-backtest-progress">
        <Spinner size="sm" /> {t('slo.backtest.running', { days: BACKTEST_DAYS })}
      </section>
    );
  }
  if (error) return <ErrorNotice error={error} testId="slo-backtest-error" />;
  if (!result) return null;
  const { observedMinutes, spanMinutes } = result.coverage;
  const isPartial = observedMinutes < spanMinutes;
  const seen = { observed: formatSpan(observedMinutes, t), days: BACKTEST_DAYS };
  const quiet =
    observedMinutes === 0
      ? t('sloCoverage.backtest.noData', seen)
      : isPartial
        ? t('sloCoverage.backtest.quietPartial', seen)
        : t('slo.backtest.quiet', { days: BACKTEST_DAYS });
  return (
    <section
      className="panel slo-backtest"
      data-testid="slo-backtest"
      data-alerts={result.alerts.length}
      data-observed-minutes={observedMinutes}
    >
      <header className="panel-header">
        <h2>{t('slo.backtest.title', { days: BACKTEST_DAYS })}</h2>
        {isStale && <span className="muted">{t('slo.backtest.stale')}</span>}
      </header>
      {isPartial && observedMinutes > 0 && (
        <p className="muted" data-testid="slo-backtest-seen">
          {t('sloCoverage.backtest.seen', seen)}
        </p>
      )}
      <dl className="slo-figures slo-figures-sm">
        <div className="slo-figure">
          <dt>{t('slo.figures.attainment')}</dt>
          <dd>
            <span dir="ltr">{formatPercent(result.attainment)}</span>
          </dd>
        </div>
        <div className="slo-figure">
          <dt>{t('slo.backtest.consumed')}</dt>
          <dd>
            <span dir="ltr">{formatPercent(result.budgetConsumed, 1)}</span>
          </dd>
        </div>
        <div className={`slo-figure${result.alerts.length > 0 ? ' slo-figure-danger' : ''}`}>
          <dt>{t('slo.backtest.alerts')}</dt>
          <dd>{result.alerts.length}</dd>
        </div>
      </dl>
      <SliChart
        title={t('slo.charts.sliTitle')}
        points={result.sli}
        objective={objective}
        bands={bands}
        fromMs={Date.parse(result.from)}
        toMs={Date.parse(result.to)}
        testId="slo-backtest-chart"
      />
      {result.alerts.length === 0 ? (
        <p className="muted" data-testid="slo-backtest-quiet">
          {quiet}
        </p>
      ) : (
        <ul className="slo-backtest-alerts">
          {result.alerts.map((a) => (
            <li
              key={`${a.severity}-${a.start}`}
              data-testid="slo-backtest-alert"
              data-severity={a.severity}
            >
              <SeverityBadge severity={a.severity} />
              <Timestamp iso={a.start} timeZone={timeZone} />
              <span className="muted">{t('slo.backtest.until')}</span>
              {a.end ? (
                <Timestamp iso={a.end} timeZone={timeZone} />
              ) : (
                <span className="muted">{t('slo.backtest.ongoing')}</span>
              )}
              <span className="muted">
                {t('slo.backtest.peak', { rate: formatBurnRate(a.peakBurnRate) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
