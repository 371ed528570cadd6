// A drill's timeline (injects, hints, pauses and the participants' response merged), oldest first so
// the newest entry is last, each at its drill minute and site time.
import { useTranslation } from 'react-i18next';
import type { DrillTimelineEntryView } from '../../../shared/ipc/drillSchemas.ts';
import { useAppStore } from '../../store/index.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';

const TONES: Partial<Record<DrillTimelineEntryView['kind'], Tone>> = {
  inject: 'danger',
  hint: 'accent',
  response: 'success',
  paused: 'warning',
};

export function DrillTimeline({ entries }: { entries: readonly DrillTimelineEntryView[] }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  if (entries.length === 0) return <EmptyState title={t('drills.timeline.empty')} />;
  const sorted = [...entries].sort((a, b) => a.minute - b.minute || a.at.localeCompare(b.at));
  return (
    <ol
      className="drill-timeline"
      aria-label={t('drills.timeline.title')}
      data-testid="drill-timeline"
    >
      {sorted.map((entry, i) => (
        <li key={`${entry.at}:${i}`} data-kind={entry.kind}>
          <span className="mono" dir="ltr">
            {t('drills.minuteShort', { minute: entry.minute.toFixed(1) })}
          </span>
          <span>
            <Badge tone={TONES[entry.kind] ?? 'neutral'}>
              {t(`drills.timeline.kinds.${entry.kind}`)}
            </Badge>
          </span>
          <span>
            <span dir="auto">{entry.text}</span>{' '}
            <Timestamp iso={entry.at} timeZone={timeZone} className="mono muted" />
          </span>
        </li>
      ))}
    </ol>
  );
}
