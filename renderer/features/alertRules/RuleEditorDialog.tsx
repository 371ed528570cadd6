// A threshold rule, new or changed: the signal (picked from what the fleet reports), above or below
// which level for how long, where it clears, which series it watches, and how severe it is.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RULE_OPERATORS, type ThresholdRule } from '../../../shared/domain/alertRules/rule.ts';
import { PIPELINE_SEVERITIES } from '../../../shared/domain/incidents/alerts.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { selectAlertSignals } from '../../store/alertRulesSlice.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Checkbox, SelectField, TextField } from '../../ui/Field.tsx';
import { MATCH_OPS } from '../alerts/matchers.ts';
import type { MatcherDraft } from '../alerts/silenceForm.ts';
import {
  checkRule,
  draftOf,
  emptyMatcher,
  isRuleValid,
  newRuleDraft,
  toRuleInput,
  type DurationUnit,
  type RuleDraft,
} from './ruleForm.ts';

const UNITS: readonly DurationUnit[] = ['seconds', 'minutes'];

function MatcherRows({
  draft,
  setDraft,
  rowErrors,
  labelNames,
  labelValues,
}: {
  draft: RuleDraft;
  setDraft: (draft: RuleDraft) => void;
  rowErrors: (string | null)[];
  labelNames: readonly string[];
  labelValues: Readonly<Record<string, string[]>>;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const setRow = (i: number, patch: Partial<MatcherDraft>) =>
    setDraft({
      ...draft,
      matchers: draft.matchers.map((m, j) => (j === i ? { ...m, ...patch } : m)),
    });
  return (
    <fieldset className="form-section">
      <legend>{t('alertRules.dialog.matchers')}</legend>
      <p className="form-note">{t('alertRules.dialog.matchersHint')}</p>
      <datalist id={`${listId}-names`}>
        {labelNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {draft.matchers.map((m, i) => (
        <div key={i} className="matcher-row" data-testid="rule-matcher" dir="ltr">
          <input
            className="input"
            value={m.name}
            placeholder="cluster"
            list={`${listId}-names`}
            aria-label={t('alertRules.dialog.matcherName', { n: i + 1 })}
            aria-invalid={rowErrors[i] ? true : undefined}
            onChange={(e) => setRow(i, { name: e.target.value })}
            data-testid="rule-matcher-name"
          />
          <select
            className="input select matcher-op"
            value={m.op}
            aria-label={t('alertRules.dialog.matcherOp', { n: i + 1 })}
            onChange={(e) => setRow(i, { op: e.target.value as MatcherDraft['op'] })}
            data-testid="rule-matcher-op"
          >
            {MATCH_OPS.map((op) => (
              <option key={op} value={op} title={t(`silences.ops.${op}`)}>
                {op}
              </option>
            ))}
          </select>
          <input
            className="input"
            value={m.value}
            list={`${listId}-values-${i}`}
            aria-label={t('alertRules.dialog.matcherValue', { n: i + 1 })}
            onChange={(e) => setRow(i, { value: e.target.value })}
            data-testid="rule-matcher-value"
          />
          <datalist id={`${listId}-values-${i}`}>
            {(labelValues[m.name.trim()] ?? []).map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
          <button
            type="button"
            className="icon-btn"
            aria-label={t('alertRules.dialog.removeMatcher', { n: i + 1 })}
            onClick={() =>
              setDraft({ ...draft, matchers: draft.matchers.filter((_, j) => j !== i) })
            }
          >
            ×
          </button>
          {rowErrors[i] && (
            <p className="field-error matcher-error" role="alert" dir="auto">
              {rowErrors[i]}
            </p>
          )}
        </div>
      ))}
      <div>
        <Button
          size="sm"
          onClick={() => setDraft({ ...draft, matchers: [...draft.matchers, emptyMatcher()] })}
          disabled={draft.matchers.length >= 20}
          data-testid="rule-add-matcher"
        >
          {t('alertRules.dialog.addMatcher')}
        </Button>
      </div>
    </fieldset>
  );
}

export function RuleEditorDialog({
  rule,
  onClose,
}: {
  /** The rule to change; absent for a new one. */
  rule?: ThresholdRule;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const signals = useAppStore(selectAlertSignals);
  const loadSignals = useAppStore((s) => s.loadAlertSignals);
  const save = useAppStore((s) => s.saveAlertRule);
  const pushToast = useAppStore((s) => s.pushToast);
  const { busy, error, submit } = useSubmission();
  const [draft, setDraft] = useState<RuleDraft>(() => (rule ? draftOf(rule) : newRuleDraft()));
  const [isTried, setTried] = useState(false);
  const metricListId = useId();

  useEffect(() => {
    void loadSignals();
  }, [loadSignals]);

  const check = checkRule(draft);
  const shown = (issue: string | null) =>
    isTried && issue ? t(`alertRules.errors.${issue}`) : null;
  const metrics = signals.data?.metrics ?? [];
  const picked = metrics.find((m) => m.name === draft.metric.trim());
  const isUnknownMetric = signals.data !== null && !check.metric && !picked;
  const labelNames = picked?.labelNames ?? ['cluster', 'host', 'gpu', 'model', 'version'];

  const onSubmit = () => {
    setTried(true);
    if (!isRuleValid(check)) return;
    submit(() => save(toRuleInput(draft), rule?.id), {
      onDone: () => {
        pushToast('success', t(rule ? 'alertRules.saved' : 'alertRules.created'));
        onClose();
      },
    });
  };

  return (
    <Dialog
      title={
        rule
          ? t('alertRules.dialog.editTitle', { name: rule.name })
          : t('alertRules.dialog.createTitle')
      }
      onClose={onClose}
      className="rule-dialog"
      testId="rule-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" busy={busy} onClick={onSubmit} data-testid="rule-submit">
            {t(rule ? 'alertRules.dialog.save' : 'alertRules.dialog.create')}
          </Button>
        </>
      }
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <TextField
          label={t('alertRules.dialog.name')}
          hint={t('alertRules.dialog.nameHint')}
          error={shown(check.name)}
          value={draft.name}
          maxLength={100}
          dir="ltr"
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          data-testid="rule-name"
        />
        <TextField
          label={t('alertRules.dialog.metric')}
          hint={
            isUnknownMetric
              ? t('alertRules.dialog.metricUnknown')
              : t('alertRules.dialog.metricHint')
          }
          error={shown(check.metric)}
          value={draft.metric}
          list={metricListId}
          dir="ltr"
          autoComplete="off"
          onChange={(e) => setDraft({ ...draft, metric: e.target.value })}
          data-testid="rule-metric"
        />
        <datalist id={metricListId} data-testid="rule-metric-options">
          {metrics.map((m) => (
            <option key={m.name} value={m.name} />
          ))}
        </datalist>
        <div className="rule-levels">
          <SelectField
            label={t('alertRules.dialog.operator')}
            value={draft.operator}
            onChange={(e) =>
              setDraft({ ...draft, operator: e.target.value as RuleDraft['operator'] })
            }
            data-testid="rule-operator"
          >
            {RULE_OPERATORS.map((op) => (
              <option key={op} value={op}>
                {t(`alertRules.dialog.operators.${op}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('alertRules.dialog.threshold')}
            error={shown(check.threshold)}
            value={draft.threshold}
            inputMode="decimal"
            dir="ltr"
            onChange={(e) => setDraft({ ...draft, threshold: e.target.value })}
            data-testid="rule-threshold"
          />
          <TextField
            label={t('alertRules.dialog.clearThreshold')}
            hint={t('alertRules.dialog.clearHint')}
            error={shown(check.clearThreshold)}
            value={draft.clearThreshold}
            inputMode="decimal"
            dir="ltr"
            onChange={(e) => setDraft({ ...draft, clearThreshold: e.target.value })}
            data-testid="rule-clear-threshold"
          />
        </div>
        <div className="rule-levels">
          <TextField
            label={t('alertRules.dialog.forValue')}
            hint={t('alertRules.dialog.forHint')}
            error={shown(check.forDuration)}
            value={draft.forValue}
            inputMode="numeric"
            dir="ltr"
            onChange={(e) => setDraft({ ...draft, forValue: e.target.value })}
            data-testid="rule-for"
          />
          <SelectField
            label={t('alertRules.dialog.forUnit')}
            value={draft.forUnit}
            onChange={(e) => setDraft({ ...draft, forUnit: e.target.value as DurationUnit })}
            data-testid="rule-for-unit"
          >
            {UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {t(`alertRules.dialog.unitNames.${unit}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('alertRules.dialog.severity')}
            value={draft.severity}
            onChange={(e) =>
              setDraft({ ...draft, severity: e.target.value as RuleDraft['severity'] })
            }
            data-testid="rule-severity"
          >
            {PIPELINE_SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {t(`alertStream.severity.${severity}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <MatcherRows
          draft={draft}
          setDraft={setDraft}
          rowErrors={check.rows.map((issue) => shown(issue))}
          labelNames={labelNames}
          labelValues={signals.data?.labelValues ?? {}}
        />
        <TextField
          label={t('alertRules.dialog.description')}
          hint={t('alertRules.dialog.descriptionHint')}
          error={shown(check.description)}
          value={draft.description}
          maxLength={500}
          dir="auto"
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
          data-testid="rule-description"
        />
        <Checkbox
          label={t('alertRules.dialog.enabled')}
          checked={draft.isEnabled}
          onChange={(e) => setDraft({ ...draft, isEnabled: e.target.checked })}
          data-testid="rule-enabled"
        />
        {signals.error && <ErrorNotice error={signals.error} onRetry={() => void loadSignals()} />}
        {error && <ErrorNotice error={error} testId="rule-error" />}
      </form>
    </Dialog>
  );
}
