// Incidents, the alert stream and silences: each channel names the actor and calls the service;
// the rules live in main/incidents.
import type { AlertStreamService } from '../incidents/alertStreamService.ts';
import type { IncidentService } from '../incidents/incidentService.ts';
import { requireActor, type DomainHandlers } from './handler.ts';

export function incidentHandlers(
  incidents: IncidentService,
  stream: AlertStreamService,
): DomainHandlers<
  | 'incidents.list'
  | 'incidents.get'
  | 'incidents.counts'
  | 'incidents.declare'
  | 'incidents.acknowledge'
  | 'incidents.transition'
  | 'incidents.setPriority'
  | 'incidents.update'
  | 'incidents.addNote'
  | 'incidents.assignRole'
  | 'incidents.setTeamMember'
  | 'incidents.stats'
  | 'incidents.targets'
  | 'incidents.setTargets'
  | 'alertStream.list'
  | 'alertStream.setVerdict'
  | 'alertStream.noiseReport'
  | 'silences.list'
  | 'silences.create'
  | 'silences.expire'
> {
  return {
    'incidents.list': (input) => incidents.list(input),
    'incidents.get': (input) => incidents.detail(input.id),
    'incidents.counts': () => incidents.counts(),
    'incidents.declare': (input, call) => incidents.declare(input, requireActor(call)),
    'incidents.acknowledge': (input, call) => incidents.acknowledge(input.id, requireActor(call)),
    'incidents.transition': (input, call) =>
      incidents.transition(input.id, input.to, input.note, requireActor(call)),
    'incidents.setPriority': (input, call) =>
      incidents.setPriority(
        input.id,
        input.impact,
        input.urgency,
        input.reason,
        requireActor(call),
      ),
    'incidents.update': (input, call) => incidents.update(input.id, input, requireActor(call)),
    'incidents.addNote': (input, call) =>
      incidents.addNote(input.id, input.text, requireActor(call)),
    'incidents.assignRole': (input, call) =>
      incidents.assignRole(input.id, input.role, input.username, requireActor(call)),
    'incidents.setTeamMember': (input, call) =>
      incidents.setTeamMember(input.id, input.username, input.function, requireActor(call)),
    'incidents.stats': (input) => incidents.stats(input.days),
    'incidents.targets': () => incidents.targets(),
    'incidents.setTargets': (input, call) =>
      incidents.setTargets(input.targets, requireActor(call)),
    'alertStream.list': (input) => stream.list(input),
    'alertStream.setVerdict': (input, call) =>
      stream.setVerdict(input.id, input.verdict, requireActor(call)),
    'alertStream.noiseReport': (input) => stream.noiseReport(input.days),
    'silences.list': (input) => stream.silences(input.includeExpired),
    'silences.create': (input, call) => stream.createSilence(input, requireActor(call)),
    'silences.expire': (input, call) => stream.expireSilence(input.id, requireActor(call)),
  };
}
