// The bar across the top of every screen while a page naming this operator waits: the newest page
// first, how many wait, Acknowledge and Open. It stays until acknowledged or dismissed.
import '../../styles/incidents.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectIncidentPages, type IncidentPage } from '../../store/incidentsSlice.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { playPageSound } from './alertSound.ts';
import { PriorityBadge } from './IncidentBadges.tsx';

function PageRow({ page, isNewest }: { page: IncidentPage; isNewest: boolean }) {
  const { t } = useTranslation();
  const canRespond = useAppStore(selectCan('incidents.respond'));
  const acknowledge = useAppStore((s) => s.acknowledgeIncident);
  const dismiss = useAppStore((s) => s.dismissPage);
  const open = useAppStore((s) => s.openIncident);
  const { busy, error, submit } = useSubmission();
  return (
    <li
      className={`paging-row${isNewest ? ' is-newest' : ''}`}
      data-testid="paging-row"
      data-incident-id={page.incidentId}
      data-priority={page.priority}
    >
      <PriorityBadge priority={page.priority} />
      <span className="paging-text">
        <span className="paging-title" dir="auto" data-testid="paging-title">
          {page.title}
        </span>{' '}
        <span className="paging-meta">
          {t('incidents.paging.meta', { id: page.incidentId, tier: page.tier })}
        </span>
      </span>
      <span className="paging-actions">
        {canRespond && (
          <Button
            variant="primary"
            size="sm"
            busy={busy}
            onClick={() =>
              submit(() => acknowledge(page.incidentId), { onDone: () => dismiss(page.incidentId) })
            }
            data-testid="paging-acknowledge"
          >
            {t('incidents.actions.acknowledge')}
          </Button>
        )}
        <Button size="sm" onClick={() => open(page.incidentId)} data-testid="paging-open">
          {t('incidents.paging.open')}
        </Button>
        <button
          type="button"
          className="icon-btn"
          onClick={() => dismiss(page.incidentId)}
          aria-label={t('incidents.paging.dismiss', { id: page.incidentId })}
          data-testid="paging-dismiss"
        >
          ×
        </button>
      </span>
      {error && <ErrorNotice error={error} testId="paging-error" />}
    </li>
  );
}

export function PagingBar() {
  const { t } = useTranslation();
  const pages = useAppStore(selectIncidentPages);
  const newest = pages[0]?.key ?? 0;
  const heard = useRef(0);

  // One beep per page received, not per render.
  useEffect(() => {
    if (newest > heard.current) {
      heard.current = newest;
      playPageSound();
    }
  }, [newest]);

  if (pages.length === 0) return null;
  return (
    <section
      className="paging-bar"
      role="alert"
      aria-label={t('incidents.paging.label')}
      data-testid="paging-bar"
    >
      <span className="paging-count" data-testid="paging-count" data-count={pages.length}>
        {t('incidents.paging.count', { count: pages.length })}
      </span>
      <ul className="paging-list">
        {pages.map((page, index) => (
          <PageRow key={page.key} page={page} isNewest={index === 0} />
        ))}
      </ul>
    </section>
  );
}
