// One target clock as a short phrase: "12 min left", "At risk · 3 min left", "Breached · 5 min over".
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { IncidentState } from '../../../shared/domain/incidents/index.ts';
import { readClock, toSpan, type ClockReading, type ClockView } from './clocks.ts';

export function spanText(ms: number, t: TFunction): string {
  const span = toSpan(ms);
  return t(`incidents.span.${span.key}`, { d: span.d, h: span.h, m: span.m });
}

export function clockText(reading: ClockReading, t: TFunction): string {
  if (!('ms' in reading)) return t(`incidents.clock.${reading.kind}`);
  return t(`incidents.clock.${reading.kind}`, { time: spanText(reading.ms, t) });
}

export function TargetClock({
  clock,
  state,
  now,
  which,
}: {
  clock: ClockView;
  state: IncidentState;
  now: number;
  which: 'respond' | 'resolve';
}) {
  const { t } = useTranslation();
  const reading = readClock(clock, state, now);
  return (
    <span
      className={`incident-clock incident-clock-${reading.kind}`}
      data-clock={reading.kind}
      data-which={which}
      title={t(`incidents.clock.${which}Title`)}
    >
      {clockText(reading, t)}
    </span>
  );
}
