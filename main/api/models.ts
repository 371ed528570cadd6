// Model versions: each channel names the actor and calls the model version service; the rules
// live in main/models.
import type { ModelVersionService } from '../models/service.ts';
import { requireActor, type DomainHandlers } from './handler.ts';

export function modelHandlers(
  models: ModelVersionService,
): DomainHandlers<
  'models.list' | 'models.versions' | 'models.markGood' | 'models.markSuspect' | 'models.setPolicy'
> {
  return {
    'models.list': () => ({ items: models.list() }),
    'models.versions': (input) => models.detail(input.model),
    'models.markGood': (input, call) => models.mark('known_good', input, requireActor(call)),
    'models.markSuspect': (input, call) => models.mark('suspect', input, requireActor(call)),
    'models.setPolicy': (input, call) => models.setPolicy(input, requireActor(call)),
  };
}
