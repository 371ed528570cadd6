// Open incidents by priority: one tile per priority, each opening the queue filtered to it; an
// empty queue says so plainly ("all quiet") instead of five zeros.
import { useTranslation } from 'react-i18next';
import type { Priority } from '../../../shared/domain/incidents/priority.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectOpsCounts } from '../../store/operationsSlice.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { HomeCard } from './HomeCard.tsx';

// A record over the domain's type (not its runtime list, which would bundle zod).
const PRIORITY_TONE: Record<Priority, string> = {
  P1: 'danger',
  P2: 'warning',
  P3: 'accent',
  P4: 'neutral',
  P5: 'neutral',
};
const PRIORITY_LIST = Object.keys(PRIORITY_TONE) as Priority[];

export function OpenIncidentsCard() {
  const { t } = useTranslation();
  const remote = useAppStore(selectOpsCounts);
  const load = useAppStore((s) => s.loadOpsCounts);
  const openQueue = useAppStore((s) => s.openIncidentQueue);
  const language = useAppStore((s) => s.language);
  return (
    <HomeCard
      title={t('operations.incidents.title')}
      testId="home-incidents"
      remote={remote}
      onRetry={() => void load()}
      action={
        <button
          type="button"
          className="link-btn"
          onClick={() => openQueue('all')}
          data-testid="home-incidents-queue"
        >
          {t('operations.incidents.openQueue')}
        </button>
      }
    >
      {(counts) =>
        counts.open === 0 ? (
          <div data-testid="home-incidents-quiet">
            <EmptyState
              title={t('operations.incidents.quiet')}
              detail={t('operations.incidents.quietDetail')}
            />
          </div>
        ) : (
          <>
            <p className="home-figure-line">
              <span className="home-figure" data-testid="home-incidents-open">
                {formatNumber(counts.open, language)}
              </span>{' '}
              <span className="muted">
                {t('operations.incidents.openLabel', { count: counts.open })}
              </span>
            </p>
            <ul className="priority-tiles" aria-label={t('operations.incidents.byPriority')}>
              {PRIORITY_LIST.map((p) => {
                const count = counts.byPriority[p];
                return (
                  <li key={p}>
                    <button
                      type="button"
                      className={`priority-tile priority-tile-${PRIORITY_TONE[p]}${count === 0 ? ' is-zero' : ''}`}
                      onClick={() => openQueue(p)}
                      data-testid="home-priority"
                      data-priority={p}
                      data-count={count}
                      aria-label={t('operations.incidents.tileLabel', {
                        priority: p,
                        name: t(`operations.priorities.${p}`),
                        count,
                      })}
                    >
                      <span className="priority-tile-key" dir="ltr">
                        {p}
                      </span>
                      <span className="priority-tile-count">{formatNumber(count, language)}</span>
                      <span className="priority-tile-name">{t(`operations.priorities.${p}`)}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </>
        )
      }
    </HomeCard>
  );
}
