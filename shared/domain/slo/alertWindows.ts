// Multi-window, multi-burn-rate alert rules (SRE Workbook ch. 5 "Alerting on SLOs"): the default windows,
// their thresholds for an SLO's own window length, and each rule's identity (fingerprint and labels).
import { burnRateThreshold } from './math.ts';
import type { AlertSeverity, AlertWindow, SloSpec } from './spec.ts';
import { formatMinutes } from './durations.ts';

export interface ResolvedAlertWindow {
  severity: AlertSeverity;
  longMinutes: number;
  shortMinutes: number;
  /** Share of the whole budget spent within the long window when the rule fires. */
  budgetFraction: number;
  /** Burn rate both windows must exceed. */
  threshold: number;
}

type WindowShape = Omit<AlertWindow, 'threshold'>;

/** The Workbook's recommended parameters for a 30-day SLO (table "Recommended parameters"). */
export const WORKBOOK_WINDOWS: readonly WindowShape[] = [
  { severity: 'page', longMinutes: 60, shortMinutes: 5, budgetFraction: 0.02 },
  { severity: 'page', longMinutes: 360, shortMinutes: 30, budgetFraction: 0.05 },
  { severity: 'ticket', longMinutes: 1440, shortMinutes: 120, budgetFraction: 0.1 },
  { severity: 'ticket', longMinutes: 4320, shortMinutes: 360, budgetFraction: 0.1 },
];

/** Severities in the order operators read them. */
export const SEVERITY_ORDER: readonly AlertSeverity[] = ['page', 'ticket'];

/**
 * The Workbook's windows and budget fractions with thresholds for an SLO window of `sloWindowDays`
 * (30 days: 14.4, 6, 3, 1; 28 days: 13.44, 5.6, 2.8, 0.93…).
 */
export function defaultAlertWindows(sloWindowDays: number): ResolvedAlertWindow[] {
  return resolveAlertWindows(WORKBOOK_WINDOWS, sloWindowDays * 1440);
}

/** Gives each window its threshold: an explicit `threshold` wins, else it derives from the budget fraction. */
export function resolveAlertWindows(
  windows: readonly AlertWindow[],
  sloWindowMinutes: number,
): ResolvedAlertWindow[] {
  return windows.map((w) => ({
    severity: w.severity,
    longMinutes: w.longMinutes,
    shortMinutes: w.shortMinutes,
    budgetFraction: w.budgetFraction,
    threshold:
      w.threshold ?? burnRateThreshold(w.budgetFraction, sloWindowMinutes / 60, w.longMinutes / 60),
  }));
}

/** The windows an SLO alerts on: its own override, or the Workbook defaults. */
export function alertWindowsOf(spec: SloSpec, sloWindowMinutes: number): ResolvedAlertWindow[] {
  return spec.alerting.windows !== undefined
    ? resolveAlertWindows(spec.alerting.windows, sloWindowMinutes)
    : defaultAlertWindows(sloWindowMinutes / 1440);
}

/** The shapes (no thresholds) an SLO alerts on; thresholds may change with a calendar period's length. */
export function alertWindowShapes(spec: SloSpec): readonly AlertWindow[] {
  return spec.alerting.windows ?? WORKBOOK_WINDOWS;
}

/**
 * A stable, readable alert identity, e.g. "checkout-availability/page/1h:5m+6h:30m". It changes when the
 * windows change, so an edited rule starts a new alert rather than resolving someone else's.
 */
export function alertFingerprint(
  sloName: string,
  severity: AlertSeverity,
  windows: readonly Pick<AlertWindow, 'longMinutes' | 'shortMinutes'>[],
): string {
  const pairs = windows
    .map((w) => `${formatMinutes(w.longMinutes)}:${formatMinutes(w.shortMinutes)}`)
    .join('+');
  return `${sloName}/${severity}/${pairs}`;
}

/** The SLO's own labels plus the ones routing needs; ours win so a label cannot hide the SLO or severity. */
export function alertLabels(spec: SloSpec, severity: AlertSeverity): Record<string, string> {
  const labels: Record<string, string> = {
    ...spec.labels,
    slo: spec.name,
    severity,
    model: spec.service.model,
  };
  if (spec.service.site !== '') labels.site = spec.service.site;
  return labels;
}
