// The indicator part of the SLO editor: its type, then only the fields that type has (latency
// threshold, throughput floor, quality signal, GPU ceiling, threshold PromQL) and, for event
// indicators, where good and total come from (the canonical signals or PromQL).
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { COMPARISONS, INDICATOR_TYPES, type SloDraft } from './sloForm.ts';

export interface EditorFieldProps {
  draft: SloDraft;
  /** Applies a change and marks the named spec paths as touched (their messages show from then on). */
  update: (patch: Partial<SloDraft>, ...paths: string[]) => void;
  err: (path: string) => string | null;
  /** A name in the field that nothing in the fleet reports (never blocks saving). */
  warn?: (path: string) => string | null;
}

function PromQlField({
  label,
  value,
  path,
  hint,
  onChange,
  err,
  warn,
  testId,
}: {
  label: string;
  value: string;
  path: string;
  hint?: string;
  onChange: (v: string) => void;
  err: EditorFieldProps['err'];
  warn: EditorFieldProps['warn'];
  testId: string;
}) {
  return (
    <TextField
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={err(path)}
      warning={warn?.(path)}
      hint={hint}
      dir="ltr"
      spellCheck={false}
      className="mono"
      data-testid={testId}
    />
  );
}

function SourceFields({ draft, update, err, warn }: EditorFieldProps) {
  const { t } = useTranslation();
  const sidePath = `indicator.source.${draft.promqlSide}`;
  return (
    <fieldset className="form-section slo-source">
      <legend>{t('slo.source.title')}</legend>
      <div className="segmented" role="radiogroup" aria-label={t('slo.source.title')}>
        {(['canonical', 'promql'] as const).map((kind) => (
          <button
            key={kind}
            type="button"
            role="radio"
            className="segment"
            aria-checked={draft.sourceKind === kind}
            aria-pressed={draft.sourceKind === kind}
            onClick={() => update({ sourceKind: kind })}
            data-testid={`slo-source-${kind}`}
          >
            {t(`slo.source.${kind}`)}
          </button>
        ))}
      </div>
      {draft.sourceKind === 'canonical' ? (
        <p className="form-note">{t('slo.source.canonicalNote')}</p>
      ) : (
        <>
          <SelectField
            label={t('slo.source.side')}
            value={draft.promqlSide}
            onChange={(e) => update({ promqlSide: e.target.value as SloDraft['promqlSide'] })}
          >
            <option value="bad">{t('slo.source.bad')}</option>
            <option value="good">{t('slo.source.good')}</option>
          </SelectField>
          <PromQlField
            label={t(`slo.source.${draft.promqlSide}Query`)}
            value={draft.promqlQuery}
            path={sidePath}
            hint={t('slo.source.queryHint')}
            onChange={(v) => update({ promqlQuery: v }, sidePath)}
            err={err}
            warn={warn}
            testId="slo-promql-query"
          />
          <PromQlField
            label={t('slo.source.totalQuery')}
            value={draft.promqlTotal}
            path="indicator.source.total"
            onChange={(v) => update({ promqlTotal: v }, 'indicator.source.total')}
            err={err}
            warn={warn}
            testId="slo-promql-total"
          />
        </>
      )}
    </fieldset>
  );
}

function TypeFields({ draft, update, err, warn }: EditorFieldProps) {
  const { t } = useTranslation();
  switch (draft.indicatorType) {
    case 'availability':
      return null;
    case 'latency':
      return (
        <TextField
          label={t('slo.indicator.latencySeconds')}
          hint={t('slo.indicator.latencyHint')}
          inputMode="decimal"
          dir="ltr"
          value={draft.latencySeconds}
          error={err('indicator.thresholdSeconds')}
          onChange={(e) => update({ latencySeconds: e.target.value }, 'indicator.thresholdSeconds')}
          data-testid="slo-latency-seconds"
        />
      );
    case 'throughput':
      return (
        <div className="form-row">
          <SelectField
            label={t('slo.indicator.signal')}
            value={draft.throughputSignal}
            onChange={(e) =>
              update({ throughputSignal: e.target.value as SloDraft['throughputSignal'] })
            }
            data-testid="slo-throughput-signal"
          >
            {(['requests_per_second', 'tokens_per_second'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`slo.indicator.signals.${s}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('slo.indicator.floor')}
            hint={t('slo.indicator.floorHint')}
            inputMode="decimal"
            dir="ltr"
            value={draft.throughputFloor}
            error={err('indicator.floor')}
            onChange={(e) => update({ throughputFloor: e.target.value }, 'indicator.floor')}
            data-testid="slo-throughput-floor"
          />
        </div>
      );
    case 'quality':
      return (
        <div className="form-row">
          <SelectField
            label={t('slo.indicator.signal')}
            value={draft.qualitySignal}
            onChange={(e) => update({ qualitySignal: e.target.value as SloDraft['qualitySignal'] })}
            data-testid="slo-quality-signal"
          >
            {(['accuracy', 'drift', 'freshness'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`slo.indicator.signals.${s}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('slo.indicator.threshold')}
            hint={t(`slo.indicator.qualityHint.${draft.qualitySignal}`)}
            inputMode="decimal"
            dir="ltr"
            value={draft.qualityThreshold}
            error={err('indicator.threshold')}
            onChange={(e) => update({ qualityThreshold: e.target.value }, 'indicator.threshold')}
            data-testid="slo-quality-threshold"
          />
        </div>
      );
    case 'gpu_saturation':
      return (
        <div className="form-row">
          <SelectField
            label={t('slo.indicator.signal')}
            value={draft.gpuSignal}
            onChange={(e) => update({ gpuSignal: e.target.value as SloDraft['gpuSignal'] })}
            data-testid="slo-gpu-signal"
          >
            {(['utilization', 'memory'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`slo.indicator.signals.${s}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('slo.indicator.ceiling')}
            hint={t('slo.indicator.ceilingHint')}
            inputMode="decimal"
            dir="ltr"
            value={draft.gpuCeiling}
            error={err('indicator.ceilingPercent')}
            onChange={(e) => update({ gpuCeiling: e.target.value }, 'indicator.ceilingPercent')}
            data-testid="slo-gpu-ceiling"
          />
        </div>
      );
    case 'threshold':
      return (
        <>
          <PromQlField
            label={t('slo.indicator.query')}
            value={draft.thresholdQuery}
            path="indicator.query"
            hint={t('slo.indicator.queryHint')}
            onChange={(v) => update({ thresholdQuery: v }, 'indicator.query')}
            err={err}
            warn={warn}
            testId="slo-threshold-query"
          />
          <div className="form-row">
            <SelectField
              label={t('slo.indicator.op')}
              value={draft.thresholdOp}
              onChange={(e) => update({ thresholdOp: e.target.value as SloDraft['thresholdOp'] })}
            >
              {COMPARISONS.map((op) => (
                <option key={op} value={op}>
                  {t(`slo.indicator.ops.${op}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('slo.indicator.value')}
              inputMode="decimal"
              dir="ltr"
              value={draft.thresholdValue}
              error={err('indicator.value')}
              onChange={(e) => update({ thresholdValue: e.target.value }, 'indicator.value')}
              data-testid="slo-threshold-value"
            />
          </div>
        </>
      );
  }
}

export function IndicatorFields(
  props: EditorFieldProps & { onTypeChange: (type: SloDraft['indicatorType']) => void },
) {
  const { t } = useTranslation();
  const { draft, onTypeChange } = props;
  const isEvent = draft.indicatorType === 'availability' || draft.indicatorType === 'latency';
  return (
    <fieldset
      className="form-section-card"
      data-testid="slo-indicator"
      data-type={draft.indicatorType}
    >
      <legend className="visually-hidden">{t('slo.sections.indicator')}</legend>
      <h2 className="form-card-title">{t('slo.sections.indicator')}</h2>
      <SelectField
        label={t('slo.indicator.type')}
        hint={t(`slo.indicator.about.${draft.indicatorType}`)}
        value={draft.indicatorType}
        onChange={(e) => onTypeChange(e.target.value as SloDraft['indicatorType'])}
        data-testid="slo-indicator-type"
      >
        {INDICATOR_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`slo.indicator.types.${type}`)}
          </option>
        ))}
      </SelectField>
      <TypeFields {...props} />
      {isEvent && <SourceFields {...props} />}
    </fieldset>
  );
}
