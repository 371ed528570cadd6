// The SLOs burning their error budget fastest, with when each budget runs out at that pace.
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { selectSlosBurningFastest } from '../../store/operationsSlice.ts';
import { selectSloList } from '../../store/sloSlice.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { SloStatusBadge } from '../slo/SloBadges.tsx';
import { formatBurnRate, formatDuration } from '../slo/sloFormat.ts';
import { HomeCard } from './HomeCard.tsx';

export function BurningSlosCard() {
  const { t } = useTranslation();
  const remote = useAppStore(selectSloList);
  const burning = useAppStore(selectSlosBurningFastest);
  const load = useAppStore((s) => s.loadSlos);
  const openSlo = useAppStore((s) => s.openSlo);
  const navigate = useAppStore((s) => s.navigate);
  return (
    <HomeCard
      title={t('operations.slos.title')}
      testId="home-slos"
      remote={remote}
      onRetry={() => void load()}
      action={
        <button type="button" className="link-btn" onClick={() => navigate('slo')}>
          {t('operations.slos.open')}
        </button>
      }
    >
      {() =>
        burning.length === 0 ? (
          <EmptyState title={t('operations.slos.none')} />
        ) : (
          <table className="table home-slo-table">
            <caption className="visually-hidden">{t('operations.slos.title')}</caption>
            <thead>
              <tr>
                <th>{t('operations.slos.slo')}</th>
                <th>{t('operations.slos.status')}</th>
                <th>{t('operations.slos.burnRate')}</th>
                <th>{t('operations.slos.exhaustion')}</th>
              </tr>
            </thead>
            <tbody>
              {burning.map((slo) => (
                <tr key={slo.name} data-testid="home-slo" data-name={slo.name}>
                  <td>
                    <button
                      type="button"
                      className="link-btn home-slo-name"
                      onClick={() => openSlo(slo.name)}
                    >
                      {slo.displayName || slo.name}
                    </button>
                  </td>
                  <td>
                    <SloStatusBadge status={slo.status} />
                  </td>
                  <td className="mono nowrap" data-testid="home-slo-burn">
                    <span dir="ltr">{formatBurnRate(slo.burnRate)}</span>
                  </td>
                  <td className="nowrap" data-testid="home-slo-exhaustion">
                    {formatDuration(slo.timeToExhaustionMinutes, t)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </HomeCard>
  );
}
