// An experiment's state as a badge: running, stopped (by a guardrail or SRM: danger), completed.
import { useTranslation } from 'react-i18next';
import type { Experiment } from '../../../shared/ipc/experimentSchemas.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';

const TONE: Record<Experiment['status'], Tone> = {
  draft: 'neutral',
  running: 'accent',
  stopped: 'warning',
  completed: 'success',
};

export function StatusBadge({ experiment }: { experiment: Experiment }) {
  const { t } = useTranslation();
  const isAutomaticStop = experiment.stopKind === 'guardrail' || experiment.stopKind === 'srm';
  return (
    <span data-testid="experiment-status" data-status={experiment.status}>
      <Badge tone={isAutomaticStop ? 'danger' : TONE[experiment.status]}>
        {t(`experiments.statuses.${experiment.status}`)}
      </Badge>
    </span>
  );
}
