// The affected SLOs' SLI around the incident (the SLO page's chart, with the incident as a band),
// and the share of each error budget the incident consumed.
import { useTranslation } from 'react-i18next';
import type { PostmortemDetail } from '../../../shared/ipc/postmortemSchemas.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { SliChart } from '../slo/SloCharts.tsx';

const percent = (value: number | null) =>
  value === null ? '—' : `${(value * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })} %`;

export function PostmortemCharts({ pm }: { pm: PostmortemDetail }) {
  const { t } = useTranslation();
  if (pm.charts.length === 0) return <EmptyState title={t('postmortems.noCharts')} />;
  const band = {
    fromMs: Date.parse(pm.incidentOpenedAt),
    toMs: Date.parse(pm.incidentResolvedAt ?? pm.chartTo),
    label: t('postmortems.incidentBand'),
    tone: 'danger' as const,
  };
  return (
    <div className="slo-charts">
      {pm.charts.map((c) => (
        <div key={c.slo} data-testid="pm-chart" data-slo={c.slo}>
          <SliChart
            title={c.displayName}
            points={c.points}
            objective={c.objective}
            bands={[band]}
            fromMs={Date.parse(pm.chartFrom)}
            toMs={Date.parse(pm.chartTo)}
            testId={`pm-sli-${c.slo}`}
            compact
          />
          <p className="muted">
            {c.error ?? t('postmortems.budgetConsumed', { value: percent(c.budgetConsumed) })}
          </p>
        </div>
      ))}
    </div>
  );
}
