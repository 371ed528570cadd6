// The connection state badge and the SIMULATED mark, the same wherever a host appears.
import { useTranslation } from 'react-i18next';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import type { HostState } from '../../../shared/domain/fleet/hostStates.ts';

export const STATE_TONE: Record<HostState, Tone> = {
  connecting: 'accent',
  online: 'success',
  silent: 'warning',
  offline: 'danger',
  refused: 'danger',
  revoked: 'neutral',
};

export function HostStateBadge({ state }: { state: HostState }) {
  const { t } = useTranslation();
  return (
    <span className="host-state" data-state={state}>
      <Badge tone={STATE_TONE[state]}>{t(`fleet.states.${state}`)}</Badge>
    </span>
  );
}

export function SimulatedMark() {
  const { t } = useTranslation();
  return (
    <span className="simulated-mark" title={t('fleet.simulatedHint')} data-testid="fleet-simulated">
      {t('fleet.simulated')}
    </span>
  );
}
