// The shape every metrics parser returns: families of samples plus the reasons for anything rejected.

export type ExpositionFormat = 'prometheus' | 'openmetrics';

export type MetricType =
  | 'counter'
  | 'gauge'
  | 'histogram'
  | 'summary'
  | 'untyped'
  | 'unknown'
  | 'info'
  | 'stateset'
  | 'gaugehistogram';

export type Labels = Record<string, string>;

export interface Exemplar {
  labels: Labels;
  value: number;
  timestampMs?: number;
}

export interface Sample {
  name: string;
  labels: Labels;
  value: number;
  timestampMs?: number;
  exemplar?: Exemplar;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help?: string;
  unit?: string;
  samples: Sample[];
}

/** Why a line (or a family, reported at its first line) was rejected; lines count from 1. */
export interface ParseIssue {
  line: number;
  message: string;
}

export interface ExpositionResult {
  format: ExpositionFormat;
  families: MetricFamily[];
  errors: ParseIssue[];
}

/** More issues than this on one input say nothing new and could flood a log. */
export const MAX_ISSUES = 200;
