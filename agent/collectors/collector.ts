// What every collector (host, GPU, inference-server scrape, simulator) gives the sampler. A
// collector reports its own failures as events (e.g. gpu_state); a throw is a bug, logged.
import type { AgentEvent, Sample } from '../../shared/agent-protocol/index.ts';

export interface CollectorOutput {
  samples: Sample[];
  events: AgentEvent[];
}

export interface Collector {
  /** Shown in logs, e.g. "host", "gpu", "scrape:http://127.0.0.1:8002/metrics". */
  name: string;
  intervalMs: number;
  collect(): Promise<CollectorOutput>;
}
