// Runs one built-in scenario headless at maximum speed, in a temporary workspace (shared by the
// headless scenario tests).
import { mkdtempSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../main/core/clock.ts';
import { runHeadlessDrill, type DrillResult } from '../../../main/drills/headless.ts';
import { DrillScenarioLibrary } from '../../../main/drills/library.ts';
import type { ResponderKind } from '../../../main/drills/responder.ts';
import { drillWorkspaceOpener } from '../../../main/index.ts';
import { silentLogger } from '../../../main/log.ts';

export async function runBuiltin(name: string, responder: ResponderKind): Promise<DrillResult> {
  const { scenario } = new DrillScenarioLibrary({ clock: systemClock }).get(name);
  const dir = mkdtempSync(join(tmpdir(), 'mirqab-drill-test-'));
  try {
    return await runHeadlessDrill({
      scenario,
      dir,
      speed: 'max',
      responder,
      openWorkspace: drillWorkspaceOpener({ version: 'test', logger: silentLogger }),
      logger: silentLogger,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The components a result missed (earned less than all of), by key. */
export const missed = (result: DrillResult) =>
  result.components.filter((c) => c.fraction < 1).map((c) => c.key);

/**
 * For each scenario: a scripted responder that does what it expects scores 100, every component
 * with evidence from the workspace; an idle one scores 30 or less, and the result names its misses.
 */
export function describeBuiltins(names: readonly string[]): void {
  describe.each(names)('the built-in scenario %s, headless', (name) => {
    it('scores a scripted responder high, on evidence from its workspace', async () => {
      const result = await runBuiltin(name, 'scripted');
      expect(result.incident, 'the drill opened an incident').not.toBeNull();
      expect(missed(result)).toEqual([]);
      expect(result.score).toBe(100);
      for (const c of result.components) expect(c.evidence.length, c.key).toBeGreaterThan(0);
    });

    it('scores an idle responder low and names every miss', async () => {
      const result = await runBuiltin(name, 'idle');
      expect(result.score).toBeLessThanOrEqual(30);
      expect(missed(result)).toEqual(
        expect.arrayContaining(['acknowledge', 'mitigate', 'runbook', 'postmortem']),
      );
      const ack = result.components.find((c) => c.key === 'acknowledge')!;
      expect(ack.outcome).toBe('never acknowledged');
    });
  });
}
