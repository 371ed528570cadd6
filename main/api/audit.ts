// The audit trail and the Overview: adapters over core's AuditTrail and identity's overview.
import { siteOverview } from '../identity/index.ts';
import { requireActor, type ApiServices, type DomainHandlers } from './handler.ts';

export function auditHandlers({
  site,
  auditTrail,
}: ApiServices): DomainHandlers<'overview.get' | 'audit.list' | 'audit.verify' | 'audit.export'> {
  return {
    'overview.get': (_input, call) => siteOverview(site, requireActor(call)),
    'audit.list': (input) => auditTrail.list(input),
    'audit.verify': (_input, call) => auditTrail.verify(requireActor(call), call.now),
    'audit.export': (_input, call) => auditTrail.export(requireActor(call), call.now),
  };
}
