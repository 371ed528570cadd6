// How fast incidents are detected, acknowledged and resolved over the last 30, 90 or 180 days:
// the overall means, their weekly trend, and the means by priority, category and service, against
// the targets (which incident commanders edit here).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { MTTX_DAYS, selectIncidentTargets, selectMttxStats } from '../../store/operationsSlice.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { formatMttx } from './mttxFormat.ts';
import { MttxTable } from './MttxTable.tsx';
import { MttxTrendChart } from './MttxTrendChart.tsx';
import { TargetsEditor } from './TargetsEditor.tsx';

function RangePicker() {
  const { t } = useTranslation();
  const days = useAppStore((s) => s.mttxDays);
  const setDays = useAppStore((s) => s.setMttxDays);
  return (
    <div className="segmented" role="group" aria-label={t('mttx.range')}>
      {MTTX_DAYS.map((d) => (
        <button
          key={d}
          type="button"
          className="segment"
          aria-pressed={days === d}
          onClick={() => setDays(d)}
          data-testid="mttx-range"
          data-days={d}
        >
          {t('mttx.days', { count: d })}
        </button>
      ))}
    </div>
  );
}

export function MttxDashboard() {
  const { t } = useTranslation();
  const remote = useAppStore(selectMttxStats);
  const targets = useAppStore(selectIncidentTargets).data;
  const days = useAppStore((s) => s.mttxDays);
  const load = useAppStore((s) => s.loadMttx);
  const language = useAppStore((s) => s.language);

  useEffect(() => {
    void load();
  }, [days, load]);

  const stats = remote.data;
  const figures = stats && [
    { key: 'mttd', value: stats.overall.mttdMinutes },
    { key: 'mtta', value: stats.overall.mttaMinutes },
    { key: 'mttr', value: stats.overall.mttrMinutes },
  ];
  return (
    <div className="mttx" data-testid="mttx" data-days={days} data-status={remote.status}>
      <div className="mttx-bar">
        <p className="muted">
          {stats
            ? t('mttx.summary', {
                count: stats.overall.count,
                shown: formatNumber(stats.overall.count, language),
                days,
              })
            : t('mttx.subtitle')}
        </p>
        <RangePicker />
      </div>
      {remote.error && (
        <ErrorNotice error={remote.error} onRetry={() => void load()} testId="mttx-error" />
      )}
      {!stats && remote.status === 'loading' && <LoadingBlock />}
      {stats && figures && (
        <>
          <dl className="slo-figures mttx-figures">
            {figures.map((f) => (
              <div key={f.key} className="slo-figure" data-testid={`mttx-overall-${f.key}`}>
                <dt>
                  {t(`mttx.${f.key}`)} <span className="muted">· {t(`mttx.long.${f.key}`)}</span>
                </dt>
                <dd>{formatMttx(f.value, t)}</dd>
              </div>
            ))}
          </dl>
          {stats.overall.count === 0 ? (
            <div data-testid="mttx-empty">
              <EmptyState title={t('mttx.empty', { count: days })} detail={t('mttx.emptyDetail')} />
            </div>
          ) : (
            <>
              <MttxTrendChart trend={stats.trend} />
              <div className="mttx-tables">
                <MttxTable
                  title={t('mttx.byPriority')}
                  kind="priority"
                  rows={stats.byPriority}
                  keyLabel={(key) => `${key} · ${t(`operations.priorities.${key}`)}`}
                  targets={targets}
                />
                <MttxTable
                  title={t('mttx.byCategory')}
                  kind="category"
                  rows={stats.byCategory}
                  keyLabel={(key) => t(`mttx.categories.${key}`, { defaultValue: key })}
                />
                <MttxTable
                  title={t('mttx.byService')}
                  kind="service"
                  rows={stats.byService}
                  keyLabel={(key) => key}
                />
              </div>
            </>
          )}
        </>
      )}
      <TargetsEditor />
    </div>
  );
}
