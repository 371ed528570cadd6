// Plans an experiment: the model service and its two versions, the variant's share of traffic, the
// primary metric, the power calculation (minimum per arm, worked out as the figures change) and the
// planned duration (under 3 days needs a reason). The service's SLOs become its guardrails.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ARM_METRICS, type ArmMetric } from '../../../shared/domain/experiments/analysis.ts';
import { sampleSizePerArm } from '../../../shared/domain/experiments/power.ts';
import { MIN_PLANNED_DAYS } from '../../../shared/ipc/experimentSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';

interface PowerFigures {
  mde: string;
  alpha: string;
  power: string;
  baseline: string;
}

/** Units per arm for the figures as typed, or why they cannot be used. */
export function minimumPerArm(
  metric: ArmMetric,
  figures: PowerFigures,
): { perArm: number } | { error: string } {
  try {
    return {
      perArm: sampleSizePerArm({
        primaryMetric: metric,
        mde: Number(figures.mde) / 100,
        alpha: Number(figures.alpha),
        power: Number(figures.power),
        baseline: Number(figures.baseline),
      }),
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export function PowerCalculator({
  metric,
  figures,
  onChange,
}: {
  metric: ArmMetric;
  figures: PowerFigures;
  onChange: (figures: PowerFigures) => void;
}) {
  const { t, i18n } = useTranslation();
  const result = minimumPerArm(metric, figures);
  const field = (key: keyof PowerFigures, label: string, step: string) => (
    <TextField
      label={label}
      type="number"
      inputMode="decimal"
      step={step}
      value={figures[key]}
      onChange={(e) => onChange({ ...figures, [key]: e.target.value })}
      data-testid={`power-${key}`}
    />
  );
  return (
    <fieldset className="experiment-power" data-testid="power-calculator">
      <legend>{t('experiments.power.title')}</legend>
      {field('mde', t('experiments.power.mde'), '0.5')}
      {field('alpha', t('experiments.power.alpha'), '0.01')}
      {field('power', t('experiments.power.power'), '0.05')}
      {field(
        'baseline',
        metric === 'latency'
          ? t('experiments.power.baselineLatency')
          : t('experiments.power.baselineRatio'),
        '0.01',
      )}
      <p role="status" aria-live="polite" data-testid="power-result">
        {'perArm' in result
          ? t('experiments.power.result', {
              count: result.perArm,
              formatParams: { count: { lng: i18n.language } },
            })
          : t('experiments.power.invalid', { reason: result.error })}
      </p>
    </fieldset>
  );
}

export function ExperimentEditor() {
  const { t } = useTranslation();
  const create = useAppStore((s) => s.createExperiment);
  const open = useAppStore((s) => s.openExperiments);
  const submission = useSubmission();
  const [name, setName] = useState('');
  const [model, setModel] = useState('');
  const [control, setControl] = useState('');
  const [variant, setVariant] = useState('');
  const [variantPercent, setVariantPercent] = useState('10');
  const [metric, setMetric] = useState<ArmMetric>('latency');
  const [plannedDays, setPlannedDays] = useState('7');
  const [durationReason, setDurationReason] = useState('');
  const [figures, setFigures] = useState<PowerFigures>({
    mde: '5',
    alpha: '0.05',
    power: '0.8',
    baseline: '0.3',
  });
  const isShort = Number(plannedDays) < MIN_PLANNED_DAYS;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submission.submit(
      () =>
        create({
          name,
          model,
          control,
          variant,
          variantPercent: Number(variantPercent),
          primaryMetric: metric,
          power: {
            mde: Number(figures.mde) / 100,
            alpha: Number(figures.alpha),
            power: Number(figures.power),
            baseline: Number(figures.baseline),
          },
          plannedDays: Number(plannedDays),
          ...(isShort && durationReason.trim() ? { durationReason } : {}),
        }),
      { onDone: (created) => open({ view: 'detail', id: created.id }) },
    );
  };
  return (
    <form className="experiment-editor" onSubmit={onSubmit} data-testid="experiment-editor">
      <TextField
        label={t('experiments.fields.name')}
        value={name}
        required
        maxLength={200}
        onChange={(e) => setName(e.target.value)}
        data-testid="experiment-name"
      />
      <TextField
        label={t('experiments.fields.model')}
        value={model}
        required
        onChange={(e) => setModel(e.target.value)}
        data-testid="experiment-model"
      />
      <TextField
        label={t('experiments.fields.control')}
        value={control}
        required
        onChange={(e) => setControl(e.target.value)}
        data-testid="experiment-control"
      />
      <TextField
        label={t('experiments.fields.variant')}
        value={variant}
        required
        onChange={(e) => setVariant(e.target.value)}
        data-testid="experiment-variant"
      />
      <TextField
        label={t('experiments.fields.split')}
        type="number"
        min={1}
        max={50}
        value={variantPercent}
        onChange={(e) => setVariantPercent(e.target.value)}
        data-testid="experiment-split"
      />
      <SelectField
        label={t('experiments.fields.primaryMetric')}
        value={metric}
        onChange={(e) => setMetric(e.target.value as ArmMetric)}
        data-testid="experiment-metric"
      >
        {ARM_METRICS.map((m) => (
          <option key={m} value={m}>
            {t(`experiments.metrics.${m}`)}
          </option>
        ))}
      </SelectField>
      <PowerCalculator metric={metric} figures={figures} onChange={setFigures} />
      <TextField
        label={t('experiments.fields.plannedDays')}
        type="number"
        min={1}
        max={90}
        value={plannedDays}
        onChange={(e) => setPlannedDays(e.target.value)}
        data-testid="experiment-days"
      />
      {isShort && (
        <TextField
          label={t('experiments.fields.durationReason')}
          value={durationReason}
          required
          onChange={(e) => setDurationReason(e.target.value)}
          data-testid="experiment-duration-reason"
        />
      )}
      <p className="hint">{t('experiments.guardrails.default')}</p>
      {submission.error && <ErrorNotice error={submission.error} />}
      <div className="form-actions">
        <Button type="submit" busy={submission.busy} data-testid="experiment-save">
          {t('experiments.actions.create')}
        </Button>
        <Button type="button" variant="ghost" onClick={() => open({ view: 'list' })}>
          {t('experiments.back')}
        </Button>
      </div>
    </form>
  );
}
