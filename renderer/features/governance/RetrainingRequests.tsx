// Retraining requests the trigger rules filed, newest first: the model, the rule, delivery to the
// site's pipeline, and how each closed (the new version and its change record); evidence on demand.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Bdi } from '../../ui/Bdi.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { EvidenceView } from './EvidenceView.tsx';
import { REQUEST_TONE } from './labels.ts';

export function RetrainingRequests() {
  const { t } = useTranslation();
  const requests = useAppStore((s) => s.retrainingRequests);
  const load = useAppStore((s) => s.loadRetraining);
  const open = useAppStore((s) => s.openGovernance);
  const timeZone = useAppStore(selectTimeZone);
  const [shown, setShown] = useState<number | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  if (requests.error && !requests.data)
    return <ErrorNotice error={requests.error} onRetry={() => void load()} />;
  if (!requests.data) return <LoadingBlock />;
  if (requests.data.length === 0)
    return (
      <EmptyState
        title={t('governance.requests.empty')}
        detail={t('governance.requests.emptyDetail')}
      />
    );
  return (
    <ul className="governance-requests">
      {requests.data.map((r) => (
        <li key={r.id} className="card" data-testid={`retraining-request-${r.id}`}>
          <p>
            <strong>#{r.id}</strong> <Bdi>{r.model}</Bdi> · <Bdi>{r.ruleName}</Bdi> ·{' '}
            <Timestamp iso={r.firedAt} timeZone={timeZone} />{' '}
            <Badge tone={REQUEST_TONE[r.status]}>{t(`governance.statuses.${r.status}`)}</Badge>
          </p>
          <p>
            <Bdi>{r.evidence.summary}</Bdi>
          </p>
          {r.status === 'delivered' && r.deliveredTo && (
            <p className="governance-note">
              {t('governance.requests.deliveredTo')} <bdi dir="ltr">{r.deliveredTo}</bdi>
            </p>
          )}
          {r.lastError && r.status === 'failed' && (
            <p className="governance-note" role="status">
              {t('governance.requests.failedBecause', { count: r.attempts })}{' '}
              <Bdi>{r.lastError}</Bdi>
            </p>
          )}
          {r.status === 'closed' && r.changeId !== null && (
            <p>
              {t('governance.requests.closedBy', { version: r.newVersion })}{' '}
              <a
                href={`#/changes/${r.changeId}`}
                onClick={(e) => {
                  e.preventDefault();
                  open({ tab: 'records', changeId: r.changeId });
                }}
              >
                {t('governance.requests.changeLink', { id: r.changeId })}
              </a>
            </p>
          )}
          <Button
            size="sm"
            aria-expanded={shown === r.id}
            onClick={() => setShown(shown === r.id ? null : r.id)}
          >
            {t(
              shown === r.id
                ? 'governance.requests.hideEvidence'
                : 'governance.requests.showEvidence',
            )}
          </Button>
          {shown === r.id && <EvidenceView evidence={r.evidence} />}
        </li>
      ))}
    </ul>
  );
}
