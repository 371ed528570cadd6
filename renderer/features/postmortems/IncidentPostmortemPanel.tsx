// On an incident: whether it needs a postmortem (P1/P2, or more than the site's share of an error
// budget) and a button to create it, or to open the one it has.
import './postmortems.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';

const percent = (value: number) =>
  `${(value * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })} %`;

export function IncidentPostmortemPanel({ incidentId }: { incidentId: number }) {
  const { t } = useTranslation();
  const remote = useAppStore((s) => s.incidentPostmortem);
  const load = useAppStore((s) => s.loadIncidentPostmortem);
  const policy = useAppStore((s) => s.postmortemPolicy.data);
  const loadPolicy = useAppStore((s) => s.loadPostmortemPolicy);
  const create = useAppStore((s) => s.createPostmortem);
  const open = useAppStore((s) => s.openPostmortem);
  const canRead = useAppStore(selectCan('postmortems.read'));
  const canWrite = useAppStore(selectCan('postmortems.write'));
  const { busy, error, submit } = useSubmission();
  useEffect(() => {
    if (!canRead) return;
    void load(incidentId);
    void loadPolicy();
  }, [canRead, incidentId, load, loadPolicy]);
  const info = remote.data?.incidentId === incidentId ? remote.data : null;
  if (!canRead || !info) return null;
  const isRequired = info.reasons.length > 0;
  return (
    <section
      className="card pm-incident"
      aria-label={t('postmortems.nav')}
      data-testid="incident-postmortem"
      data-required={isRequired}
    >
      <h2 className="card-title">{t('postmortems.nav')}</h2>
      <div className="card-body pm-stack">
        {isRequired && (
          <p>
            <Badge tone="warning">{t('postmortems.incident.required')}</Badge>{' '}
            <span className="muted">
              {info.reasons
                .map((r) =>
                  r === 'priority'
                    ? t('postmortems.incident.requiredPriority')
                    : t('postmortems.incident.requiredBudget', {
                        value: percent(info.budgetConsumed ?? 0),
                        threshold: policy?.budgetThresholdPercent ?? '—',
                      }),
                )
                .join('; ')}
            </span>
          </p>
        )}
        {info.budgetConsumed !== null && !info.reasons.includes('budget') && (
          <p className="muted">
            {t('postmortems.incident.budget', { value: percent(info.budgetConsumed) })}
          </p>
        )}
        {error && <ErrorNotice error={error} testId="incident-postmortem-error" />}
        {info.postmortemId !== null ? (
          <div className="form-actions">
            {info.state && (
              <span className="muted">
                {t('postmortems.incident.state', { state: t(`postmortems.states.${info.state}`) })}
              </span>
            )}
            <Button onClick={() => open(info.postmortemId)} data-testid="incident-postmortem-open">
              {t('postmortems.incident.open')}
            </Button>
          </div>
        ) : (
          canWrite && (
            <Button
              variant={isRequired ? 'primary' : 'secondary'}
              busy={busy}
              onClick={() => submit(() => create(incidentId))}
              data-testid="incident-postmortem-create"
            >
              {t('postmortems.incident.create')}
            </Button>
          )
        )}
      </div>
    </section>
  );
}
