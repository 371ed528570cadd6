// The inference-server collector: fetches one Prometheus text or OpenMetrics endpoint (with a
// timeout and a size cap), parses it and maps it to canonical model-service and GPU signals. Every
// scrape also yields `up{target}` (1 or 0); a failure is a `scrape_failed` event once per change.
import type { AgentEvent, Sample } from '../../shared/agent-protocol/index.ts';
import {
  toCanonical,
  type CanonicalSignal,
  type ServerKind,
} from '../../shared/domain/metrics/canonical.ts';
import { parseExposition } from '../../shared/domain/metrics/exposition.ts';
import type { Collector } from './collector.ts';

/** Exporters with many GPUs or models reach a few MiB; anything far beyond is not a metrics page. */
export const DEFAULT_MAX_SCRAPE_BYTES = 16 * 1024 * 1024;

export interface ScrapeOptions {
  url: string;
  server: ServerKind;
  intervalMs: number;
  timeoutMs: number;
  /** Labels model signals that the exposition leaves without one (TGI); the exposition's own labels win. */
  model?: string;
  /** The configured model's version, for its signals that carry none. */
  version?: string;
  maxBytes?: number;
  now?: () => number;
}

type Fetched = { ok: true; body: Uint8Array; contentType: string } | { ok: false; reason: string };

async function fetchCapped(url: string, timeoutMs: number, maxBytes: number): Promise<Fetched> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const res = await fetch(url, {
      signal: abort.signal,
      headers: {
        Accept:
          'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
      },
      redirect: 'error',
    });
    if (!res.ok) {
      await res.body?.cancel();
      return { ok: false, reason: `HTTP ${res.status} ${res.statusText}`.trim() };
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (!res.body)
      return {
        ok: true,
        body: new Uint8Array(),
        contentType: res.headers.get('content-type') ?? '',
      };
    const reader = res.body.getReader();
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      const chunk = next.value as Uint8Array; // reason: the DOM-less lib types a web stream's chunks as any
      size += chunk.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return { ok: false, reason: `the response exceeds ${maxBytes} bytes` };
      }
      chunks.push(chunk);
    }
    return {
      ok: true,
      body: Buffer.concat(chunks),
      contentType: res.headers.get('content-type') ?? '',
    };
  } catch (error) {
    if (abort.signal.aborted) return { ok: false, reason: `no answer within ${timeoutMs} ms` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, reason: cause?.code ?? cause?.message ?? (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Canonical labels: model/version (and `le`) for model signals, { gpu, uuid } for GPU signals. */
export function scrapeSample(
  signal: CanonicalSignal,
  tsMs: number,
  configured: { model?: string; version?: string } = {},
): Sample {
  let labels: Record<string, string>;
  if (signal.signal.startsWith('gpu_')) {
    labels = {};
    const uuid = signal.labels.UUID ?? signal.labels.uuid ?? signal.labels.gpu_uuid;
    if (signal.gpu !== undefined && signal.gpu !== uuid) labels.gpu = signal.gpu;
    if (uuid !== undefined) labels.uuid = uuid;
  } else {
    labels = { ...signal.labels, server: signal.server };
    const model = signal.model ?? configured.model;
    if (model !== undefined) labels.model = model;
    // The configured version belongs to the configured model, never to another one the server names.
    const version = signal.version ?? (model === configured.model ? configured.version : undefined);
    if (version !== undefined) labels.version = version;
  }
  return { metric: signal.signal, labels, value: signal.value, tsMs };
}

export function createScrapeCollector(options: ScrapeOptions): Collector {
  const now = options.now ?? Date.now;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SCRAPE_BYTES;
  const upLabels = { target: options.url, server: options.server };
  let lastOk: boolean | null = null;

  const outcome = (reason: string | null, tsMs: number, samples: Sample[]) => {
    const ok = reason === null;
    const events: AgentEvent[] = [];
    // The first scrape reports only a failure; later ones report each change, recovery included.
    if (ok !== lastOk && (lastOk !== null || !ok)) {
      events.push(
        ok
          ? {
              kind: 'scrape_failed',
              severity: 'info',
              message: `scrape of ${options.url} works again`,
              tsMs,
              details: { state: 'ok', target: options.url, server: options.server },
            }
          : {
              kind: 'scrape_failed',
              severity: 'warning',
              message: `scrape of ${options.url} failed: ${reason}`.slice(0, 4000),
              tsMs,
              details: { state: 'failed', target: options.url, server: options.server, reason },
            },
      );
    }
    lastOk = ok;
    return {
      samples: [...samples, { metric: 'up', labels: upLabels, value: ok ? 1 : 0, tsMs }],
      events,
    };
  };

  return {
    name: `scrape:${options.url}`,
    intervalMs: options.intervalMs,
    async collect() {
      const fetched = await fetchCapped(options.url, options.timeoutMs, maxBytes);
      const tsMs = now();
      if (!fetched.ok) return outcome(fetched.reason, tsMs, []);
      const format = /application\/openmetrics-text/i.test(fetched.contentType)
        ? 'openmetrics'
        : 'auto';
      const parsed = parseExposition(fetched.body, { format });
      if (parsed.families.length === 0 && parsed.errors.length > 0) {
        const first = parsed.errors[0]!;
        return outcome(
          `the response is not ${parsed.format} text (line ${first.line}: ${first.message})`,
          tsMs,
          [],
        );
      }
      const { signals } = toCanonical(parsed.families, { server: options.server });
      return outcome(
        null,
        tsMs,
        signals.map((s) => scrapeSample(s, tsMs, options)),
      );
    },
  };
}
