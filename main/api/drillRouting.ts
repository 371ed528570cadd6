// Where each call goes while a drill runs. A client that joined a drill holds a session of the
// drill's workspace: its calls go to the workspace's console, so every screen shows the drill's
// data; its drill.* calls still reach the site's console (as its own site session), so the banner
// and the facilitator's controls keep working. Leaving, or any call after the drill has ended, gives
// the client its site session back. Events follow the same split: a client hears the console it
// works in, and both hear drill.changed.
import type { Result } from '../../shared/ipc/contract.ts';
import type { EventAudience, EventListener } from '../core/events.ts';
import type { DrillSessions } from '../drills/sessions.ts';
import type { WorkspaceConsole } from '../drills/workspace.ts';
import type { CallContext, ConsoleApp } from './types.ts';

const strip = (audience?: EventAudience): EventAudience | undefined =>
  audience?.sessionId === undefined ? undefined : { sessionId: audience.sessionId };

export function routeDrillSessions(
  site: ConsoleApp,
  sessions: DrillSessions,
  onWorkspaceOpened: (listener: (workspace: WorkspaceConsole) => void) => void,
): ConsoleApp {
  const listeners = new Set<EventListener>();
  site.onEvent((event, payload, audience) => {
    const origin = event === 'drill.changed' ? 'everywhere' : 'site';
    for (const listener of listeners) listener(event, payload, { ...audience, origin });
  });
  onWorkspaceOpened((workspace) =>
    workspace.onEvent((event, payload, audience) => {
      for (const listener of listeners) listener(event, payload, { ...audience, origin: 'drill' });
    }),
  );

  async function dispatch(
    ctx: CallContext,
    channel: unknown,
    input: unknown,
  ): Promise<Result<unknown>> {
    const drillToken = ctx.sessionToken;
    const realToken = sessions.realTokenOf(drillToken);
    if (drillToken === null || realToken === null) return site.dispatch(ctx, channel, input);
    const workspace = sessions.workspaceOf(drillToken);
    if (!workspace || channel === 'drill.leave') {
      sessions.forget(drillToken);
      if (workspace) await workspace.dispatch(ctx, 'auth.signOut', {});
      ctx.setSessionToken(realToken);
      if (channel === 'drill.leave') return { ok: true, value: { done: true } };
      return site.dispatch(ctx, channel, input);
    }
    const asSite: CallContext = {
      client: ctx.client,
      sessionToken: realToken,
      drillToken,
      setSessionToken: (token) => ctx.setSessionToken(token),
    };
    if (typeof channel === 'string' && channel.startsWith('drill.'))
      return site.dispatch(asSite, channel, input);
    if (channel === 'auth.signOut') {
      // Signing out inside a drill signs out of both consoles.
      const result = await workspace.dispatch(ctx, channel, input);
      sessions.forget(drillToken);
      await site.dispatch(asSite, channel, input);
      return result;
    }
    return workspace.dispatch(ctx, channel, input);
  }

  return {
    dispatch,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    canReceive(token, audience) {
      const origin = audience?.origin ?? 'site';
      const realToken = sessions.realTokenOf(token);
      if (realToken === null) return origin !== 'drill' && site.canReceive(token, strip(audience));
      if (origin === 'everywhere') return site.canReceive(realToken, strip(audience));
      const workspace = sessions.workspaceOf(token);
      return (
        origin === 'drill' && workspace !== null && workspace.canReceive(token, strip(audience))
      );
    },
    alertmanagerIntake: site.alertmanagerIntake,
    tick: () => site.tick(),
    close: () => site.close(),
  };
}
