import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { SERIES_RANGE_LIST, selectFleetRange } from '../../store/fleetSlice.ts';

/** Live follows fleet.changed; the others read the stored history (raw, 1-minute or 1-hour rollups). */
export function RangePicker() {
  const { t } = useTranslation();
  const range = useAppStore(selectFleetRange);
  const setRange = useAppStore((s) => s.setFleetRange);
  return (
    <div className="segmented" role="group" aria-label={t('fleet.range.label')}>
      {SERIES_RANGE_LIST.map((r) => (
        <button
          key={r}
          type="button"
          className={`segment${r === 'live' ? ' segment-live' : ''}`}
          aria-pressed={range === r}
          onClick={() => setRange(r)}
          data-testid="fleet-range"
          data-range={r}
        >
          {t(`fleet.range.${r}`)}
        </button>
      ))}
    </div>
  );
}
