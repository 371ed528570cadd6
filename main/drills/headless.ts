// A drill without a UI: prepares the workspace, steps through the scenario with a scripted or idle
// responder, and returns the scored result. For tests, and for checking a scenario before a game day.
import type { DrillScenario } from '../../shared/domain/drills/scenario.ts';
import { scoreDrill, type DrillScore } from '../../shared/domain/drills/score.ts';
import { DomainError } from '../core/errors.ts';
import type { Logger } from '../log.ts';
import type { DrillSpeed } from './drillClock.ts';
import { DrillEngine, STEP_MS, type DrillTimelineEntry } from './engine.ts';
import { readDrillFacts } from './facts.ts';
import { createResponder, type ResponderKind } from './responder.ts';
import type { OpenWorkspace } from './workspace.ts';

export interface DrillResult {
  scenario: { name: string; version: number; title: string; category: string };
  responder: ResponderKind | 'people';
  speed: DrillSpeed;
  startedAt: string;
  endedAt: string;
  durationMinutes: number;
  /** Wall-clock seconds the drill took. */
  tookSeconds: number;
  score: number;
  components: DrillScore['components'];
  incident: { id: number; title: string; priority: string; state: string } | null;
  timeline: DrillTimelineEntry[];
}

export interface HeadlessDrillOptions {
  scenario: DrillScenario;
  dir: string;
  openWorkspace: OpenWorkspace;
  speed: DrillSpeed;
  responder: ResponderKind;
  logger: Logger;
  /** Told after each step, with the drill minute reached (progress). */
  onProgress?: (minute: number) => void;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Scores what happened so far and names it as a result (the engine stays open). */
export async function resultOf(
  engine: DrillEngine,
  responder: DrillResult['responder'],
  realStartMs: number,
): Promise<DrillResult> {
  const { scenario } = engine;
  const endMs = engine.clock.nowMs();
  const { facts, incident } = await readDrillFacts(
    engine.facilitator,
    scenario,
    engine.firstInjectAtMs ?? endMs,
  );
  const score = scoreDrill(scenario.expected, facts);
  return {
    scenario: {
      name: scenario.name,
      version: scenario.version,
      title: scenario.title,
      category: scenario.category,
    },
    responder,
    speed: engine.clock.currentSpeed,
    startedAt: new Date(engine.startMs).toISOString(),
    endedAt: new Date(endMs).toISOString(),
    durationMinutes: Math.round((endMs - engine.startMs) / 60_000),
    tookSeconds: Math.round((Date.now() - realStartMs) / 100) / 10,
    score: score.score,
    components: score.components,
    incident: incident
      ? {
          id: incident.id,
          title: incident.title,
          priority: incident.priority,
          state: incident.state,
        }
      : null,
    // The drill's own entries (injects, hints) with the incident's (alerts, acknowledgement, steps).
    timeline: [
      ...engine.timeline,
      ...(incident?.timeline ?? []).map((e) => {
        const atMs = Date.parse(e.at);
        return {
          atMs,
          minute: Math.round(((atMs - engine.startMs) / 60_000) * 10) / 10,
          kind: 'response' as const,
          text: e.actor && !e.actor.startsWith('system') ? `${e.actor}: ${e.text}` : e.text,
        };
      }),
    ].sort((a, b) => a.atMs - b.atMs),
  };
}

export async function runHeadlessDrill(options: HeadlessDrillOptions): Promise<DrillResult> {
  const realStartMs = Date.now();
  const engine = new DrillEngine({
    scenario: options.scenario,
    dir: options.dir,
    openWorkspace: options.openWorkspace,
    speed: options.speed,
    logger: options.logger,
  });
  try {
    await engine.prepare();
    const responder = await createResponder(options.responder, engine);
    while (engine.clock.nowMs() < engine.endMs) {
      await engine.step();
      try {
        await responder.act();
      } catch (error) {
        // A call refused because the state moved on is tried again at the next step, as a person would.
        if (!(error instanceof DomainError)) throw error;
        options.logger.info('drill responder: a call was refused', { error: error.message });
      }
      options.onProgress?.((engine.clock.nowMs() - engine.startMs) / 60_000);
      if (options.speed !== 'max') await pause(STEP_MS / options.speed);
    }
    engine.note(engine.clock.nowMs(), 'ended', 'Drill ended');
    return await resultOf(engine, options.responder, realStartMs);
  } finally {
    await engine.close();
  }
}
