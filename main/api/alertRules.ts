// Threshold rules: each channel names the actor and calls the rule service; validation and the
// rules themselves live in shared/domain/alertRules and main/incidents/sources.
import type { AlertRuleService } from '../incidents/sources/index.ts';
import { requireActor, type DomainHandlers } from './handler.ts';

export function alertRuleHandlers(
  rules: AlertRuleService,
): DomainHandlers<
  'alertRules.list' | 'alertRules.signals' | 'alertRules.save' | 'alertRules.delete'
> {
  return {
    'alertRules.list': () => rules.list(),
    'alertRules.signals': () => rules.signals(),
    'alertRules.save': (input, call) => rules.save(input.rule, input.id, requireActor(call)),
    'alertRules.delete': (input, call) => {
      rules.remove(input.id, requireActor(call));
      return { done: true as const };
    },
  };
}
