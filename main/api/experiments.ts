// Model A/B experiments: each channel names the actor and calls the experiment service; the rules
// live in main/experiments.
import type { ExperimentService } from '../experiments/service.ts';
import { requireActor, type DomainHandlers } from './handler.ts';

export function experimentHandlers(
  experiments: ExperimentService,
): DomainHandlers<
  | 'experiments.list'
  | 'experiments.get'
  | 'experiments.sampleSize'
  | 'experiments.create'
  | 'experiments.start'
  | 'experiments.stop'
  | 'experiments.decide'
> {
  return {
    'experiments.list': () => ({ items: experiments.list() }),
    'experiments.get': (input) => experiments.get(input.id),
    'experiments.sampleSize': (input) => ({ perArm: experiments.sampleSize(input) }),
    'experiments.create': (input, call) => experiments.create(input, requireActor(call)),
    'experiments.start': (input, call) => experiments.start(input.id, requireActor(call)),
    'experiments.stop': (input, call) =>
      experiments.stop(input.id, input.reason, requireActor(call)),
    'experiments.decide': (input, call) =>
      experiments.decide(input.id, input.decision, input.reason, requireActor(call)),
  };
}
