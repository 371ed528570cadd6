// Postmortems, their reviews and action items, and their exports: each channel names the actor and
// calls the service; the rules live in main/postmortems and main/reports.
import type { ActionItemService } from '../postmortems/actionItemService.ts';
import type { PostmortemService } from '../postmortems/postmortemService.ts';
import type { PostmortemReports } from '../reports/postmortemReports.ts';
import { requireActor, type DomainHandlers } from './handler.ts';

export function postmortemHandlers(
  postmortems: PostmortemService,
  actionItems: ActionItemService,
  reports: PostmortemReports,
): DomainHandlers<
  | 'postmortems.list'
  | 'postmortems.get'
  | 'postmortems.forIncident'
  | 'postmortems.create'
  | 'postmortems.update'
  | 'postmortems.setReviewers'
  | 'postmortems.submit'
  | 'postmortems.review'
  | 'postmortems.publish'
  | 'postmortems.reopen'
  | 'postmortems.comment'
  | 'postmortems.addActionItem'
  | 'postmortems.updateActionItem'
  | 'postmortems.actionItems'
  | 'postmortems.policy'
  | 'postmortems.setPolicy'
  | 'postmortems.export'
> {
  return {
    'postmortems.list': (input) => postmortems.list(input.states),
    'postmortems.get': (input) => postmortems.detail(input.id),
    'postmortems.forIncident': (input) => postmortems.forIncident(input.incidentId),
    'postmortems.create': (input, call) => postmortems.create(input.incidentId, requireActor(call)),
    'postmortems.update': (input, call) => postmortems.update(input, requireActor(call)),
    'postmortems.setReviewers': (input, call) =>
      postmortems.setReviewers(input.id, input.usernames, requireActor(call)),
    'postmortems.submit': (input, call) => postmortems.submit(input.id, requireActor(call)),
    'postmortems.review': (input, call) =>
      postmortems.review(input.id, input.decision, input.comment, requireActor(call)),
    'postmortems.publish': (input, call) => postmortems.publish(input.id, requireActor(call)),
    'postmortems.reopen': (input, call) =>
      postmortems.reopen(input.id, input.reason, requireActor(call)),
    'postmortems.comment': (input, call) =>
      postmortems.comment(input.id, input.text, input.section, requireActor(call)),
    'postmortems.addActionItem': (input, call) => actionItems.add(input, requireActor(call)),
    'postmortems.updateActionItem': (input, call) => actionItems.update(input, requireActor(call)),
    'postmortems.actionItems': (input) => actionItems.list(input.includeClosed),
    'postmortems.policy': () => postmortems.policy(),
    'postmortems.setPolicy': (input, call) =>
      postmortems.setPolicy(input.budgetThresholdPercent, requireActor(call)),
    'postmortems.export': (input, call) =>
      reports.exportPostmortem(input.id, input.format, input.language, requireActor(call)),
  };
}
