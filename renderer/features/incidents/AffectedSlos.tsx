// The SLOs of the affected services: each name opens its SLO, and the last hours of its SLI show
// beside the incident (the first few; the SLO view has the rest).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SloDetail } from '../../../shared/ipc/contract.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { SliChart } from '../slo/SloCharts.tsx';

/** Charts drawn on the incident; more SLOs are listed by name only. */
const CHARTS_SHOWN = 3;

function SloChart({ name }: { name: string }) {
  const { t } = useTranslation();
  const fetchSlo = useAppStore((s) => s.fetchIncidentSlo);
  const [detail, setDetail] = useState<SloDetail | null | 'failed'>(null);
  useEffect(() => {
    let isCurrent = true;
    fetchSlo(name).then(
      (value) => isCurrent && setDetail(value),
      () => isCurrent && setDetail('failed'),
    );
    return () => {
      isCurrent = false;
    };
  }, [fetchSlo, name]);
  if (detail === 'failed') return <p className="muted">{t('incidents.slos.noChart')}</p>;
  if (!detail) return null;
  return (
    <SliChart
      title={t('incidents.slos.chart', { name: detail.summary.displayName || name })}
      points={detail.recentSli}
      objective={detail.summary.objective}
      testId="incident-slo-chart"
      compact
    />
  );
}

export function AffectedSlos({ names }: { names: readonly string[] }) {
  const { t } = useTranslation();
  const canReadSlos = useAppStore(selectCan('slo.read'));
  const openSlo = useAppStore((s) => s.openSlo);
  return (
    <section className="incident-panel" aria-labelledby="incident-slos-heading">
      <h2 id="incident-slos-heading" className="panel-subtitle">
        {t('incidents.sections.slos')}
      </h2>
      {names.length === 0 ? (
        <p className="muted">{t('incidents.slos.none')}</p>
      ) : (
        <ul className="incident-slos">
          {names.map((name, index) => (
            <li key={name} data-testid="incident-slo" data-name={name}>
              {canReadSlos ? (
                <button
                  type="button"
                  className="link-btn mono"
                  dir="ltr"
                  onClick={() => openSlo(name)}
                >
                  {name}
                </button>
              ) : (
                <span className="mono" dir="ltr">
                  {name}
                </span>
              )}
              {canReadSlos && index < CHARTS_SHOWN && <SloChart name={name} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
