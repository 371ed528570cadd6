// Runs one built-in scenario headless at maximum speed, in a temporary workspace (shared by the
// headless scenario tests).
import { mkdtempSync, rmSync } from 'node:fs';
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
