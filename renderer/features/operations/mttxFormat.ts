// Mean times as people say them: "40s", "12m", "3h 20m", "2d 4h"; a dash where no incident had the step.
import type { TFunction } from 'i18next';

export function formatMttx(minutes: number | null, t: TFunction): string {
  if (minutes === null || !Number.isFinite(minutes)) return '—';
  if (minutes < 1) return t('mttx.duration.s', { s: Math.round(Math.max(0, minutes) * 60) });
  const m = Math.round(minutes);
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  if (days > 0) return t('mttx.duration.dh', { d: days, h: hours });
  if (hours > 0) return t('mttx.duration.hm', { h: hours, m: m % 60 });
  return t('mttx.duration.m', { m });
}

/** Met, missed or nothing to compare, for a mean against its target. */
export function targetTone(minutes: number | null, targetMinutes: number | undefined) {
  if (minutes === null || targetMinutes === undefined) return 'none';
  return minutes <= targetMinutes ? 'met' : 'missed';
}
