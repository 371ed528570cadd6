// The site's own Prometheus Alertmanager as an alert source: its webhook payload (version "4", as
// Alertmanager 0.2x sends it) read into the one alert shape every source hands the pipeline.
import { z } from 'zod';
import { labelsFingerprint, severityFromLabel, type IncomingAlert } from './alerts.ts';

export const ALERTMANAGER_WEBHOOK_VERSION = '4';

/** The longest summary kept; Alertmanager's annotations can hold whole runbooks. */
const MAX_SUMMARY = 1000;

// RFC 3339 as Go writes time.Time in JSON: nanoseconds and a zone offset are allowed.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

const timestamp = z.string().regex(RFC3339, 'expected an RFC 3339 time');
const labelSet = z.record(z.string(), z.string());
const status = z.enum(['firing', 'resolved']);

export const AlertmanagerAlertSchema = z.object({
  status,
  labels: labelSet,
  annotations: labelSet.default({}),
  startsAt: timestamp.refine((value) => alertmanagerTime(value) !== null, 'not set'),
  endsAt: timestamp,
  generatorURL: z.string().default(''),
  fingerprint: z.string().optional(),
});
export type AlertmanagerAlert = z.infer<typeof AlertmanagerAlertSchema>;

export const AlertmanagerPayloadSchema = z.object({
  version: z.literal(ALERTMANAGER_WEBHOOK_VERSION),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().min(0).default(0),
  status,
  receiver: z.string(),
  groupLabels: labelSet.default({}),
  commonLabels: labelSet.default({}),
  commonAnnotations: labelSet.default({}),
  externalURL: z.string().default(''),
  alerts: z.array(AlertmanagerAlertSchema),
});
export type AlertmanagerPayload = z.infer<typeof AlertmanagerPayloadSchema>;

export type AlertmanagerReading =
  | { ok: true; payload: AlertmanagerPayload; alerts: IncomingAlert[] }
  | { ok: false; message: string };

/** Milliseconds since the epoch, or null for Go's zero time ("0001-01-01T00:00:00Z": not set). */
export function alertmanagerTime(value: string): number | null {
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

function summaryOf(alert: AlertmanagerAlert, rule: string): string {
  const text =
    [alert.annotations.summary, alert.annotations.description]
      .map((value) => value?.trim() ?? '')
      .find((value) => value !== '') ?? rule;
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

export function toIncomingAlert(alert: AlertmanagerAlert): IncomingAlert {
  const rule = alert.labels.alertname?.trim() || 'unnamed Alertmanager alert';
  const startsAtMs = alertmanagerTime(alert.startsAt);
  const endsAtMs = alertmanagerTime(alert.endsAt);
  return {
    source: 'alertmanager',
    // Computed as Alertmanager computes it, so our own alerts with the same labels dedupe with these.
    fingerprint: labelsFingerprint(alert.labels),
    status: alert.status,
    rule,
    severity: severityFromLabel(alert.labels.severity),
    summary: summaryOf(alert, rule),
    labels: alert.labels,
    startsAtMs: startsAtMs ?? 0,
    ...(alert.status === 'resolved' && endsAtMs !== null ? { endsAtMs } : {}),
    ...(alert.generatorURL ? { sourceRef: alert.generatorURL } : {}),
  };
}

function describe(error: z.ZodError): string {
  const shown = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : 'payload';
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}

/** Reads a parsed JSON body; the message says what an operator must fix in their Alertmanager. */
export function readAlertmanagerPayload(json: unknown): AlertmanagerReading {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return {
      ok: false,
      message: 'The body is not an Alertmanager webhook payload (a JSON object).',
    };
  const version = (json as { version?: unknown }).version;
  if (version !== ALERTMANAGER_WEBHOOK_VERSION) {
    return {
      ok: false,
      message: `Alertmanager webhook payload version ${JSON.stringify(version ?? null)} is not supported; Mirqab reads version "4", which Alertmanager 0.2x sends.`,
    };
  }
  const parsed = AlertmanagerPayloadSchema.safeParse(json);
  if (!parsed.success)
    return { ok: false, message: `Not a valid Alertmanager payload: ${describe(parsed.error)}` };
  return { ok: true, payload: parsed.data, alerts: parsed.data.alerts.map(toIncomingAlert) };
}
