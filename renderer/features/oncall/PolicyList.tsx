// The escalation policies: which incidents each takes, its tiers in order with their timeouts, and
// its repeats. Those who own the rota create, edit and delete them.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EscalationPolicyView } from '../../../shared/ipc/contract.ts';
import { useAppStore } from '../../store/index.ts';
import { selectOnCallPolicies } from '../../store/oncallSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { useTargetText } from './oncallText.ts';
import { PolicyEditor } from './PolicyEditor.tsx';

type Open =
  | { kind: 'edit'; policy: EscalationPolicyView | null }
  | { kind: 'delete'; policy: EscalationPolicyView };

function PolicyCard({
  policy,
  canManage,
  onOpen,
}: {
  policy: EscalationPolicyView;
  canManage: boolean;
  onOpen: (open: Open) => void;
}) {
  const { t } = useTranslation();
  const targetText = useTargetText();
  const separator = t('oncall.listSeparator');
  const scope = [
    policy.priorities.join(separator),
    policy.categories.length > 0
      ? policy.categories.map((c) => t(`incidents.categories.${c}`)).join(separator)
      : t('oncall.policy.anyCategory'),
    policy.services.length > 0 ? policy.services.join(separator) : t('oncall.policy.anyService'),
  ];
  return (
    <article className="panel oncall-policy" data-testid="oncall-policy" data-name={policy.name}>
      <header className="panel-header">
        <div>
          <h2>
            {policy.name}{' '}
            {policy.isDefault && <Badge tone="accent">{t('oncall.policy.default')}</Badge>}
          </h2>
          {policy.description && <p className="panel-subtitle">{policy.description}</p>}
        </div>
        {canManage && (
          <div className="page-actions">
            <Button
              size="sm"
              onClick={() => onOpen({ kind: 'edit', policy })}
              data-testid="oncall-policy-edit"
            >
              {t('oncall.schedules.edit')}
            </Button>
            <Button
              size="sm"
              variant="danger"
              onClick={() => onOpen({ kind: 'delete', policy })}
              data-testid="oncall-policy-delete"
            >
              {t('oncall.schedules.delete')}
            </Button>
          </div>
        )}
      </header>
      <p className="muted">{t('oncall.policy.appliesTo', { scope: scope.join(' · ') })}</p>
      <ol className="oncall-tiers">
        {policy.tiers.map((tier, i) => (
          <li key={i} data-testid="oncall-policy-tier">
            <strong>{tier.label || t('oncall.tier.title', { n: i + 1 })}</strong>{' '}
            <Badge>{t(`oncall.tier.kinds.${tier.kind}`)}</Badge>{' '}
            {tier.targets.map(targetText).join(separator)}
            <span className="muted">
              {' · '}
              {i === policy.tiers.length - 1
                ? t('oncall.tier.lastWait', { minutes: tier.timeoutMinutes })
                : t('oncall.tier.wait', { minutes: tier.timeoutMinutes })}
            </span>
          </li>
        ))}
      </ol>
      <p className="muted">
        {policy.repeat > 0
          ? t('oncall.policy.repeats', { count: policy.repeat })
          : t('oncall.policy.noRepeat')}
      </p>
    </article>
  );
}

export function PolicyList({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const policies = useAppStore(selectOnCallPolicies);
  const load = useAppStore((s) => s.loadOnCall);
  const remove = useAppStore((s) => s.deleteEscalationPolicy);
  const [open, setOpen] = useState<Open | null>(null);
  if (policies.error && !policies.data)
    return <ErrorNotice error={policies.error} onRetry={() => void load()} />;
  if (!policies.data) return <LoadingBlock />;
  const close = () => setOpen(null);
  return (
    <div className="stack oncall-policies">
      <p className="form-note">{t('oncall.policy.explain')}</p>
      {canManage && (
        <div className="page-actions">
          <Button
            variant="primary"
            onClick={() => setOpen({ kind: 'edit', policy: null })}
            data-testid="oncall-policy-create"
          >
            {t('oncall.policy.create')}
          </Button>
        </div>
      )}
      {policies.data.length === 0 && (
        <div data-testid="oncall-policies-empty">
          <EmptyState
            title={t('oncall.policy.empty')}
            detail={canManage ? t('oncall.policy.emptyDetail') : t('oncall.now.emptyDetailViewer')}
          />
        </div>
      )}
      {policies.data.map((p) => (
        <PolicyCard key={p.id} policy={p} canManage={canManage} onOpen={setOpen} />
      ))}
      {open?.kind === 'edit' && <PolicyEditor policy={open.policy} onClose={close} />}
      {open?.kind === 'delete' && (
        <ConfirmDialog
          title={t('oncall.policy.deleteTitle', { name: open.policy.name })}
          body={t('oncall.policy.deleteBody')}
          confirmLabel={t('oncall.schedules.delete')}
          onConfirm={() => remove(open.policy.id)}
          onClose={close}
          testId="oncall-policy-delete-dialog"
        />
      )}
    </div>
  );
}
