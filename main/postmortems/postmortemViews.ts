// Postmortem rows as the contract shows them: the list row, the full postmortem with its reviews,
// comments, action items and SLI charts (read now from the store), and action items with overdue
// judged against today in the site's zone.
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { isOverdue } from '../../shared/domain/postmortems/template.ts';
import type {
  ActionItem,
  PostmortemDetail,
  PostmortemSummary,
} from '../../shared/ipc/postmortemSchemas.ts';
import { iso, isoOrNull } from '../incidents/incidentRows.ts';
import { DomainError } from '../core/errors.ts';
import type { ReadableDb } from '../store/types.ts';
import { chartWindow, sloChart } from './incidentFacts.ts';
import { getIncident } from '../incidents/incidentRepository.ts';
import {
  listActionItems,
  listComments,
  listPostmortemRows,
  listReviewers,
  parseSections,
  type ActionItemRow,
  type PostmortemListRow,
} from './postmortemRepository.ts';

/** Today as a calendar day in the site's zone, which due dates are compared with. */
export function siteToday(nowMs: number, timeZone: string): string {
  return format(nowMs, 'yyyy-MM-dd', { in: tz(timeZone) });
}

export function rowToActionItem(row: ActionItemRow, today: string): ActionItem {
  return {
    id: row.id,
    postmortemId: row.postmortem_id,
    postmortemTitle: row.postmortem_title,
    incidentId: row.incident_id,
    title: row.title,
    owner: row.owner,
    dueDate: row.due_date,
    status: row.status,
    isOverdue: isOverdue(row.status, row.due_date, today),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function rowToSummary(row: PostmortemListRow): PostmortemSummary {
  return {
    id: row.id,
    incidentId: row.incident_id,
    incidentTitle: row.incident_title,
    incidentPriority: row.incident_priority,
    title: row.title,
    state: row.state,
    revision: row.revision,
    author: row.author,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    publishedAt: isoOrNull(row.published_at),
    reviewerCount: row.reviewer_count,
    approvedCount: row.approved_count,
    openActionItems: row.open_items,
  };
}

export function postmortemDetail(
  db: ReadableDb,
  id: number,
  nowMs: number,
  timeZone: string,
): PostmortemDetail {
  const [row] = listPostmortemRows(db, { id });
  const incident = row ? getIncident(db, row.incident_id) : undefined;
  if (!row || !incident) throw new DomainError('NOT_FOUND', `There is no postmortem ${id}.`);
  const window = chartWindow(incident, nowMs);
  const today = siteToday(nowMs, timeZone);
  const slos = JSON.parse(row.slos) as string[];
  return {
    ...rowToSummary(row),
    sections: parseSections(row.sections),
    publishedBy: row.published_by,
    service: incident.service,
    model: row.model,
    modelVersion: row.model_version,
    chartFrom: iso(window.fromMs),
    chartTo: iso(window.toMs),
    incidentOpenedAt: iso(incident.opened_at),
    incidentResolvedAt: isoOrNull(incident.resolved_at),
    charts: slos.map((name) => sloChart(db, name, incident, window, timeZone)),
    reviewers: listReviewers(db, id).map((r) => ({
      username: r.username,
      decision: r.decision,
      comment: r.comment,
      decidedAt: isoOrNull(r.decided_at),
    })),
    comments: listComments(db, id).map((c) => ({ ...c, at: iso(c.at) })),
    actionItems: listActionItems(db, { postmortemId: id }).map((r) => rowToActionItem(r, today)),
  };
}
