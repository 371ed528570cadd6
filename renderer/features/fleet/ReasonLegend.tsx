// The key to the shaded bands on the clocks chart: which clock event reasons the range shows, and,
// on roll-up ranges, that each band is the reasons as of each bucket's end, not every change within it.
import { useTranslation } from 'react-i18next';
import type { TimeBand } from '../../charts/timeSeriesOption.ts';

export function ReasonLegend({
  bands,
  isRollup,
}: {
  bands: readonly TimeBand[];
  isRollup: boolean;
}) {
  const { t } = useTranslation();
  const shown = new Map<string, TimeBand['tone']>();
  for (const band of bands) shown.set(band.label, band.tone);
  return (
    <div className="fleet-chart-legend" data-testid="fleet-reason-legend" data-rollup={isRollup}>
      <span className="muted">
        {t(isRollup ? 'fleet.charts.reasonsAtBucketEnd' : 'fleet.charts.reasons')}:
      </span>
      <ul>
        {[...shown].map(([label, tone]) => (
          <li key={label} className={`fleet-band-key fleet-band-${tone}`}>
            {label}
          </li>
        ))}
      </ul>
      {isRollup && <p className="fleet-chart-note">{t('fleet.charts.reasonsNote')}</p>}
    </div>
  );
}
