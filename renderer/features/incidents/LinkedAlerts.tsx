// The alerts grouped into this incident, from every source, and the responder's verdict on each:
// useful or noise (the noise report counts these to tune the rules).
import { useTranslation } from 'react-i18next';
import type { AlertVerdict } from '../../../shared/domain/incidents/index.ts';
import type { IncidentDetail, PipelineAlert } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Table } from '../../ui/Table.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';

const STATE_TONE: Record<PipelineAlert['state'], Tone> = {
  firing: 'danger',
  suppressed: 'neutral',
  resolved: 'success',
};
const VERDICTS: readonly AlertVerdict[] = ['useful', 'noise'];

function Verdict({ alert, canJudge }: { alert: PipelineAlert; canJudge: boolean }) {
  const { t } = useTranslation();
  const setVerdict = useAppStore((s) => s.setAlertVerdict);
  const { busy, error, submit } = useSubmission();
  if (!canJudge) {
    return alert.verdict ? <span>{t(`incidents.alerts.verdicts.${alert.verdict}`)}</span> : <>—</>;
  }
  return (
    <div className="incident-verdict" role="group" aria-label={t('incidents.alerts.verdict')}>
      {VERDICTS.map((verdict) => (
        <button
          key={verdict}
          type="button"
          className="segment"
          aria-pressed={alert.verdict === verdict}
          disabled={busy}
          onClick={() => submit(() => setVerdict(alert.id, verdict))}
          data-testid="incident-alert-verdict"
          data-verdict={verdict}
        >
          {t(`incidents.alerts.verdicts.${verdict}`)}
        </button>
      ))}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}

export function LinkedAlerts({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const canJudge = useAppStore(selectCan('incidents.respond'));
  return (
    <section className="incident-panel" aria-labelledby="incident-alerts-heading">
      <h2 id="incident-alerts-heading" className="panel-subtitle">
        {t('incidents.sections.alerts', { count: incident.alerts.length })}
      </h2>
      {incident.alerts.length === 0 ? (
        <p className="muted">{t('incidents.alerts.none')}</p>
      ) : (
        <Table
          caption={t('incidents.sections.alerts', { count: incident.alerts.length })}
          head={
            <tr>
              <th>{t('incidents.alerts.source')}</th>
              <th>{t('incidents.alerts.rule')}</th>
              <th>{t('incidents.alerts.state')}</th>
              <th>{t('incidents.alerts.started')}</th>
              <th>{t('incidents.alerts.verdict')}</th>
            </tr>
          }
        >
          {incident.alerts.map((alert) => (
            <tr
              key={alert.id}
              data-testid="incident-alert"
              data-alert-id={alert.id}
              data-state={alert.state}
            >
              <td>{t(`incidents.alerts.sources.${alert.source}`)}</td>
              <td>
                <div className="mono" dir="ltr">
                  {alert.rule}
                </div>
                <div className="muted break">{alert.summary}</div>
                <ul className="incident-labels" dir="ltr" aria-label={t('incidents.alerts.labels')}>
                  {Object.entries(alert.labels).map(([name, value]) => (
                    <li key={name} className="incident-label">
                      {name}={value}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <Badge tone={STATE_TONE[alert.state]}>
                  {t(`incidents.alerts.states.${alert.state}`)}
                </Badge>
                {alert.isFlapping && (
                  <span className="muted"> {t('incidents.alerts.flapping')}</span>
                )}
              </td>
              <td>
                <Timestamp iso={alert.startedAt} timeZone={timeZone} />
              </td>
              <td>
                <Verdict alert={alert} canJudge={canJudge} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
