// Runs each collector on its own interval and, every batch interval (~1 s), writes what they
// produced to the spool as one or more telemetry batches, each well under the 1 MiB frame limit.
import type { DriftWindow } from '../shared/agent-protocol/drift.ts';
import type { AgentEvent, Sample } from '../shared/agent-protocol/index.ts';
import type { Collector } from './collectors/collector.ts';
import { silentLogger, type Logger } from './log.ts';
import type { Spool } from './spool.ts';

const MAX_SAMPLES_PER_BATCH = 5000;
const MAX_EVENTS_PER_BATCH = 500;
/** Leaves headroom under MAX_FRAME_BYTES for the frame envelope and a gap event. */
const MAX_BATCH_JSON_BYTES = 768 * 1024;

export interface SamplerOptions {
  collectors: Collector[];
  spool: Spool;
  batchIntervalMs: number;
  logger?: Logger;
  now?: () => number;
  /** Called after each batch is durably spooled, so connected sessions can send it. */
  onBatch?: (seq: number) => void;
}

export interface Sampler {
  /** Queues an event (action_refused, started, …) for the next batch. */
  addEvent(event: AgentEvent): void;
  /** Queues a closed drift window; each goes to the spool in a batch of its own. */
  addDrift(window: DriftWindow): void;
  /** Collects once from every collector now (tests and the first sample at start). */
  collectAll(): Promise<void>;
  /** Writes whatever is pending to the spool now; returns the seqs written. */
  flush(): number[];
  start(): void;
  stop(): Promise<void>;
}

export function createSampler(options: SamplerOptions): Sampler {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  let samples: Sample[] = [];
  let events: AgentEvent[] = [];
  let drift: DriftWindow[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Map<Collector, Promise<void>>();
  let running = false;

  const collectOne = (collector: Collector): Promise<void> => {
    // A slow collector (a hung scrape) skips ticks rather than piling up calls.
    const current = inFlight.get(collector);
    if (current) return current;
    const run = collector
      .collect()
      .then((out) => {
        samples.push(...out.samples);
        events.push(...out.events);
      })
      .catch((error: unknown) =>
        logger.error('collector failed', { collector: collector.name, error: String(error) }),
      )
      .finally(() => inFlight.delete(collector));
    inFlight.set(collector, run);
    return run;
  };

  const schedule = (fn: () => void, ms: number) => {
    const timer = setInterval(fn, ms);
    timers.add(timer);
  };

  const sampler: Sampler = {
    addEvent(event) {
      events.push(event);
    },
    addDrift(window) {
      drift.push(window);
    },
    async collectAll() {
      await Promise.all(options.collectors.map(collectOne));
    },
    flush() {
      if (samples.length === 0 && events.length === 0 && drift.length === 0) return [];
      const pendingSamples = samples;
      const pendingEvents = events;
      const pendingDrift = drift;
      samples = [];
      events = [];
      drift = [];
      const seqs: number[] = [];
      for (const window of pendingDrift) {
        try {
          seqs.push(options.spool.append([], [], [window]).seq);
        } catch (error) {
          logger.error('spool write failed; drift window dropped', {
            model: window.model,
            error: String(error),
          });
        }
      }
      if (pendingSamples.length === 0 && pendingEvents.length === 0) {
        for (const seq of seqs) options.onBatch?.(seq);
        return seqs;
      }
      for (const batch of splitBatches(pendingSamples, pendingEvents)) {
        try {
          seqs.push(options.spool.append(batch.samples, batch.events).seq);
        } catch (error) {
          // Never silent: the loss is reported in the next batch that does get written.
          logger.error('spool write failed; batch dropped', {
            error: String(error),
            samples: batch.samples.length,
          });
          events.push({
            kind: 'gap',
            severity: 'critical',
            message:
              `spool write failed, ${batch.samples.length} samples dropped: ${String(error)}`.slice(
                0,
                4000,
              ),
            tsMs: now(),
            details: { batches: 1, samples: batch.samples.length, reason: 'spool write failed' },
          });
        }
      }
      for (const seq of seqs) options.onBatch?.(seq);
      return seqs;
    },
    start() {
      if (running) return;
      running = true;
      for (const collector of options.collectors) {
        void collectOne(collector);
        schedule(() => void collectOne(collector), collector.intervalMs);
      }
      schedule(() => sampler.flush(), options.batchIntervalMs);
    },
    async stop() {
      running = false;
      for (const timer of timers) clearInterval(timer);
      timers.clear();
      await Promise.all(inFlight.values());
      sampler.flush();
    },
  };
  return sampler;
}

/** Splits pending data into batches that each fit a frame with room to spare. */
export function splitBatches(
  samples: Sample[],
  events: AgentEvent[],
): { samples: Sample[]; events: AgentEvent[] }[] {
  const batches: { samples: Sample[]; events: AgentEvent[] }[] = [];
  const pushSized = (batch: { samples: Sample[]; events: AgentEvent[] }) => {
    if (batch.samples.length > 1 && JSON.stringify(batch).length > MAX_BATCH_JSON_BYTES) {
      const half = Math.ceil(batch.samples.length / 2);
      pushSized({ samples: batch.samples.slice(0, half), events: batch.events });
      pushSized({ samples: batch.samples.slice(half), events: [] });
    } else {
      batches.push(batch);
    }
  };
  const count = Math.max(
    Math.ceil(samples.length / MAX_SAMPLES_PER_BATCH),
    Math.ceil(events.length / MAX_EVENTS_PER_BATCH),
    1,
  );
  for (let i = 0; i < count; i++) {
    pushSized({
      samples: samples.slice(i * MAX_SAMPLES_PER_BATCH, (i + 1) * MAX_SAMPLES_PER_BATCH),
      events: events.slice(i * MAX_EVENTS_PER_BATCH, (i + 1) * MAX_EVENTS_PER_BATCH),
    });
  }
  return batches;
}
