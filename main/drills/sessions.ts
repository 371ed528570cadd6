// Who works in a drill's workspace. Joining signs the operator into the workspace and the client's
// shell then holds the workspace session's token in place of the site's; this map remembers which
// site session each one stands in for, so leaving (or the drill ending) gives the client its own
// session back. The API router asks it where each call goes.
import type { DrillEngine } from './engine.ts';
import type { WorkspaceConsole } from './workspace.ts';

interface Joined {
  realToken: string;
  engine: DrillEngine;
}

export class DrillSessions {
  private readonly joined = new Map<string, Joined>();

  remember(drillToken: string, realToken: string, engine: DrillEngine): void {
    this.joined.set(drillToken, { realToken, engine });
  }

  /** The site session a drill token stands in for, or null for any other token. */
  realTokenOf(drillToken: string | null): string | null {
    return drillToken === null ? null : (this.joined.get(drillToken)?.realToken ?? null);
  }

  /** The workspace a drill token works in while its drill runs; null once the drill has ended. */
  workspaceOf(drillToken: string | null): WorkspaceConsole | null {
    const entry = drillToken === null ? undefined : this.joined.get(drillToken);
    return entry?.engine.isOpen ? entry.engine.console : null;
  }

  forget(drillToken: string): void {
    this.joined.delete(drillToken);
  }
}
