// The alert stream tab: filters, how many alerts show of those held, and the rows; live on
// incidents.changed while it is shown.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.ts';
import {
  STREAM_LIMIT,
  selectShownStream,
  selectStreamAlerts,
  selectStreamFilter,
} from '../../store/alertStreamSlice.ts';
import { useAppStore } from '../../store/index.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { StreamFilters } from './StreamFilters.tsx';
import { StreamTable } from './StreamTable.tsx';

export function StreamTab() {
  const { t } = useTranslation();
  const remote = useAppStore(selectStreamAlerts);
  const shown = useAppStore(selectShownStream);
  const filter = useAppStore(selectStreamFilter);
  const load = useAppStore((s) => s.loadStream);
  const language = useAppStore((s) => s.language);

  // State and source are the backend's filters; severity and labels filter the rows held.
  useEffect(() => {
    void load();
  }, [filter.state, filter.source, load]);

  const held = remote.data;
  const isUnfiltered = filter.severity === 'all' && filter.query.trim() === '';
  return (
    <div className="tab-content" data-testid="stream-tab">
      <StreamFilters />
      {held && (
        <p className="muted" data-testid="stream-count">
          {t('alertStream.count', {
            count: held.length,
            shown: formatNumber(shown.length, language),
            total: formatNumber(held.length, language),
          })}
          {held.length >= STREAM_LIMIT && ` ${t('alertStream.truncated', { limit: STREAM_LIMIT })}`}
        </p>
      )}
      {remote.error && (
        <ErrorNotice error={remote.error} onRetry={() => void load()} testId="stream-error" />
      )}
      {!held && remote.status === 'loading' && <LoadingBlock />}
      {held && shown.length === 0 && (
        <div data-testid="stream-empty">
          <EmptyState
            title={
              filter.state === 'firing' && filter.source === 'all' && isUnfiltered
                ? t('alertStream.empty.quiet')
                : t('alertStream.empty.title')
            }
            detail={
              filter.state === 'firing' && isUnfiltered && filter.source === 'all'
                ? t('alertStream.empty.quietDetail')
                : t('alertStream.empty.detail')
            }
          />
        </div>
      )}
      {shown.length > 0 && <StreamTable alerts={shown} />}
    </div>
  );
}
