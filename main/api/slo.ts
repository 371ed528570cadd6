// SLOs, the alert stream, enforcement decisions and SLAs: each channel names the actor and calls the
// service; the rules live in main/slo and main/reports, and the pipeline maps their DomainErrors.
import type { SlaReports } from '../reports/slaReports.ts';
import type { SloService } from '../slo/service.ts';
import { requireActor, type DomainHandlers } from './handler.ts';

export function sloHandlers(
  slo: SloService,
  reports: SlaReports,
): DomainHandlers<
  | 'slo.list'
  | 'slo.get'
  | 'slo.save'
  | 'slo.delete'
  | 'slo.knownNames'
  | 'slo.backtest'
  | 'slo.import'
  | 'slo.export'
  | 'slo.setPolicy'
  | 'slo.decide'
  | 'alerts.list'
  | 'sla.list'
  | 'sla.save'
  | 'sla.delete'
  | 'sla.report'
  | 'sla.export'
> {
  return {
    'slo.list': () => slo.list(),
    'slo.get': (input) => slo.detail(input.name),
    'slo.save': (input, call) => slo.save(input.spec, input.previousName, requireActor(call)),
    'slo.delete': (input, call) => {
      slo.remove(input.name, requireActor(call));
      return { done: true as const };
    },
    'slo.knownNames': () => slo.knownNames(),
    'slo.backtest': (input) => slo.backtest(input.spec, input.days),
    'slo.import': (input, call) => slo.importText(input.text, input.dryRun, requireActor(call)),
    'slo.export': (input) => slo.exportYaml(input.names),
    'slo.setPolicy': (input, call) => {
      slo.setPolicy(input.name, input.policy, requireActor(call));
      return { done: true as const };
    },
    'slo.decide': (input, call) => slo.decide(input.actionId, input.approve, requireActor(call)),
    'alerts.list': (input) => slo.alerts(input),
    'sla.list': () => reports.list(),
    'sla.save': (input, call) => reports.save(input.spec, requireActor(call)),
    'sla.delete': (input, call) => {
      reports.remove(input.name, requireActor(call));
      return { done: true as const };
    },
    'sla.report': (input) =>
      reports.report(input.name, input.period, { includeSimulated: input.includeSimulated }),
    'sla.export': (input, call) =>
      reports.exportReport(input.name, input.period, requireActor(call), input.language, {
        includeSimulated: input.includeSimulated,
      }),
  };
}
