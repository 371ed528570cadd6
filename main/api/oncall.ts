// On-call schedules and escalation policies: each channel names the actor and calls the service; the
// rules live in main/incidents/oncall and main/incidents/escalation.
import type { EscalationPolicyService } from '../incidents/escalation/policyService.ts';
import type { OnCallService } from '../incidents/oncall/service.ts';
import { requireActor, type DomainHandlers } from './handler.ts';

export function oncallHandlers(
  oncall: OnCallService,
  policies: EscalationPolicyService,
): DomainHandlers<
  | 'oncall.schedules'
  | 'oncall.people'
  | 'oncall.saveSchedule'
  | 'oncall.deleteSchedule'
  | 'oncall.addOverride'
  | 'oncall.removeOverride'
  | 'oncall.who'
  | 'oncall.shifts'
  | 'escalation.policies'
  | 'escalation.savePolicy'
  | 'escalation.deletePolicy'
> {
  return {
    'oncall.schedules': () => oncall.list(),
    'oncall.people': () => oncall.people(),
    'oncall.saveSchedule': (input, call) => oncall.save(input.id, input.spec, requireActor(call)),
    'oncall.deleteSchedule': (input, call) => {
      oncall.remove(input.id, requireActor(call));
      return { done: true as const };
    },
    'oncall.addOverride': (input, call) => oncall.addOverride(input, requireActor(call)),
    'oncall.removeOverride': (input, call) => oncall.removeOverride(input.id, requireActor(call)),
    'oncall.who': (input, call) => oncall.who(input.at ? Date.parse(input.at) : call.now.getTime()),
    'oncall.shifts': (input) => oncall.shifts(Date.parse(input.from), Date.parse(input.to)),
    'escalation.policies': () => policies.list(),
    'escalation.savePolicy': (input, call) =>
      policies.save(input.id, input.spec, requireActor(call)),
    'escalation.deletePolicy': (input, call) => {
      policies.remove(input.id, requireActor(call));
      return { done: true as const };
    },
  };
}
