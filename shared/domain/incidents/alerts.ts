// One alert shape for every source (SLO burn rates, threshold rules, agent events, model-quality
// detectors, the site's Alertmanager), so one pipeline dedupes, silences and groups them all.
import { z } from 'zod';

export const ALERT_SOURCES = ['slo', 'threshold', 'agent', 'model', 'alertmanager'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];
export const AlertSourceSchema = z.enum(ALERT_SOURCES);

export const PIPELINE_SEVERITIES = ['critical', 'warning', 'info'] as const;
export type PipelineSeverity = (typeof PIPELINE_SEVERITIES)[number];
export const PipelineSeveritySchema = z.enum(PIPELINE_SEVERITIES);

/** firing: active; resolved: ended; suppressed: active but silenced or flapping (no incident). */
export const PIPELINE_ALERT_STATES = ['firing', 'suppressed', 'resolved'] as const;
export type PipelineAlertState = (typeof PIPELINE_ALERT_STATES)[number];

export const ALERT_VERDICTS = ['useful', 'noise'] as const;
export type AlertVerdict = (typeof ALERT_VERDICTS)[number];

/**
 * What a source hands the pipeline. Labels carry the routing: `alertname` (the rule), `service`
 * (a model service), `cluster`, `host`, `gpu`, `model`, `severity`.
 */
export interface IncomingAlert {
  source: AlertSource;
  /** Stable identity of this alert across deliveries; see labelsFingerprint. */
  fingerprint: string;
  status: 'firing' | 'resolved';
  /** The rule that raised it (Alertmanager's alertname, an SLO rule, a threshold rule's name). */
  rule: string;
  severity: PipelineSeverity;
  summary: string;
  labels: Record<string, string>;
  /** When the condition began (ms since epoch). */
  startsAtMs: number;
  /** For resolved alerts: when it ended. */
  endsAtMs?: number;
  /** A link or id back to the source (Alertmanager's generatorURL, the SLO alert id). */
  sourceRef?: string;
}

// FNV-1a 64 over sorted "name\xffvalue\xff", as Prometheus' model.LabelSet.Fingerprint does, so an
// Alertmanager alert and our own alert with the same labels share a fingerprint.
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;
const SEPARATOR = 0xff;

export function labelsFingerprint(labels: Readonly<Record<string, string>>): string {
  const encoder = new TextEncoder();
  let hash = FNV_OFFSET;
  const mix = (byte: number) => {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK;
  };
  for (const name of Object.keys(labels).sort()) {
    for (const byte of encoder.encode(name)) mix(byte);
    mix(SEPARATOR);
    for (const byte of encoder.encode(labels[name] ?? '')) mix(byte);
    mix(SEPARATOR);
  }
  return hash.toString(16).padStart(16, '0');
}

/** Map a severity label as sites write it (page, critical, warning, ticket, info…) to ours. */
export function severityFromLabel(value: string | undefined): PipelineSeverity {
  const v = (value ?? '').toLowerCase();
  if (['critical', 'page', 'error', 'high', 'p1', 'p2'].includes(v)) return 'critical';
  if (['info', 'none', 'low', 'informational'].includes(v)) return 'info';
  return 'warning';
}
