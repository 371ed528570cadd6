// The alert stream's badges and label chips: the same words and colours wherever an alert shows.
import { useTranslation } from 'react-i18next';
import type {
  AlertSource,
  PipelineAlertState,
  PipelineSeverity,
} from '../../../shared/domain/incidents/alerts.ts';
import type { Silence } from '../../../shared/ipc/contract.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { opOf, type MatcherFlags } from './matchers.ts';

const STATE_TONE: Record<PipelineAlertState, Tone> = {
  firing: 'danger',
  suppressed: 'neutral',
  resolved: 'success',
};
const SEVERITY_TONE: Record<PipelineSeverity, Tone> = {
  critical: 'danger',
  warning: 'warning',
  info: 'accent',
};
const SILENCE_TONE: Record<Silence['status'], Tone> = {
  active: 'accent',
  pending: 'warning',
  expired: 'neutral',
};

export function StreamStateBadge({ state }: { state: PipelineAlertState }) {
  const { t } = useTranslation();
  return <Badge tone={STATE_TONE[state]}>{t(`alertStream.states.${state}`)}</Badge>;
}

export function SeverityBadge({ severity }: { severity: PipelineSeverity }) {
  const { t } = useTranslation();
  return <Badge tone={SEVERITY_TONE[severity]}>{t(`alertStream.severity.${severity}`)}</Badge>;
}

export function SourceBadge({ source }: { source: AlertSource }) {
  const { t } = useTranslation();
  return <span className="source-tag">{t(`alertStream.sources.${source}`)}</span>;
}

export function SilenceStatusBadge({ status }: { status: Silence['status'] }) {
  const { t } = useTranslation();
  return <Badge tone={SILENCE_TONE[status]}>{t(`silences.status.${status}`)}</Badge>;
}

/** Labels as `name=value` chips, left to right in either language (they are identifiers). */
export function LabelChips({
  labels,
  max = 6,
  hidden,
}: {
  labels: Readonly<Record<string, string>>;
  max?: number;
  /** Label names not to repeat (shown elsewhere in the row). */
  hidden?: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const entries = Object.entries(labels)
    .filter(([name]) => !hidden?.has(name))
    .sort(([a], [b]) => a.localeCompare(b));
  const shown = entries.slice(0, max);
  return (
    <ul className="label-chips" data-testid="alert-labels">
      {shown.map(([name, value]) => (
        <li key={name} className="label-chip" dir="ltr">
          <span className="label-chip-name">{name}</span>=<span>{value}</span>
        </li>
      ))}
      {entries.length > shown.length && (
        <li className="label-chip label-chip-more">
          {t('alertStream.moreLabels', { count: entries.length - shown.length })}
        </li>
      )}
    </ul>
  );
}

export function MatcherChips({
  matchers,
}: {
  matchers: readonly (MatcherFlags & { name: string; value: string })[];
}) {
  return (
    <ul className="label-chips" data-testid="silence-matchers">
      {matchers.map((m, i) => (
        <li key={i} className="label-chip" dir="ltr">
          <span className="label-chip-name">{m.name}</span>
          {opOf(m)}
          <span>&quot;{m.value}&quot;</span>
        </li>
      ))}
    </ul>
  );
}
