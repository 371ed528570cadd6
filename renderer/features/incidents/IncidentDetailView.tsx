// One incident: what it is and how its target clocks stand, what may be done next, who works it,
// what happened (the timeline, notes included), the alerts grouped into it and the SLOs it hurts.
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../shared/ipc/contract.ts';
import { useAppStore } from '../../store/index.ts';
import { selectIncidentDetail } from '../../store/incidentsSlice.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { useNow } from '../fleet/useNow.ts';
import { AffectedSlos } from './AffectedSlos.tsx';
import { IncidentActions } from './IncidentActions.tsx';
import { MajorMark, PriorityBadge, StateBadge } from './IncidentBadges.tsx';
import { IncidentPeople } from './IncidentPeople.tsx';
import { IncidentPostmortemPanel } from '../postmortems/IncidentPostmortemPanel.tsx';
import { IncidentTimeline } from './IncidentTimeline.tsx';
import { IncidentRunbookPanel } from '../runbooks/IncidentRunbookPanel.tsx';
import { LinkedAlerts } from './LinkedAlerts.tsx';
import { PrioritySummary } from './PrioritySummary.tsx';
import { TargetClock } from './TargetClock.tsx';

function Header({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const now = useNow(15_000);
  return (
    <header className="incident-header" data-testid="incident-header">
      <div className="incident-heading">
        <PriorityBadge priority={incident.priority} />
        <span className="mono muted" dir="ltr">
          #{incident.id}
        </span>
        <h1 className="page-title incident-heading-title" dir="auto" data-testid="incident-title">
          {incident.title}
        </h1>
        {incident.isMajor && <MajorMark />}
        {incident.isDrill && <span className="incident-drill">{t('incidents.drill')}</span>}
      </div>
      <dl className="incident-facts">
        <div>
          <dt>{t('incidents.fields.state')}</dt>
          <dd data-testid="incident-state" data-state={incident.state}>
            <StateBadge state={incident.state} />
          </dd>
        </div>
        <div>
          <dt>{t('incidents.fields.category')}</dt>
          <dd>{t(`incidents.categories.${incident.category}`)}</dd>
        </div>
        <div>
          <dt>{t('incidents.fields.service')}</dt>
          <dd dir="ltr">{incident.service ?? '—'}</dd>
        </div>
        {incident.cluster && (
          <div>
            <dt>{t('incidents.fields.cluster')}</dt>
            <dd dir="ltr">{incident.cluster}</dd>
          </div>
        )}
        <div>
          <dt>{t('incidents.fields.opened')}</dt>
          <dd>
            <Timestamp iso={incident.openedAt} timeZone={timeZone} />
          </dd>
        </div>
        <div>
          <dt>{t('incidents.fields.acknowledged')}</dt>
          <dd data-testid="incident-acknowledged">
            {incident.acknowledgedAt ? (
              <>
                <Timestamp iso={incident.acknowledgedAt} timeZone={timeZone} />{' '}
                <span className="muted">{incident.acknowledgedBy}</span>
              </>
            ) : (
              <span className="muted">{t('incidents.notAcknowledged')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('incidents.clock.respondTitle')}</dt>
          <dd>
            <TargetClock
              clock={incident.respond}
              state={incident.state}
              now={now}
              which="respond"
            />
          </dd>
        </div>
        <div>
          <dt>{t('incidents.clock.resolveTitle')}</dt>
          <dd>
            <TargetClock
              clock={incident.resolve}
              state={incident.state}
              now={now}
              which="resolve"
            />
          </dd>
        </div>
      </dl>
    </header>
  );
}

export function IncidentDetailView({ id, onBack }: { id: number; onBack: () => void }) {
  const { t } = useTranslation();
  const detail = useAppStore(selectIncidentDetail);
  const load = useAppStore((s) => s.loadIncident);
  const incident = detail.data?.id === id ? detail.data : null;

  let body;
  if (detail.error && !incident)
    body = (
      <ErrorNotice error={detail.error} onRetry={() => void load(id)} testId="incident-error" />
    );
  else if (!incident) body = <LoadingBlock label={t('incidents.detail.loading')} />;
  else {
    body = (
      <>
        {detail.error && (
          <ErrorNotice error={detail.error} onRetry={() => void load(id)} testId="incident-error" />
        )}
        <Header incident={incident} />
        <IncidentActions incident={incident} />
        <div className="incident-layout">
          <div className="incident-main">
            <IncidentRunbookPanel incidentId={incident.id} />
            <IncidentTimeline incident={incident} />
            <LinkedAlerts incident={incident} />
          </div>
          <aside className="incident-side">
            <PrioritySummary incident={incident} />
            <IncidentPeople incident={incident} />
            <IncidentPostmortemPanel incidentId={incident.id} />
            <AffectedSlos names={incident.slos} />
          </aside>
        </div>
      </>
    );
  }
  return (
    <div className="incident-detail" data-testid="incident-detail" data-incident-id={id}>
      <div>
        <Button variant="ghost" size="sm" onClick={onBack} data-testid="incident-back">
          {t('incidents.detail.back')}
        </Button>
      </div>
      {body}
    </div>
  );
}
