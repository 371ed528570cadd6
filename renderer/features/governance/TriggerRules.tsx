// The retraining trigger rules (what each watches and when it last changed), their editor, "evaluate
// now", and the site's pipeline the requests go to.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TriggerRule } from '../../../shared/ipc/governanceSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Bdi } from '../../ui/Bdi.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { PipelineForm } from './PipelineForm.tsx';
import { RuleEditor } from './RuleEditor.tsx';

function conditionText(rule: TriggerRule): string {
  const c = rule.condition;
  if (c.kind === 'accuracy_below') return `${c.signal} < ${c.target} · ${c.windowMinutes} min`;
  if (c.kind === 'drift_features')
    return `${c.signal} ≥ ${c.threshold} × ${c.minFeatures} · ${c.windowMinutes} min`;
  return `${c.slo} ≥ ${c.burnRateAtLeast}×`;
}

export function TriggerRules() {
  const { t } = useTranslation();
  const rules = useAppStore((s) => s.triggerRules);
  const load = useAppStore((s) => s.loadRetraining);
  const evaluate = useAppStore((s) => s.evaluateTriggers);
  const pushToast = useAppStore((s) => s.pushToast);
  const canManage = useAppStore(selectCan('retraining.manage'));
  const [editing, setEditing] = useState<TriggerRule | 'new' | null>(null);
  const { busy, error, submit } = useSubmission();
  useEffect(() => {
    void load();
  }, [load]);
  if (rules.error && !rules.data)
    return <ErrorNotice error={rules.error} onRetry={() => void load()} />;
  if (!rules.data) return <LoadingBlock />;
  return (
    <>
      {canManage && (
        <div className="governance-actions">
          <Button variant="primary" data-testid="rule-new" onClick={() => setEditing('new')}>
            {t('governance.rules.new')}
          </Button>
          <Button
            busy={busy}
            onClick={() =>
              submit(evaluate, {
                onDone: (filed) =>
                  pushToast('success', t('governance.rules.evaluated', { count: filed.length })),
              })
            }
          >
            {t('governance.rules.evaluate')}
          </Button>
        </div>
      )}
      {error && <ErrorNotice error={error} />}
      {rules.data.length === 0 ? (
        <EmptyState
          title={t('governance.rules.empty')}
          detail={t('governance.rules.emptyDetail')}
        />
      ) : (
        <Table
          caption={t('governance.tabs.triggers')}
          head={
            <tr>
              <th>{t('governance.rules.name')}</th>
              <th>{t('governance.fields.model')}</th>
              <th>{t('governance.rules.condition')}</th>
              <th>{t('governance.rules.cooldown')}</th>
              <th>{t('governance.rules.state')}</th>
              {canManage && <th>{t('common.actions')}</th>}
            </tr>
          }
        >
          {rules.data.map((rule) => (
            <tr key={rule.id} data-testid={`rule-row-${rule.id}`}>
              <td>
                <Bdi>{rule.name}</Bdi>
              </td>
              <td>
                <Bdi>{rule.model}</Bdi>
              </td>
              <td>
                {t(`governance.triggerKinds.${rule.condition.kind}`)}:{' '}
                <span dir="ltr" className="mono">
                  {conditionText(rule)}
                </span>
              </td>
              <td className="mono">{rule.cooldownMinutes}</td>
              <td>
                <Badge tone={rule.isEnabled ? 'success' : 'neutral'}>
                  {t(rule.isEnabled ? 'governance.rules.on' : 'governance.rules.off')}
                </Badge>
              </td>
              {canManage && (
                <td>
                  <Button size="sm" onClick={() => setEditing(rule)}>
                    {t('governance.rules.edit')}
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
      <PipelineForm />
      {editing && (
        <RuleEditor rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
