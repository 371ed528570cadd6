// SLOs, the alert stream, enforcement decisions and SLAs. The work lives in main/slo; these handlers
// name the actor and turn the service's errors into API errors.
import { SloError, type SloService } from '../slo/service.ts';
import type { SlaReports } from '../slo/slaReports.ts';
import { requireActor, type DomainHandlers } from './handler.ts';
import { DomainError } from '../core/errors.ts';

async function asApi<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SloError) throw new DomainError(error.code, error.message);
    throw error;
  }
}

export function sloHandlers(
  slo: SloService,
  reports: SlaReports,
): DomainHandlers<
  | 'slo.list'
  | 'slo.get'
  | 'slo.save'
  | 'slo.delete'
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
    'slo.list': () => asApi(() => slo.list()),
    'slo.get': (input) => asApi(() => slo.detail(input.name)),
    'slo.save': (input, call) => asApi(() => slo.save(input.spec, input.previousName, requireActor(call))),
    'slo.delete': (input, call) =>
      asApi(() => {
        slo.remove(input.name, requireActor(call));
        return { done: true as const };
      }),
    'slo.backtest': (input) => asApi(() => slo.backtest(input.spec, input.days)),
    'slo.import': (input, call) => asApi(() => slo.importText(input.text, input.dryRun, requireActor(call))),
    'slo.export': (input) => asApi(() => slo.exportYaml(input.names)),
    'slo.setPolicy': (input, call) =>
      asApi(() => {
        slo.setPolicy(input.name, input.policy, requireActor(call));
        return { done: true as const };
      }),
    'slo.decide': (input, call) => asApi(() => slo.decide(input.actionId, input.approve, requireActor(call))),
    'alerts.list': (input) => asApi(() => slo.alerts(input)),
    'sla.list': () => asApi(() => reports.list()),
    'sla.save': (input, call) => asApi(() => reports.save(input.spec, requireActor(call))),
    'sla.delete': (input, call) =>
      asApi(() => {
        reports.remove(input.name, requireActor(call));
        return { done: true as const };
      }),
    'sla.report': (input) => asApi(() => reports.report(input.name, input.period)),
    'sla.export': (input, call) => asApi(() => reports.exportReport(input.name, input.period, requireActor(call))),
  };
}
