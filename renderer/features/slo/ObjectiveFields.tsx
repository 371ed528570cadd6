// The objective and alerting parts of the SLO editor: window, budgeting method, objective as a
// percentage, time-slice settings, and the burn-rate rules (the Workbook's, or the team's own).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { Checkbox, SelectField, TextField } from '../../ui/Field.tsx';
import type { EditorFieldProps } from './IndicatorFields.tsx';
import {
  BUDGETING_METHODS,
  WINDOW_CHOICES,
  WORKBOOK_WINDOWS,
  type SloDraft,
  type WindowRuleDraft,
} from './sloForm.ts';

export function ObjectiveFields({ draft, update, err }: EditorFieldProps) {
  const { t } = useTranslation();
  const slices = draft.budgetingMethod !== 'Occurrences';
  return (
    <fieldset className="form-section-card" data-testid="slo-objective-section">
      <legend className="visually-hidden">{t('slo.sections.objective')}</legend>
      <h2 className="form-card-title">{t('slo.sections.objective')}</h2>
      <div className="form-row">
        <TextField
          label={t('slo.fields.objective')}
          hint={t('slo.fields.objectiveHint')}
          inputMode="decimal"
          dir="ltr"
          value={draft.objectivePercent}
          error={err('objective')}
          onChange={(e) => update({ objectivePercent: e.target.value }, 'objective')}
          data-testid="slo-objective"
        />
        <SelectField
          label={t('slo.fields.window')}
          value={draft.window}
          onChange={(e) => update({ window: e.target.value as SloDraft['window'] })}
          data-testid="slo-window"
        >
          {WINDOW_CHOICES.map((w) => {
            const [kind, size] = w.split(':');
            return (
              <option key={w} value={w}>
                {kind === 'rolling'
                  ? t('slo.window.rolling', { days: Number(size) })
                  : t(`slo.window.calendar_${size}`)}
              </option>
            );
          })}
        </SelectField>
        <SelectField
          label={t('slo.fields.budgetingMethod')}
          hint={t('slo.fields.budgetingHint')}
          value={draft.budgetingMethod}
          error={err('budgetingMethod')}
          onChange={(e) =>
            update(
              { budgetingMethod: e.target.value as SloDraft['budgetingMethod'] },
              'budgetingMethod',
            )
          }
          data-testid="slo-budgeting"
        >
          {BUDGETING_METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`slo.budgeting.${m}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {slices && (
        <div className="form-row" data-testid="slo-slice-settings">
          <TextField
            label={t('slo.fields.timeSliceMinutes')}
            inputMode="numeric"
            dir="ltr"
            value={draft.timeSliceMinutes}
            error={err('timeSliceMinutes')}
            onChange={(e) => update({ timeSliceMinutes: e.target.value }, 'timeSliceMinutes')}
          />
          <TextField
            label={t('slo.fields.timeSliceTarget')}
            hint={t('slo.fields.timeSliceTargetHint')}
            inputMode="decimal"
            dir="ltr"
            value={draft.timeSliceTargetPercent}
            error={err('timeSliceTarget')}
            onChange={(e) => update({ timeSliceTargetPercent: e.target.value }, 'timeSliceTarget')}
            data-testid="slo-slice-target"
          />
        </div>
      )}
    </fieldset>
  );
}

/** One input of a window rule: labelled by its column header (aria-label), its message below it. */
function RuleInput({
  label,
  value,
  error,
  onChange,
  placeholder,
}: {
  label: string;
  value: string;
  error: string | null;
  onChange: (v: string) => void;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <div className={`slo-rule-cell${error ? ' field-invalid' : ''}`}>
      <input
        className="input input-sm"
        inputMode="decimal"
        dir="ltr"
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? id : undefined}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <p id={id} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

const RULE_COLUMNS = ['severity', 'long', 'short', 'budgetPercent', 'threshold'] as const;

function WindowRow({
  rule,
  index,
  onChange,
  onRemove,
  err,
}: {
  rule: WindowRuleDraft;
  index: number;
  onChange: (rule: WindowRuleDraft) => void;
  onRemove: () => void;
  err: EditorFieldProps['err'];
}) {
  const { t } = useTranslation();
  const path = (field: string) => `alerting.windows.${index}.${field}`;
  const label = (column: (typeof RULE_COLUMNS)[number]) =>
    `${t(`slo.alerting.${column}`)} (${index + 1})`;
  return (
    <div
      className="slo-window-row"
      role="group"
      aria-label={t('slo.alerting.rule', { n: index + 1 })}
      data-testid="slo-window-row"
    >
      <select
        className="input select input-sm"
        aria-label={label('severity')}
        value={rule.severity}
        onChange={(e) =>
          onChange({ ...rule, severity: e.target.value as WindowRuleDraft['severity'] })
        }
      >
        <option value="page">{t('alerts.severity.page')}</option>
        <option value="ticket">{t('alerts.severity.ticket')}</option>
      </select>
      <RuleInput
        label={label('long')}
        value={rule.longMinutes}
        error={err(path('longMinutes'))}
        onChange={(v) => onChange({ ...rule, longMinutes: v })}
      />
      <RuleInput
        label={label('short')}
        value={rule.shortMinutes}
        error={err(path('shortMinutes'))}
        onChange={(v) => onChange({ ...rule, shortMinutes: v })}
      />
      <RuleInput
        label={label('budgetPercent')}
        value={rule.budgetPercent}
        error={err(path('budgetFraction'))}
        onChange={(v) => onChange({ ...rule, budgetPercent: v })}
      />
      <RuleInput
        label={label('threshold')}
        placeholder={t('slo.alerting.derived')}
        value={rule.threshold}
        error={err(path('threshold'))}
        onChange={(v) => onChange({ ...rule, threshold: v })}
      />
      <Button
        variant="ghost"
        size="sm"
        onClick={onRemove}
        aria-label={t('slo.alerting.removeRule', { n: index + 1 })}
      >
        ×
      </Button>
    </div>
  );
}

export function AlertingFields({ draft, update, err }: EditorFieldProps) {
  const { t } = useTranslation();
  // A new blank rule touches nothing: its messages show once the operator types in it (or saves).
  const setWindows = (windows: WindowRuleDraft[], ...touched: string[]) =>
    update({ windows }, ...touched);
  return (
    <fieldset className="form-section-card" data-testid="slo-alerting-section">
      <legend className="visually-hidden">{t('slo.sections.alerting')}</legend>
      <h2 className="form-card-title">{t('slo.sections.alerting')}</h2>
      <Checkbox
        label={t('slo.alerting.enabled')}
        checked={draft.isAlertingEnabled}
        onChange={(e) => update({ isAlertingEnabled: e.target.checked })}
      />
      <TextField
        label={t('slo.alerting.minEvents')}
        hint={t('slo.alerting.minEventsHint')}
        inputMode="numeric"
        dir="ltr"
        value={draft.minEvents}
        error={err('alerting.minEvents')}
        onChange={(e) => update({ minEvents: e.target.value }, 'alerting.minEvents')}
        className="input-narrow"
      />
      <Checkbox
        label={t('slo.alerting.custom')}
        checked={draft.useCustomWindows}
        onChange={(e) =>
          update({
            useCustomWindows: e.target.checked,
            windows: draft.windows.length ? draft.windows : WORKBOOK_WINDOWS,
          })
        }
        data-testid="slo-custom-windows"
      />
      {!draft.useCustomWindows && <p className="form-note">{t('slo.alerting.workbookNote')}</p>}
      {draft.useCustomWindows && (
        <>
          <div className="slo-window-row slo-window-head" aria-hidden="true">
            {RULE_COLUMNS.map((column) => (
              <span key={column}>{t(`slo.alerting.${column}`)}</span>
            ))}
          </div>
          {draft.windows.map((rule, i) => (
            <WindowRow
              key={i}
              rule={rule}
              index={i}
              err={err}
              onChange={(next) =>
                setWindows(
                  draft.windows.map((r, j) => (j === i ? next : r)),
                  `alerting.windows.${i}`,
                )
              }
              onRemove={() =>
                setWindows(
                  draft.windows.filter((_, j) => j !== i),
                  'alerting.windows',
                )
              }
            />
          ))}
          {err('alerting.windows') && (
            <p className="field-error" role="alert">
              {err('alerting.windows')}
            </p>
          )}
          {draft.windows.length < 8 && (
            <Button
              size="sm"
              className="slo-add-row"
              onClick={() =>
                setWindows([
                  ...draft.windows,
                  {
                    severity: 'ticket',
                    longMinutes: '',
                    shortMinutes: '',
                    budgetPercent: '',
                    threshold: '',
                  },
                ])
              }
            >
              {t('slo.alerting.addRule')}
            </Button>
          )}
        </>
      )}
    </fieldset>
  );
}
