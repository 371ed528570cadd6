// Site settings.
import { changedSettings, getSettings, putSettings } from '../store/repositories/settings.ts';
import { audit, requireActor, type ApiDeps, type DomainHandlers } from './handler.ts';

export function settingsHandlers(deps: ApiDeps): DomainHandlers<'settings.get' | 'settings.update'> {
  const { site, events } = deps;
  return {
    'settings.get': () => site.settings(),
    'settings.update': (input, call) => {
      const actor = requireActor(call);
      const db = site.store();
      const after = db.transaction(() => {
        const before = getSettings(db);
        const updated = putSettings(db, input);
        audit(db, actor, {
          action: 'settings.update',
          target: 'settings',
          outcome: 'success',
          details: changedSettings(before, updated),
        }, call.now);
        return updated;
      })();
      events.emit('settings.changed', after);
      return after;
    },
  };
}
