// Why an experiment stopped. A person's reason is shown as typed; the console's own reasons for a
// guardrail or sample-ratio stop are written in English, so other languages name the breached
// metrics from the analysis instead (the figures are in the guardrail and sample-ratio sections).
import { useTranslation } from 'react-i18next';
import type { Experiment } from '../../../shared/ipc/experimentSchemas.ts';
import { Bdi } from '../../ui/Bdi.tsx';

export function StopReason({ experiment }: { experiment: Experiment }) {
  const { t, i18n } = useTranslation();
  const { stopKind, stopReason } = experiment;
  if (!stopReason) return null;
  if (i18n.language === 'en' || stopKind === 'operator') return <Bdi>{stopReason}</Bdi>;
  if (stopKind === 'srm') return <>{t('experiments.stopWhy.srm')}</>;
  const breached = (experiment.analysis?.guardrails ?? []).filter((g) => g.isBreached);
  if (breached.length === 0) return <Bdi>{stopReason}</Bdi>;
  const metrics = breached
    .map((g) => t(`experiments.metrics.${g.metric}`))
    .join(t('experiments.stopWhy.separator'));
  return <>{t('experiments.stopWhy.guardrail', { metrics })}</>;
}
