// Retraining triggers and change records: each channel names the actor and calls the governance
// services; the rules (four eyes, cool-downs, delivery) live in main/governance.
import type { Governance } from '../governance/index.ts';
import type { ChangeRecordReports } from '../reports/changeRecordReports.ts';
import { requireActor, type DomainHandlers } from './handler.ts';

export function governanceHandlers(
  governance: Governance,
  reports: ChangeRecordReports,
): DomainHandlers<
  | 'retraining.rules'
  | 'retraining.saveRule'
  | 'retraining.requests'
  | 'retraining.request'
  | 'retraining.pipeline'
  | 'retraining.setPipeline'
  | 'retraining.evaluate'
  | 'changes.list'
  | 'changes.get'
  | 'changes.propose'
  | 'changes.decide'
  | 'changes.recordOutcome'
  | 'changes.export'
> {
  const { triggers, changes } = governance;
  return {
    'retraining.rules': () => ({ items: triggers.rules() }),
    'retraining.saveRule': (input, call) =>
      triggers.saveRule(input.id, input.rule, requireActor(call)),
    'retraining.requests': () => ({ items: triggers.requests() }),
    'retraining.request': (input) => triggers.request(input.id),
    'retraining.pipeline': () => ({ pipeline: triggers.pipeline() }),
    'retraining.setPipeline': (input, call) => ({
      pipeline: triggers.setPipeline(input.pipeline, requireActor(call)),
    }),
    'retraining.evaluate': async () => {
      const filed = triggers.evaluate();
      await triggers.deliver();
      return { filed };
    },
    'changes.list': () => ({ items: changes.list() }),
    'changes.get': (input) => changes.get(input.id),
    'changes.propose': (input, call) => changes.propose(input, requireActor(call)),
    'changes.decide': (input, call) =>
      changes.decide(input.id, input.decision, input.reason, requireActor(call)),
    'changes.recordOutcome': (input, call) =>
      changes.recordOutcome(input.id, input.outcome, input.detail, requireActor(call)),
    'changes.export': (input, call) =>
      reports.export(input.id, input.format, input.language, requireActor(call)),
  };
}
