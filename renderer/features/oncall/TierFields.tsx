// One tier of an escalation policy: how it escalates (first line, to a skill, up to a lead), whom it
// pages (schedules' on-call people and named operators) and how long it waits for an acknowledgement.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TIER_KINDS, type TierTarget } from '../../../shared/domain/oncall/index.ts';
import type { OnCallPerson, OnCallSchedule } from '../../../shared/ipc/contract.ts';
import { Button } from '../../ui/Button.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { useTargetText } from './oncallText.ts';
import type { TierDraft, TierField } from './policyForm.ts';

const keyOf = (target: TierTarget) =>
  target.type === 'schedule' ? `schedule:${target.scheduleId}` : `operator:${target.username}`;

function targetOf(key: string): TierTarget | null {
  const [type, value = ''] = key.split(/:(.*)/s);
  if (type === 'schedule' && /^\d+$/.test(value))
    return { type: 'schedule', scheduleId: Number(value) };
  if (type === 'operator' && value) return { type: 'operator', username: value };
  return null;
}

export function TierFields({
  index,
  count,
  tier,
  schedules,
  people,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  tier: TierDraft;
  schedules: readonly OnCallSchedule[];
  people: readonly OnCallPerson[];
  errors: Partial<Record<TierField, string>>;
  onChange: (tier: TierDraft) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const targetText = useTargetText();
  const [adding, setAdding] = useState('');
  const chosen = new Set(tier.targets.map(keyOf));
  const add = () => {
    const target = targetOf(adding);
    if (target) onChange({ ...tier, targets: [...tier.targets, target] });
    setAdding('');
  };
  return (
    <fieldset className="form-section-card oncall-tier" data-testid="oncall-tier">
      <legend>{t('oncall.tier.title', { n: index + 1 })}</legend>
      <div className="oncall-row">
        <SelectField
          label={t('oncall.tier.kind')}
          value={tier.kind}
          onChange={(e) =>
            onChange({
              ...tier,
              kind: TIER_KINDS.find((k) => k === e.target.value) ?? 'first_line',
            })
          }
          data-testid="oncall-tier-kind"
        >
          {TIER_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`oncall.tier.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('oncall.tier.label')}
          hint={t('oncall.tier.labelHint')}
          value={tier.label}
          maxLength={80}
          onChange={(e) => onChange({ ...tier, label: e.target.value })}
          data-testid="oncall-tier-label"
        />
        <TextField
          label={t('oncall.tier.timeout')}
          inputMode="numeric"
          value={tier.timeout}
          error={errors.timeout ? t(errors.timeout) : null}
          onChange={(e) => onChange({ ...tier, timeout: e.target.value })}
          data-testid="oncall-tier-timeout"
        />
      </div>
      <ul className="oncall-targets" aria-label={t('oncall.tier.targets')}>
        {tier.targets.map((target) => (
          <li key={keyOf(target)} data-testid="oncall-tier-target">
            {targetText(target)}
            <Button
              size="sm"
              variant="ghost"
              aria-label={t('oncall.tier.removeTarget', { name: targetText(target) })}
              onClick={() =>
                onChange({
                  ...tier,
                  targets: tier.targets.filter((x) => keyOf(x) !== keyOf(target)),
                })
              }
            >
              ×
            </Button>
          </li>
        ))}
      </ul>
      <div className="oncall-add-row">
        <SelectField
          label={t('oncall.tier.addTarget')}
          value={adding}
          error={errors.targets ? t(errors.targets) : null}
          onChange={(e) => setAdding(e.target.value)}
          data-testid="oncall-tier-target-choice"
        >
          <option value="">{t('oncall.tier.chooseTarget')}</option>
          <optgroup label={t('oncall.tier.schedules')}>
            {schedules
              .filter((s) => !chosen.has(`schedule:${s.id}`))
              .map((s) => (
                <option key={s.id} value={`schedule:${s.id}`}>
                  {t('oncall.tier.scheduleTarget', { name: s.name })}
                </option>
              ))}
          </optgroup>
          <optgroup label={t('oncall.tier.operators')}>
            {people
              .filter((p) => !p.isDisabled && !chosen.has(`operator:${p.username}`))
              .map((p) => (
                <option key={p.username} value={`operator:${p.username}`}>
                  {p.displayName} ({p.username})
                </option>
              ))}
          </optgroup>
        </SelectField>
        <Button size="sm" disabled={!adding} onClick={add} data-testid="oncall-tier-target-add">
          {t('oncall.layer.add')}
        </Button>
      </div>
      <div className="form-actions">
        <Button
          size="sm"
          variant="ghost"
          disabled={index === 0}
          onClick={() => onMove(index - 1)}
          aria-label={t('oncall.tier.moveUp', { n: index + 1 })}
        >
          ↑
        </Button>
        <Button
          size="sm"
          variant="ghost"
          disabled={index === count - 1}
          onClick={() => onMove(index + 1)}
          aria-label={t('oncall.tier.moveDown', { n: index + 1 })}
        >
          ↓
        </Button>
        {count > 1 && (
          <Button size="sm" variant="danger" onClick={onRemove} data-testid="oncall-tier-remove">
            {t('oncall.tier.remove')}
          </Button>
        )}
      </div>
    </fieldset>
  );
}
