// Site settings as a service: read them, change them (audited, announced).
import { auditBy } from '../audit/index.ts';
import type { Settings } from '../../shared/ipc/contract.ts';
import type { EventBus } from './events.ts';
import type { Site } from './site.ts';
import { changedSettings, getSettings, putSettings } from './settingsRepository.ts';

export class SiteSettings {
  constructor(private readonly deps: { site: Site; events: EventBus }) {}

  get(): Settings {
    return this.deps.site.settings();
  }

  update(changes: Partial<Settings>, by: { username: string; role: string }, now: Date): Settings {
    const db = this.deps.site.store();
    const after = db.transaction(() => {
      const before = getSettings(db);
      const updated = putSettings(db, changes);
      auditBy(
        db,
        by,
        {
          action: 'settings.update',
          target: 'settings',
          outcome: 'success',
          details: changedSettings(before, updated),
        },
        now,
      );
      return updated;
    })();
    this.deps.events.emit('settings.changed', after);
    return after;
  }
}
