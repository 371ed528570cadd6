// Words for an SLO's spec in the operator's language: its window and indicator.
import type { TFunction } from 'i18next';
import type { SloSpec } from '../../../shared/domain/slo/spec.ts';

export function describeWindow(window: SloSpec['window'], t: TFunction): string {
  return window.type === 'rolling'
    ? t('slo.window.rolling', { days: window.days })
    : t(`slo.window.calendar_${window.unit}`);
}

export function describeIndicator(indicator: SloSpec['indicator'], t: TFunction): string {
  const type = t(`slo.indicator.types.${indicator.type}`);
  switch (indicator.type) {
    case 'latency':
      return t('slo.indicator.latencyUnder', {
        type,
        ms: Math.round(indicator.thresholdSeconds * 1000),
      });
    case 'throughput':
      return `${type} · ${t(`slo.indicator.signals.${indicator.signal}`)} ≥ ${indicator.floor}`;
    case 'quality':
      return `${type} · ${t(`slo.indicator.signals.${indicator.signal}`)}`;
    case 'gpu_saturation':
      return `${type} · ${t(`slo.indicator.signals.${indicator.signal}`)} ≤ ${indicator.ceilingPercent} %`;
    default:
      return type;
  }
}
