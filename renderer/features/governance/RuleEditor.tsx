// Writes a retraining trigger rule: which model, which condition (accuracy below target, drift on N
// features, an SLO's budget burn) and its cool-down; checked with the contract's own schema first.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  TRIGGER_KINDS,
  TriggerRuleInputSchema,
  type TriggerKind,
  type TriggerRule,
} from '../../../shared/ipc/governanceSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Checkbox, SelectField, TextField } from '../../ui/Field.tsx';

/** Each condition's fields with their defaults (numbers typed as text until saved). */
const FIELDS: Record<TriggerKind, Record<string, string>> = {
  accuracy_below: {
    signal: 'model_accuracy_ratio',
    target: '0.9',
    windowMinutes: '60',
    minReadings: '3',
  },
  drift_features: {
    signal: 'feature_drifted',
    threshold: '1',
    minFeatures: '3',
    windowMinutes: '60',
  },
  slo_burn: { slo: '', burnRateAtLeast: '2' },
};
const TEXT_FIELDS = new Set(['signal', 'slo']);

function conditionValues(rule: TriggerRule | null): {
  kind: TriggerKind;
  values: Record<string, string>;
} {
  if (!rule) return { kind: 'accuracy_below', values: { ...FIELDS.accuracy_below } };
  const { kind, ...rest } = rule.condition;
  return { kind, values: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, String(v)])) };
}

export function RuleEditor({ rule, onClose }: { rule: TriggerRule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useAppStore((s) => s.saveTriggerRule);
  const initial = conditionValues(rule);
  const [name, setName] = useState(rule?.name ?? '');
  const [model, setModel] = useState(rule?.model ?? '');
  const [kind, setKind] = useState<TriggerKind>(initial.kind);
  const [values, setValues] = useState<Record<string, string>>(initial.values);
  const [cooldown, setCooldown] = useState(String(rule?.cooldownMinutes ?? 1440));
  const [isEnabled, setEnabled] = useState(rule?.isEnabled ?? true);
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, error, submit } = useSubmission();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const condition = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, TEXT_FIELDS.has(k) ? v : Number(v)]),
    );
    const parsed = TriggerRuleInputSchema.safeParse({
      name,
      model,
      condition: { kind, ...condition },
      cooldownMinutes: Number(cooldown),
      isEnabled,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      setProblem(`${issue.path.join('.')}: ${issue.message}`);
      return;
    }
    setProblem(null);
    submit(() => save(rule?.id ?? null, parsed.data), { onDone: onClose });
  };
  return (
    <Dialog
      title={t(rule ? 'governance.rules.editTitle' : 'governance.rules.newTitle')}
      onClose={onClose}
      testId="rule-editor"
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="submit"
            form="rule-editor-form"
            variant="primary"
            busy={busy}
            data-testid="rule-save"
          >
            {t('common.save')}
          </Button>
        </>
      }
    >
      <form id="rule-editor-form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t('governance.rules.name')}
          value={name}
          maxLength={120}
          data-autofocus
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          label={t('governance.fields.model')}
          value={model}
          maxLength={200}
          onChange={(e) => setModel(e.target.value)}
        />
        <SelectField
          label={t('governance.rules.condition')}
          value={kind}
          onChange={(e) => {
            const next = e.target.value as TriggerKind;
            setKind(next);
            setValues({ ...FIELDS[next] });
          }}
        >
          {TRIGGER_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`governance.triggerKinds.${k}`)}
            </option>
          ))}
        </SelectField>
        {Object.keys(FIELDS[kind]).map((field) => (
          <TextField
            key={field}
            label={t(`governance.rules.fields.${field}`)}
            value={values[field] ?? ''}
            dir={TEXT_FIELDS.has(field) ? 'ltr' : undefined}
            inputMode={TEXT_FIELDS.has(field) ? undefined : 'decimal'}
            onChange={(e) => setValues({ ...values, [field]: e.target.value })}
          />
        ))}
        <TextField
          label={t('governance.rules.cooldown')}
          hint={t('governance.rules.cooldownHint')}
          value={cooldown}
          inputMode="numeric"
          onChange={(e) => setCooldown(e.target.value)}
        />
        <Checkbox
          label={t('governance.rules.enabled')}
          checked={isEnabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        {error && <ErrorNotice error={error} />}
      </form>
    </Dialog>
  );
}
