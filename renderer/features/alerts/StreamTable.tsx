// The alert stream's rows: state, severity, source, what fired (summary, rule, labels), when, the
// incident it joined, and whether the responders judged it useful or noise.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertVerdict } from '../../../shared/domain/incidents/alerts.ts';
import type { PipelineAlert } from '../../../shared/ipc/contract.ts';
import { toApiCallError } from '../../api/client.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { useErrorText } from '../../ui/ErrorNotice.tsx';
import { Table } from '../../ui/Table.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { LabelChips, SeverityBadge, SourceBadge, StreamStateBadge } from './AlertBadges.tsx';

const VERDICTS: readonly AlertVerdict[] = ['useful', 'noise'];
/** Labels the row already shows in its own columns (the rule, the severity, the source). */
const SHOWN_IN_COLUMNS = new Set(['alertname', 'severity', 'source']);

function VerdictButtons({ alert }: { alert: PipelineAlert }) {
  const { t } = useTranslation();
  const judge = useAppStore((s) => s.judgeStreamAlert);
  const pushToast = useAppStore((s) => s.pushToast);
  const errorText = useErrorText();
  const [busy, setBusy] = useState<AlertVerdict | null>(null);
  const onJudge = async (verdict: AlertVerdict) => {
    setBusy(verdict);
    try {
      await judge(alert.id, verdict);
    } catch (thrown) {
      pushToast('error', errorText(toApiCallError(thrown)));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="verdict-buttons" role="group" aria-label={t('alertStream.verdict.label')}>
      {VERDICTS.map((v) => (
        <button
          key={v}
          type="button"
          className={`verdict-btn verdict-${v}`}
          aria-pressed={alert.verdict === v}
          aria-busy={busy === v || undefined}
          disabled={busy !== null}
          onClick={() => void onJudge(v)}
          title={t(`alertStream.verdict.mark.${v}`)}
          data-testid={`stream-verdict-${v}`}
        >
          {t(`alertStream.verdict.${v}`)}
        </button>
      ))}
    </div>
  );
}

export function StreamTable({ alerts }: { alerts: readonly PipelineAlert[] }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const canJudge = useAppStore(selectCan('incidents.respond'));
  const openIncident = useAppStore((s) => s.openIncident);
  return (
    <Table
      caption={t('alertStream.tabs.stream')}
      head={
        <tr>
          <th>{t('alertStream.columns.state')}</th>
          <th>{t('alertStream.columns.severity')}</th>
          <th>{t('alertStream.columns.source')}</th>
          <th>{t('alertStream.columns.alert')}</th>
          <th>{t('alertStream.columns.labels')}</th>
          <th>{t('alertStream.columns.started')}</th>
          <th>{t('alertStream.columns.incident')}</th>
          <th>{t('alertStream.columns.verdict')}</th>
        </tr>
      }
    >
      {alerts.map((alert) => {
        const incidentId = alert.incidentId;
        return (
          <tr
            key={alert.id}
            data-testid="stream-alert-row"
            data-id={alert.id}
            data-state={alert.state}
            data-source={alert.source}
            data-severity={alert.severity}
            data-verdict={alert.verdict ?? ''}
          >
            <td>
              <div className="stream-state">
                <StreamStateBadge state={alert.state} />
                {alert.silenceId !== null && (
                  <span className="source-tag" data-testid="stream-silenced">
                    {t('alertStream.silenced')}
                  </span>
                )}
                {alert.isFlapping && (
                  <span className="source-tag" data-testid="stream-flapping">
                    {t('alertStream.flapping')}
                  </span>
                )}
              </div>
            </td>
            <td>
              <SeverityBadge severity={alert.severity} />
            </td>
            <td>
              <SourceBadge source={alert.source} />
            </td>
            <td>
              <div className="stream-alert">
                <span className="stream-summary" dir="auto" data-testid="stream-summary">
                  {alert.summary}
                </span>
                <span className="mono muted stream-rule" dir="ltr">
                  {alert.rule}
                </span>
              </div>
            </td>
            <td className="stream-labels">
              <LabelChips labels={alert.labels} hidden={SHOWN_IN_COLUMNS} />
            </td>
            <td className="nowrap">
              <div className="stream-times">
                <Timestamp iso={alert.startedAt} timeZone={timeZone} />
                <span className="muted">
                  {t('alertStream.lastSeen')}{' '}
                  <Timestamp iso={alert.lastSeenAt} timeZone={timeZone} />
                </span>
              </div>
            </td>
            <td className="nowrap">
              {incidentId === null ? (
                <span className="muted">—</span>
              ) : (
                <button
                  type="button"
                  className="link-btn"
                  onClick={() => openIncident(incidentId)}
                  data-testid="stream-incident-link"
                >
                  {t('alertStream.incident', { id: incidentId })}
                </button>
              )}
            </td>
            <td>
              {canJudge ? (
                <VerdictButtons alert={alert} />
              ) : alert.verdict ? (
                <span data-testid="stream-verdict">
                  {t(`alertStream.verdict.${alert.verdict}`)}
                </span>
              ) : (
                <span className="muted">—</span>
              )}
              {alert.verdictBy && (
                <span className="muted stream-verdict-by">
                  {t('alertStream.verdict.by', { name: alert.verdictBy })}
                </span>
              )}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
