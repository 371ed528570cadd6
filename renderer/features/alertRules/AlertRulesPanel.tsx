// The threshold rules section of the Alerts page: every rule with its condition, scope and severity;
// ML engineers and admins create, change and delete them. Below, the built-in alerts that need none.
import './alertRules.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThresholdRule } from '../../../shared/domain/alertRules/rule.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { selectAlertRules } from '../../store/alertRulesSlice.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { MatcherChips, SeverityBadge } from '../alerts/AlertBadges.tsx';
import { RuleEditorDialog } from './RuleEditorDialog.tsx';

/** The alerts the sources raise with no rule, in the order an operator meets them. */
const BUILT_IN = [
  'HostDown',
  'AgentSilent',
  'ScrapeFailing',
  'TelemetryGap',
  'GpuProbeFailing',
  'GpuXidError',
  'GpuEccUncorrectable',
  'GpuRowRemapFailure',
  'GpuRowRemapPending',
  'GpuThermalSlowdown',
  'GpuHwSlowdown',
  'GpuPowerBrakeSlowdown',
  'ModelAccuracyDrop',
  'PredictionDriftAnomaly',
  'DataPipelineLagAnomaly',
  'LatencyAnomaly',
  'ErrorRateAnomaly',
] as const;

function Condition({ rule }: { rule: ThresholdRule }) {
  const { t } = useTranslation();
  const minutes = rule.forSeconds % 60 === 0;
  const duration = t(minutes ? 'alertRules.units.minutes' : 'alertRules.units.seconds', {
    count: minutes ? rule.forSeconds / 60 : rule.forSeconds,
  });
  return (
    <span className="rule-condition">
      <code dir="ltr">
        {rule.metric} {rule.operator} {rule.threshold}
      </code>
      {rule.clearThreshold !== null && (
        <span className="muted">
          {' · '}
          {t('alertRules.condition.clears', { value: rule.clearThreshold })}
        </span>
      )}
      <span className="muted">
        {' · '}
        {rule.forSeconds === 0
          ? t('alertRules.condition.atOnce')
          : t('alertRules.condition.for', { duration })}
      </span>
    </span>
  );
}

function DeleteDialog({ rule, onClose }: { rule: ThresholdRule; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useAppStore((s) => s.deleteAlertRule);
  const pushToast = useAppStore((s) => s.pushToast);
  const { busy, error, submit } = useSubmission();
  return (
    <Dialog
      title={t('alertRules.deleteDialog.title', { name: rule.name })}
      onClose={onClose}
      testId="rule-delete-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            variant="danger"
            busy={busy}
            data-testid="rule-delete-confirm"
            onClick={() =>
              submit(() => remove(rule.id), {
                onDone: () => {
                  pushToast('success', t('alertRules.deleted'));
                  onClose();
                },
              })
            }
          >
            {t('alertRules.deleteDialog.confirm')}
          </Button>
        </>
      }
    >
      <p>{t('alertRules.deleteDialog.body')}</p>
      {error && <ErrorNotice error={error} testId="rule-delete-error" />}
    </Dialog>
  );
}

function BuiltInAlerts() {
  const { t } = useTranslation();
  return (
    <details className="rule-builtins" data-testid="rule-builtins">
      <summary>
        {t('alertRules.builtIn.title')} ({BUILT_IN.length})
      </summary>
      <p className="muted">{t('alertRules.builtIn.detail')}</p>
      <dl className="rule-builtin-list">
        {BUILT_IN.map((name) => (
          <div key={name}>
            <dt dir="ltr">
              <code>{name}</code>
            </dt>
            <dd>{t(`alertRules.builtIn.${name}`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

type Editing = { kind: 'new' } | { kind: 'edit'; rule: ThresholdRule } | null;

export function AlertRulesPanel() {
  const { t } = useTranslation();
  const remote = useAppStore(selectAlertRules);
  const load = useAppStore((s) => s.loadAlertRules);
  const canEdit = useAppStore(selectCan('slo.manage'));
  const timeZone = useAppStore(selectTimeZone);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<ThresholdRule | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const rules = remote.data ?? [];
  return (
    <section className="tab-content alert-rules" data-testid="alert-rules-panel">
      <div className="stream-bar">
        <p className="muted">{canEdit ? t('alertRules.intro') : t('alertRules.readOnly')}</p>
        {canEdit && (
          <Button
            variant="primary"
            onClick={() => setEditing({ kind: 'new' })}
            data-testid="rule-create"
          >
            {t('alertRules.new')}
          </Button>
        )}
      </div>
      {remote.error && (
        <ErrorNotice error={remote.error} onRetry={() => void load()} testId="rules-error" />
      )}
      {!remote.data && remote.status === 'loading' && <LoadingBlock />}
      {remote.data && rules.length === 0 && (
        <div data-testid="rules-empty">
          <EmptyState title={t('alertRules.empty')} detail={t('alertRules.emptyDetail')} />
        </div>
      )}
      {rules.length > 0 && (
        <Table
          caption={t('alertRules.title')}
          head={
            <tr>
              <th>{t('alertRules.columns.name')}</th>
              <th>{t('alertRules.columns.condition')}</th>
              <th>{t('alertRules.columns.scope')}</th>
              <th>{t('alertRules.columns.severity')}</th>
              <th>{t('alertRules.columns.state')}</th>
              <th>{t('alertRules.columns.updated')}</th>
              {canEdit && <th>{t('alertRules.columns.actions')}</th>}
            </tr>
          }
        >
          {rules.map((rule) => (
            <tr key={rule.id} data-testid="rule-row" data-name={rule.name}>
              <td dir="ltr">
                <strong>{rule.name}</strong>
                {rule.description && <div className="muted">{rule.description}</div>}
              </td>
              <td>
                <Condition rule={rule} />
              </td>
              <td>
                {rule.matchers.length > 0 ? (
                  <MatcherChips matchers={rule.matchers} />
                ) : (
                  <span className="muted">{t('alertRules.everywhere')}</span>
                )}
              </td>
              <td>
                <SeverityBadge severity={rule.severity} />
              </td>
              <td>
                <Badge tone={rule.isEnabled ? 'success' : 'neutral'}>
                  {t(rule.isEnabled ? 'alertRules.on' : 'alertRules.off')}
                </Badge>
              </td>
              <td>
                <Timestamp iso={new Date(rule.updatedAtMs).toISOString()} timeZone={timeZone} />
                <div className="muted">{t('alertRules.updatedBy', { name: rule.updatedBy })}</div>
              </td>
              {canEdit && (
                <td className="row-actions">
                  <Button
                    size="sm"
                    onClick={() => setEditing({ kind: 'edit', rule })}
                    aria-label={t('alertRules.editLabel', { name: rule.name })}
                    data-testid="rule-edit"
                  >
                    {t('alertRules.edit')}
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => setDeleting(rule)}
                    aria-label={t('alertRules.deleteLabel', { name: rule.name })}
                    data-testid="rule-delete"
                  >
                    {t('alertRules.delete')}
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
      <BuiltInAlerts />
      {editing && (
        <RuleEditorDialog
          {...(editing.kind === 'edit' ? { rule: editing.rule } : {})}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && <DeleteDialog rule={deleting} onClose={() => setDeleting(null)} />}
    </section>
  );
}
