// Creates or edits an escalation policy: which incidents it takes (priorities, and optionally
// categories and services), its ordered tiers with their timeouts, and how often the chain repeats.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_CATEGORIES, PRIORITIES } from '../../../shared/domain/incidents/index.ts';
import { escalationTimeline } from '../../../shared/domain/oncall/index.ts';
import type { EscalationPolicyView } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectOnCallPeople, selectOnCallSchedules } from '../../store/oncallSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Checkbox, TextField } from '../../ui/Field.tsx';
import {
  checkPolicyDraft,
  newTier,
  policyDraftOf,
  type PolicyDraft,
  type PolicyErrors,
} from './policyForm.ts';
import { TierFields } from './TierFields.tsx';

function toggle<T>(items: readonly T[], item: T, on: boolean, order: readonly T[]): T[] {
  return order.filter((x) => (x === item ? on : items.includes(x)));
}

/** "Tier 1 at once · tier 2 after 15 min · …" for the timeouts as typed. */
function Preview({ draft }: { draft: PolicyDraft }) {
  const { t } = useTranslation();
  const minutes = draft.tiers.map((tier) => Number(tier.timeout));
  if (minutes.some((m) => !Number.isInteger(m) || m < 1)) return null;
  const repeat = Number(draft.repeat);
  const steps = escalationTimeline({
    tiers: minutes.map((m) => ({ timeoutMinutes: m })),
    repeat: Number.isInteger(repeat) && repeat >= 0 && repeat <= 10 ? repeat : 0,
  });
  return (
    <p className="form-note" data-testid="oncall-policy-preview">
      {steps
        .map((s) =>
          s.atMinute === 0
            ? t('oncall.policy.previewFirst', { n: s.tier + 1 })
            : t('oncall.policy.previewStep', { n: s.tier + 1, minutes: s.atMinute }),
        )
        .join(' · ')}
    </p>
  );
}

export function PolicyEditor({
  policy,
  onClose,
}: {
  policy: EscalationPolicyView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const schedules = useAppStore(selectOnCallSchedules).data ?? [];
  const people = useAppStore(selectOnCallPeople).data ?? [];
  const save = useAppStore((s) => s.saveEscalationPolicy);
  const pushToast = useAppStore((s) => s.pushToast);
  const [draft, setDraft] = useState(() => policyDraftOf(policy));
  const [errors, setErrors] = useState<PolicyErrors | null>(null);
  const { busy, error, submit } = useSubmission();
  const set = <K extends keyof PolicyDraft>(key: K, value: PolicyDraft[K]) =>
    setDraft({ ...draft, [key]: value });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkPolicyDraft(draft);
    setErrors(checked.errors);
    if (!checked.spec) return;
    const spec = checked.spec;
    submit(() => save(policy?.id, spec), {
      onDone: (saved) => {
        pushToast('success', t('oncall.policy.saved', { name: saved.name }));
        onClose();
      },
    });
  };

  const moveTier = (from: number, to: number) => {
    const tiers = [...draft.tiers];
    const [tier] = tiers.splice(from, 1);
    if (tier) tiers.splice(to, 0, tier);
    set('tiers', tiers);
  };

  return (
    <Dialog
      title={policy ? t('oncall.policy.editTitle') : t('oncall.policy.newTitle')}
      onClose={onClose}
      className="oncall-dialog"
      testId="oncall-policy-editor"
    >
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t('oncall.policy.name')}
          value={draft.name}
          maxLength={80}
          error={errors?.name ? t(errors.name) : null}
          onChange={(e) => set('name', e.target.value)}
          data-testid="oncall-policy-name"
        />
        <TextField
          label={t('oncall.editor.description')}
          value={draft.description}
          maxLength={500}
          onChange={(e) => set('description', e.target.value)}
        />
        <Checkbox
          label={t('oncall.policy.isDefault')}
          checked={draft.isDefault}
          onChange={(e) => set('isDefault', e.target.checked)}
          data-testid="oncall-policy-default"
        />
        <p className="form-note">{t('oncall.policy.defaultHint')}</p>
        <fieldset className="form-section">
          <legend>{t('oncall.policy.priorities')}</legend>
          <div className="oncall-weekdays">
            {PRIORITIES.map((p) => (
              <Checkbox
                key={p}
                label={`${p} · ${t(`incidents.priority.${p}`)}`}
                checked={draft.priorities.includes(p)}
                onChange={(e) =>
                  set('priorities', toggle(draft.priorities, p, e.target.checked, PRIORITIES))
                }
                data-testid={`oncall-policy-priority-${p}`}
              />
            ))}
          </div>
          {errors?.priorities && (
            <p className="field-error" role="alert">
              {t(errors.priorities)}
            </p>
          )}
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('oncall.policy.categories')}</legend>
          <p className="form-note">{t('oncall.policy.categoriesHint')}</p>
          <div className="oncall-weekdays">
            {INCIDENT_CATEGORIES.map((c) => (
              <Checkbox
                key={c}
                label={t(`incidents.categories.${c}`)}
                checked={draft.categories.includes(c)}
                onChange={(e) =>
                  set(
                    'categories',
                    toggle(draft.categories, c, e.target.checked, INCIDENT_CATEGORIES),
                  )
                }
              />
            ))}
          </div>
        </fieldset>
        <TextField
          label={t('oncall.policy.services')}
          hint={t('oncall.policy.servicesHint')}
          dir="ltr"
          value={draft.services}
          onChange={(e) => set('services', e.target.value)}
          data-testid="oncall-policy-services"
        />
        {draft.tiers.map((tier, i) => (
          <TierFields
            key={i}
            index={i}
            count={draft.tiers.length}
            tier={tier}
            schedules={schedules}
            people={people}
            errors={errors?.tiers[i] ?? {}}
            onChange={(next) =>
              set(
                'tiers',
                draft.tiers.map((x, j) => (j === i ? next : x)),
              )
            }
            onMove={(to) => moveTier(i, to)}
            onRemove={() =>
              set(
                'tiers',
                draft.tiers.filter((_, j) => j !== i),
              )
            }
          />
        ))}
        {draft.tiers.length < 10 && (
          <div>
            <Button
              size="sm"
              onClick={() => set('tiers', [...draft.tiers, newTier('functional')])}
              data-testid="oncall-tier-add"
            >
              {t('oncall.policy.addTier')}
            </Button>
          </div>
        )}
        <TextField
          label={t('oncall.policy.repeat')}
          hint={t('oncall.policy.repeatHint')}
          inputMode="numeric"
          value={draft.repeat}
          error={errors?.repeat ? t(errors.repeat) : null}
          onChange={(e) => set('repeat', e.target.value)}
          data-testid="oncall-policy-repeat"
        />
        <Preview draft={draft} />
        {error && <ErrorNotice error={error} testId="oncall-policy-error" />}
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" busy={busy} data-testid="oncall-policy-save">
            {t('oncall.policy.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
