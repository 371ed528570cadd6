// Notification settings, contacts, the delivery log and test sends: each channel names the actor and
// calls the service; the rules live in main/incidents/notify.
import type { NotifyService } from '../incidents/notify/index.ts';
import { requireActor, type DomainHandlers } from './handler.ts';

export function notifyHandlers(
  notify: NotifyService,
): DomainHandlers<
  | 'notify.settings'
  | 'notify.saveSettings'
  | 'notify.contacts'
  | 'notify.setContact'
  | 'notify.deliveries'
  | 'notify.test'
  | 'notify.retry'
> {
  return {
    'notify.settings': () => notify.settings(),
    'notify.saveSettings': (input, call) => notify.saveSettings(input, requireActor(call)),
    'notify.contacts': (_input, call) => notify.contacts(requireActor(call)),
    'notify.setContact': (input, call) =>
      notify.setContact(input.username, input.email, requireActor(call)),
    'notify.deliveries': (input) => notify.deliveries(input),
    'notify.test': (input, call) => notify.test(input.channel, input.to, requireActor(call)),
    'notify.retry': (input, call) => notify.retry(input.id, requireActor(call)),
  };
}
