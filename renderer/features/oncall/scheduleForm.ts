// The schedule editor's draft: text fields as typed, checked here with messages (i18n keys) before
// the backend checks the same rules (and that every participant is an enabled operator).
import {
  LocalDateSchema,
  MAX_TURN_DAYS,
  MAX_TURN_WEEKS,
  TimeOfDaySchema,
  WORK_WEEK_PRESETS,
  type ScheduleSpecInput,
  type Weekday,
} from '../../../shared/domain/oncall/index.ts';
import type { OnCallSchedule } from '../../../shared/ipc/contract.ts';

export interface LayerDraft {
  name: string;
  participants: string[];
  unit: 'day' | 'week';
  count: string;
  handoffTime: string;
  startDate: string;
  days: Weekday[];
}

export interface ScheduleDraft {
  name: string;
  description: string;
  layers: LayerDraft[];
}

export type LayerField = 'participants' | 'count' | 'handoffTime' | 'startDate' | 'days';
export interface DraftErrors {
  name?: string;
  layers: Partial<Record<LayerField, string>>[];
}

export function newLayer(startDate: string): LayerDraft {
  return {
    name: '',
    participants: [],
    unit: 'week',
    count: '1',
    handoffTime: '09:00',
    startDate,
    days: [...WORK_WEEK_PRESETS.mon_fri],
  };
}

export function draftOf(schedule: OnCallSchedule | null, today: string): ScheduleDraft {
  if (!schedule) return { name: '', description: '', layers: [newLayer(today)] };
  return {
    name: schedule.name,
    description: schedule.description,
    layers: schedule.layers.map((l) => ({
      name: l.name,
      participants: [...l.participants],
      unit: l.turn.unit,
      count: String(l.turn.count),
      handoffTime: l.handoffTime,
      startDate: l.startDate,
      days: [...l.days],
    })),
  };
}

function checkLayer(layer: LayerDraft): Partial<Record<LayerField, string>> {
  const errors: Partial<Record<LayerField, string>> = {};
  if (layer.participants.length === 0) errors.participants = 'oncall.errors.noParticipants';
  const max = layer.unit === 'day' ? MAX_TURN_DAYS : MAX_TURN_WEEKS;
  if (!/^\d+$/.test(layer.count.trim()) || Number(layer.count) < 1 || Number(layer.count) > max)
    errors.count = layer.unit === 'day' ? 'oncall.errors.countDays' : 'oncall.errors.countWeeks';
  if (!TimeOfDaySchema.safeParse(layer.handoffTime).success)
    errors.handoffTime = 'oncall.errors.handoffTime';
  if (!LocalDateSchema.safeParse(layer.startDate).success)
    errors.startDate = 'oncall.errors.startDate';
  if (layer.days.length === 0) errors.days = 'oncall.errors.noDays';
  return errors;
}

/** The spec to send, or the errors to show. */
export function checkDraft(
  draft: ScheduleDraft,
): { spec: ScheduleSpecInput; errors: null } | { spec: null; errors: DraftErrors } {
  const errors: DraftErrors = { layers: draft.layers.map(checkLayer) };
  if (!draft.name.trim()) errors.name = 'oncall.errors.name';
  if (errors.name || errors.layers.some((e) => Object.keys(e).length > 0))
    return { spec: null, errors };
  return {
    errors: null,
    spec: {
      name: draft.name.trim(),
      description: draft.description.trim(),
      layers: draft.layers.map((l) => ({
        name: l.name.trim(),
        participants: l.participants,
        turn: { unit: l.unit, count: Number(l.count) },
        handoffTime: l.handoffTime,
        startDate: l.startDate,
        days: l.days,
      })),
    },
  };
}
