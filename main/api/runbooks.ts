// Runbooks: the library, automation rules and runs on incidents; each channel names the actor and
// calls the service, where the rules (four eyes, the dry-run's plan) live.
import type { Runbooks } from '../runbooks/index.ts';
import { validateRunbook } from '../runbooks/index.ts';
import { requireActor, type DomainHandlers } from './handler.ts';

export function runbookHandlers(
  runbooks: Runbooks,
): DomainHandlers<
  | 'runbooks.list'
  | 'runbooks.get'
  | 'runbooks.validate'
  | 'runbooks.import'
  | 'runbooks.export'
  | 'runbooks.rules'
  | 'runbooks.saveRule'
  | 'runbooks.deleteRule'
  | 'runbooks.forIncident'
  | 'runbooks.dryRun'
  | 'runbooks.start'
  | 'runbooks.approveStep'
  | 'runbooks.completeStep'
  | 'runbooks.skipStep'
  | 'runbooks.cancel'
> {
  const { library, runs } = runbooks;
  return {
    'runbooks.list': () => ({ items: library.list() }),
    'runbooks.get': (input) => library.get(input.name, input.version),
    'runbooks.validate': (input) => validateRunbook(input.source),
    'runbooks.import': (input, call) => library.import(input.source, requireActor(call)),
    'runbooks.export': (input) => library.export(input.name, input.version),
    'runbooks.rules': () => ({ items: library.rules() }),
    'runbooks.saveRule': (input, call) => library.saveRule(input, requireActor(call)),
    'runbooks.deleteRule': (input, call) => {
      library.deleteRule(input.id, requireActor(call));
      return { done: true };
    },
    'runbooks.forIncident': (input) => runbooks.forIncident(input.incidentId),
    'runbooks.dryRun': (input) => runs.dryRun(input.incidentId, input.name, input.version),
    'runbooks.start': (input, call) => runs.start(input, requireActor(call)),
    'runbooks.approveStep': (input, call) =>
      runs.approveStep(input.runId, input.stepIndex, requireActor(call)),
    'runbooks.completeStep': (input, call) =>
      runs.completeStep(input.runId, input.stepIndex, input.note, requireActor(call)),
    'runbooks.skipStep': (input, call) =>
      runs.skipStep(input.runId, input.stepIndex, input.reason, requireActor(call)),
    'runbooks.cancel': (input, call) => runs.cancel(input.runId, input.reason, requireActor(call)),
  };
}
