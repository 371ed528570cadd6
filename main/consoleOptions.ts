// What a console is opened with: its data folder and shell, and the timings tests and drills change.
import type { CheckpointScheduleOptions } from './audit/index.ts';
import type { Clock } from './core/clock.ts';
import type { KeyProtector } from './core/keyProtection.ts';
import type { BatchCommittedListener } from './fleet/ingestEvents.ts';
import type { FleetConfig } from './fleet/service.ts';
import type { AlertSourcesConfig } from './incidents/sources/index.ts';
import type { PipelineConfig } from './incidents/pipeline.ts';
import type { Logger } from './log.ts';
import type { PdfPrinter } from './reports/pdf.ts';
import type { SloConfig } from './slo/evaluator.ts';
import type { ScryptCost } from './store/scrypt.ts';

export interface ConsoleOptions {
  dataDir: string;
  shell: 'desktop' | 'browser';
  version: string;
  keyProtector?: KeyProtector;
  /** Unlocks the store at start (the CLI's MIRQAB_PASSPHRASE); otherwise the UI asks. */
  passphrase?: string;
  clock?: Clock;
  logger?: Logger;
  /** Fleet timings (heartbeat, backoff, retention); tests shorten them. */
  fleet?: Partial<FleetConfig>;
  /** Benchmarks and diagnostics: told of each new telemetry batch once it is committed. */
  onBatchCommitted?: BatchCommittedListener;
  /** SLO evaluation timings; tests shorten them. */
  slo?: Partial<SloConfig>;
  /** Flap suppression, reopening and auto-resolution of the incident pipeline; tests change them. */
  incidents?: Partial<PipelineConfig>;
  /** Timings of the fleet alert sources (GPU health, hosts, threshold rules, model quality). */
  alertSources?: Partial<AlertSourcesConfig>;
  /** Prints report PDFs: Electron's printToPDF on the desktop, headless Chromium otherwise. */
  pdfPrinter?: PdfPrinter;
  /** How often the console signs audit checkpoints on its own; tests shorten the poll. */
  audit?: Pick<CheckpointScheduleOptions, 'everyMs' | 'pollMs'>;
  /** How often idle sessions are looked for and locked (default 30 s); tests shorten it. */
  idleSweepMs?: number;
  /** scrypt cost for new keyrings and passwords (default SCRYPT_COST); tests not about the cost lower it. */
  kdf?: ScryptCost;
  /** How often open incidents are looked at for due escalation steps (default 15 s). */
  escalateEveryMs?: number;
  /**
   * A drill's workspace: every incident is a drill incident, and the drill engine drives the periodic
   * jobs through tick() as it moves the clock (its timers still run, for live drills).
   */
  isDrillWorkspace?: boolean;
}
