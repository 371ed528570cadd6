// Drills: every built-in scenario run headless at maximum speed with the scripted responder, in a
// real workspace (encrypted store, simulated agents over wss + mutual TLS, SLO evaluation, alert
// sources, escalation, runbooks with four-eyes approval, a postmortem). Target: a 60-minute
// scenario in under 30 s. Baseline, in the same run: the simulation alone producing the same
// site's samples for the same drill time (the floor under everything the workspace does).
import { mkdtempSync, rmSync } from 'node:fs';
import { arch, cpus, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Simulation } from '../agent/simulator/model.ts';
import { systemClock } from '../main/core/clock.ts';
import { STEP_MS } from '../main/drills/engine.ts';
import { runHeadlessDrill } from '../main/drills/headless.ts';
import { DrillScenarioLibrary } from '../main/drills/library.ts';
import { drillWorkspaceOpener } from '../main/index.ts';
import { silentLogger } from '../main/log.ts';
import type { DrillScenario } from '../shared/domain/drills/scenario.ts';

const MINUTE_MS = 60_000;

function simulationAlone(scenario: DrillScenario): number {
  const start = performance.now();
  const startMs = Date.now();
  const sim = new Simulation({
    hosts: scenario.site.hosts,
    gpusPerHost: scenario.site.gpusPerHost,
    models: scenario.site.models,
    seed: `drill:${scenario.name}`,
    startMs,
  });
  let samples = 0;
  for (
    let t = startMs + STEP_MS;
    t <= startMs + scenario.durationMinutes * MINUTE_MS;
    t += STEP_MS
  ) {
    sim.advanceTo(t);
    for (let h = 0; h < scenario.site.hosts; h++) samples += sim.samples(h).length;
  }
  if (samples === 0) throw new Error('the simulation produced no samples');
  return (performance.now() - start) / 1000;
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown'} ×${cpus().length}, ${platform()} ${arch()}, Node ${process.version}`,
  );
  const library = new DrillScenarioLibrary({ clock: systemClock });
  let worst = { name: '', seconds: 0, minutes: 0, baseline: 0 };
  console.log(
    'scenario                 drill min  set-up s  stepping s  total s  drill min/s  score  baseline s',
  );
  for (const listing of library.list()) {
    const { scenario } = library.get(listing.name);
    const dir = mkdtempSync(join(tmpdir(), 'mirqab-bench-drill-'));
    const start = performance.now();
    let preparedAt: number | null = null;
    try {
      const result = await runHeadlessDrill({
        scenario,
        dir,
        speed: 'max',
        responder: 'scripted',
        openWorkspace: drillWorkspaceOpener({ version: 'bench', logger: silentLogger }),
        logger: silentLogger,
        onProgress: () => {
          preparedAt ??= performance.now();
        },
      });
      const total = (performance.now() - start) / 1000;
      const setUp = ((preparedAt ?? performance.now()) - start) / 1000;
      const baseline = simulationAlone(scenario);
      console.log(
        `${scenario.name.padEnd(24)} ${String(scenario.durationMinutes).padStart(9)}  ${setUp.toFixed(1).padStart(8)}  ${(total - setUp).toFixed(1).padStart(10)}  ${total.toFixed(1).padStart(7)}  ${(scenario.durationMinutes / total).toFixed(1).padStart(11)}  ${String(result.score).padStart(5)}  ${baseline.toFixed(2).padStart(10)}`,
      );
      // The target is per 60 drill minutes; longer or shorter scenarios are scaled to it.
      const per60 = (total * 60) / scenario.durationMinutes;
      if (per60 > (worst.seconds * 60) / Math.max(1, worst.minutes))
        worst = {
          name: scenario.name,
          seconds: total,
          minutes: scenario.durationMinutes,
          baseline,
        };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const per60 = (worst.seconds * 60) / worst.minutes;
  const baselinePer60 = (worst.baseline * 60) / worst.minutes;
  console.log(
    `slowest per 60 drill minutes: ${worst.name}, ${per60.toFixed(1)} s (target: under 30 s)`,
  );
  console.log(
    `drills: ${per60.toFixed(1)} s per 60-minute scenario (baseline: ${baselinePer60.toFixed(2)} s simulation alone)`,
  );
  process.exit(0);
}

await main();
