// Site settings: adapters over core's SiteSettings.
import { requireActor, type ApiServices, type DomainHandlers } from './handler.ts';

export function settingsHandlers({
  settings,
}: ApiServices): DomainHandlers<'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => settings.get(),
    'settings.update': (input, call) => settings.update(input, requireActor(call), call.now),
  };
}
