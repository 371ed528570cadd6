// Words for rotations and tiers, shared by the lists, the editors and the cards.
import { useTranslation } from 'react-i18next';
import {
  WEEKDAYS,
  WORK_WEEK_PRESETS,
  type Layer,
  type Tier,
  type Weekday,
  type WorkWeekPreset,
} from '../../../shared/domain/oncall/index.ts';
import type { OnCallPerson } from '../../../shared/ipc/contract.ts';
import { useAppStore } from '../../store/index.ts';
import { selectOnCallPeople, selectOnCallSchedules } from '../../store/oncallSlice.ts';

/** The preset a set of days matches, or null for a custom set. */
export function presetOf(days: readonly Weekday[]): WorkWeekPreset | null {
  const sorted = WEEKDAYS.filter((d) => days.includes(d));
  for (const [name, preset] of Object.entries(WORK_WEEK_PRESETS)) {
    const wanted = WEEKDAYS.filter((d) => (preset as readonly Weekday[]).includes(d));
    if (wanted.length === sorted.length && wanted.every((d, i) => d === sorted[i]))
      return name as WorkWeekPreset;
  }
  return null;
}

/** A name for display: the operator's display name, else the username. */
export function useDisplayName(): (username: string) => string {
  const people = useAppStore(selectOnCallPeople).data;
  return (username) =>
    people?.find((p: OnCallPerson) => p.username === username)?.displayName || username;
}

export function useLayerText(): (layer: Layer) => string {
  const { t } = useTranslation();
  return (layer) => {
    const preset = presetOf(layer.days);
    const days = preset
      ? t(`oncall.days.presets.${preset}`)
      : WEEKDAYS.filter((d) => layer.days.includes(d))
          .map((d) => t(`oncall.days.short.${d}`))
          .join(t('oncall.listSeparator'));
    return t('oncall.layer.summary', {
      turn: t(`oncall.layer.turn.${layer.turn.unit}`, { count: layer.turn.count }),
      days,
      time: layer.handoffTime,
    });
  };
}

export function useTargetText(): (target: Tier['targets'][number]) => string {
  const { t } = useTranslation();
  const schedules = useAppStore(selectOnCallSchedules).data;
  const name = useDisplayName();
  return (target) =>
    target.type === 'schedule'
      ? t('oncall.tier.scheduleTarget', {
          name:
            schedules?.find((s) => s.id === target.scheduleId)?.name ??
            t('oncall.tier.missingSchedule', { id: target.scheduleId }),
        })
      : name(target.username);
}
