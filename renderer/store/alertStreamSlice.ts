// The alert stream from every source and its noise report (server data, AlertStreamSlice), and
// where the operator is on the Alerts page: the tab and the stream's filters (AlertsViewSlice).
import type {
  AlertSource,
  AlertVerdict,
  PipelineAlertState,
  PipelineSeverity,
} from '../../shared/domain/incidents/alerts.ts';
import { allMatch, type LabelMatcher } from '../../shared/domain/incidents/matching.ts';
import type { ChannelOutput, PipelineAlert } from '../../shared/ipc/contract.ts';
import type { ApiClient } from '../api/client.ts';
import type { AppState, SliceCreator } from './appState.ts';
import { failed, idle, loading, ready, type Remote } from './remote.ts';
import { throttledBatch } from '../../shared/util/throttledBatch.ts';

// Records over the domain's types (not its runtime lists, which would bundle zod into the shell).
const SOURCES: Record<AlertSource, true> = {
  slo: true,
  threshold: true,
  agent: true,
  model: true,
  alertmanager: true,
};
const SEVERITIES: Record<PipelineSeverity, true> = { critical: true, warning: true, info: true };
const STATES: Record<PipelineAlertState, true> = { firing: true, suppressed: true, resolved: true };
export const ALERT_SOURCE_LIST = Object.keys(SOURCES) as AlertSource[];
export const SEVERITY_LIST = Object.keys(SEVERITIES) as PipelineSeverity[];
export const STREAM_STATE_LIST = Object.keys(STATES) as PipelineAlertState[];

export type AlertsTab = 'stream' | 'silences' | 'noise' | 'slo' | 'rules';

export interface StreamFilter {
  state: PipelineAlertState | 'all';
  source: AlertSource | 'all';
  severity: PipelineSeverity | 'all';
  /** Label matchers as Alertmanager writes them (`service="fraud", cluster!~"dr-.*"`) and free words. */
  query: string;
}

export type NoiseReportRow = ChannelOutput<'alertStream.noiseReport'>[number];
export type NoiseDays = 7 | 30 | 90;
export const NOISE_DAYS: readonly NoiseDays[] = [7, 30, 90];

export interface AlertStreamSlice {
  streamAlerts: Remote<PipelineAlert[]>;
  noiseReport: Remote<NoiseReportRow[]>;
  loadStream: (options?: { quiet?: boolean }) => Promise<void>;
  /** Marks an alert useful or noise; the row is replaced with the backend's answer. */
  judgeStreamAlert: (id: number, verdict: AlertVerdict) => Promise<PipelineAlert>;
  /** The alerts firing now, for a new silence's preview (not cached). */
  fetchFiringAlerts: () => Promise<PipelineAlert[]>;
  loadNoiseReport: (options?: { quiet?: boolean }) => Promise<void>;
  applyStreamChanged: (isAlertsChanged: boolean) => void;
  resetAlertStream: () => void;
}

export interface AlertsViewSlice {
  alertsTab: AlertsTab;
  streamFilter: StreamFilter;
  noiseDays: NoiseDays;
  silencesIncludeExpired: boolean;
  setAlertsTab: (tab: AlertsTab) => void;
  setStreamFilter: (patch: Partial<StreamFilter>) => void;
  setNoiseDays: (days: NoiseDays) => void;
  setSilencesIncludeExpired: (include: boolean) => void;
  /** The Alerts page's stream with these filters (the rest at their defaults). */
  openAlertStream: (patch?: Partial<StreamFilter>) => void;
}

/** The stream shows the newest alerts up to this many; filters narrow it further. */
export const STREAM_LIMIT = 1000;
const REFRESH_MS = 1000;

const streamInitial = () => ({
  streamAlerts: idle<PipelineAlert[]>(),
  noiseReport: idle<NoiseReportRow[]>(),
});

export const DEFAULT_STREAM_FILTER: StreamFilter = {
  state: 'firing',
  source: 'all',
  severity: 'all',
  query: '',
};

export const createAlertStreamSlice =
  (api: ApiClient): SliceCreator<AlertStreamSlice> =>
  (set, get) => {
    let streamGeneration = 0;
    let noiseGeneration = 0;

    const refresh = throttledBatch<number>(REFRESH_MS, () => {
      const s = get();
      if (!s.session || s.session.locked || s.page !== 'alerts') return;
      if (s.alertsTab === 'stream' && s.streamAlerts.status !== 'idle')
        void s.loadStream({ quiet: true });
      if (s.alertsTab === 'silences' && s.silences.status !== 'idle')
        void s.loadSilences({ quiet: true });
    });

    const replace = (alert: PipelineAlert) => {
      const remote = get().streamAlerts;
      if (!remote.data) return;
      set({
        streamAlerts: { ...remote, data: remote.data.map((a) => (a.id === alert.id ? alert : a)) },
      });
    };

    return {
      ...streamInitial(),

      async loadStream(options) {
        const mine = ++streamGeneration;
        if (!options?.quiet) set({ streamAlerts: loading(get().streamAlerts) });
        const { state, source } = get().streamFilter;
        try {
          const alerts = await api.call('alertStream.list', {
            ...(state === 'all' ? {} : { states: [state] }),
            ...(source === 'all' ? {} : { sources: [source] }),
            limit: STREAM_LIMIT,
          });
          if (mine === streamGeneration) set({ streamAlerts: ready(alerts) });
        } catch (error) {
          if (mine === streamGeneration) set({ streamAlerts: failed(get().streamAlerts, error) });
        }
      },

      async judgeStreamAlert(id, verdict) {
        const alert = await api.call('alertStream.setVerdict', { id, verdict });
        replace(alert);
        return alert;
      },

      fetchFiringAlerts() {
        return api.call('alertStream.list', { states: ['firing'], limit: STREAM_LIMIT });
      },

      async loadNoiseReport(options) {
        const mine = ++noiseGeneration;
        if (!options?.quiet) set({ noiseReport: loading(get().noiseReport) });
        try {
          const rows = await api.call('alertStream.noiseReport', { days: get().noiseDays });
          if (mine === noiseGeneration) set({ noiseReport: ready(rows) });
        } catch (error) {
          if (mine === noiseGeneration) set({ noiseReport: failed(get().noiseReport, error) });
        }
      },

      applyStreamChanged(isAlertsChanged) {
        if (isAlertsChanged) refresh.add([]);
      },

      resetAlertStream() {
        refresh.cancel();
        streamGeneration++;
        noiseGeneration++;
        set({ ...streamInitial(), alertsTab: 'stream', streamFilter: DEFAULT_STREAM_FILTER });
      },
    };
  };

export const createAlertsViewSlice = (): SliceCreator<AlertsViewSlice> => (set, get) => ({
  alertsTab: 'stream',
  streamFilter: DEFAULT_STREAM_FILTER,
  noiseDays: 30,
  silencesIncludeExpired: false,
  setAlertsTab(alertsTab) {
    set({ alertsTab });
  },
  setStreamFilter(patch) {
    set({ streamFilter: { ...get().streamFilter, ...patch } });
  },
  setNoiseDays(noiseDays) {
    set({ noiseDays });
  },
  setSilencesIncludeExpired(silencesIncludeExpired) {
    set({ silencesIncludeExpired });
  },
  openAlertStream(patch) {
    set({
      page: 'alerts',
      alertsTab: 'stream',
      streamFilter: { ...DEFAULT_STREAM_FILTER, ...patch },
    });
  },
});

// ── The label query ────────────────────────────────────────────────────────────────────────

export interface LabelQuery {
  matchers: LabelMatcher[];
  /** Words without an operator: each must appear in the rule, summary or a label value. */
  words: string[];
  /** The first term that is neither a matcher nor a word (a bad regex), for the field's message. */
  invalid: string | null;
}

// name, operator, then a quoted or bare value: service="fraud scorer", gpu=~"[0-3]", cluster!=dr.
const TERM = /([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*))/y;

function validRegex(pattern: string): boolean {
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
    return true;
  } catch {
    return false;
  }
}

export function parseLabelQuery(text: string): LabelQuery {
  const matchers: LabelMatcher[] = [];
  const words: string[] = [];
  let invalid: string | null = null;
  const source = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  let at = 0;
  while (at < source.length) {
    const ch = source[at] ?? '';
    if (/[\s,]/.test(ch)) {
      at++;
      continue;
    }
    TERM.lastIndex = at;
    const m = TERM.exec(source);
    if (m) {
      const [whole, name = '', op = '=', quoted, bare] = m;
      const value = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? '');
      const matcher = { name, value, isRegex: op === '=~' || op === '!~', isEqual: op[0] !== '!' };
      if (matcher.isRegex && !validRegex(value)) invalid ??= whole;
      else matchers.push(matcher);
      at += whole.length;
      continue;
    }
    const end = source.slice(at).search(/[\s,]/);
    const word = end === -1 ? source.slice(at) : source.slice(at, at + end);
    words.push(word.toLowerCase());
    at += word.length;
  }
  return { matchers, words, invalid };
}

/** The labels an alert is matched on, as the pipeline matches silences: its own plus rule and source. */
export function alertLabels(alert: PipelineAlert): Record<string, string> {
  return { ...alert.labels, alertname: alert.labels.alertname ?? alert.rule, source: alert.source };
}

export function matchesStreamQuery(alert: PipelineAlert, query: LabelQuery): boolean {
  if (query.matchers.length > 0 && !allMatch(query.matchers, alertLabels(alert))) return false;
  if (query.words.length === 0) return true;
  const haystack = [alert.rule, alert.summary, ...Object.values(alert.labels)]
    .join('\n')
    .toLowerCase();
  return query.words.every((w) => haystack.includes(w));
}

// ── Selectors ──────────────────────────────────────────────────────────────────────────────

let lastInput: [PipelineAlert[] | null, StreamFilter] | null = null;
let lastShown: PipelineAlert[] = [];

/** The stream as shown: severity and labels filtered here (state and source by the backend). */
export const selectShownStream = (state: AppState): PipelineAlert[] => {
  const rows = state.streamAlerts.data;
  const filter = state.streamFilter;
  if (lastInput && lastInput[0] === rows && lastInput[1] === filter) return lastShown;
  lastInput = [rows, filter];
  const query = parseLabelQuery(filter.query);
  lastShown = (rows ?? []).filter(
    (a) =>
      (filter.severity === 'all' || a.severity === filter.severity) && matchesStreamQuery(a, query),
  );
  return lastShown;
};

export const selectStreamAlerts = (state: AppState) => state.streamAlerts;
export const selectNoiseReport = (state: AppState) => state.noiseReport;
export const selectAlertsTab = (state: AppState) => state.alertsTab;
export const selectStreamFilter = (state: AppState) => state.streamFilter;
