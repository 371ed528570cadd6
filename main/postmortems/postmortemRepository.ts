// Postmortems and what hangs off them: reviewers, comments, published revisions, action items, and
// the site's requirement policy. Plain functions over the store; the rules live in the service.
import {
  emptySections,
  SECTION_KEYS,
  type ActionItemStatus,
  type PostmortemState,
  type ReviewDecision,
  type SectionKey,
  type Sections,
} from '../../shared/domain/postmortems/template.ts';
import type { Priority } from '../../shared/domain/incidents/index.ts';
import { all, get, run, sql, sqlId, sqlJoin, type SqlFragment } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

export type PostmortemRow = {
  id: number;
  incident_id: number;
  title: string;
  state: PostmortemState;
  revision: number;
  author: string;
  sections: string;
  model: string | null;
  model_version: string | null;
  slos: string;
  created_at: number;
  updated_at: number;
  published_at: number | null;
  published_by: string | null;
};

/** A postmortem row with what the list shows beside it. */
export type PostmortemListRow = PostmortemRow & {
  incident_title: string;
  incident_priority: Priority;
  reviewer_count: number;
  approved_count: number;
  open_items: number;
};

/** Sections as stored, with any key the template does not know dropped and any missing one empty. */
export function parseSections(json: string): Sections {
  const stored = JSON.parse(json) as Partial<Record<string, unknown>>;
  const sections = emptySections();
  for (const key of SECTION_KEYS) {
    const value = stored[key];
    if (typeof value === 'string') sections[key] = value;
  }
  return sections;
}

export interface NewPostmortem {
  incidentId: number;
  title: string;
  author: string;
  sections: Sections;
  model: string | null;
  modelVersion: string | null;
  slos: string[];
  nowMs: number;
}

export function insertPostmortem(db: WritableDb, p: NewPostmortem): number {
  return Number(
    run(
      db,
      sql`INSERT INTO postmortems (incident_id, title, state, author, sections, model, model_version, slos,
          created_at, updated_at)
        VALUES (${p.incidentId}, ${p.title}, 'draft', ${p.author}, ${JSON.stringify(p.sections)}, ${p.model},
          ${p.modelVersion}, ${JSON.stringify(p.slos)}, ${p.nowMs}, ${p.nowMs})`,
    ).lastInsertRowid,
  );
}

const LIST_COLUMNS = sql`p.*, i.title AS incident_title, i.priority AS incident_priority,
  (SELECT COUNT(*) FROM postmortem_reviewers r WHERE r.postmortem_id = p.id) AS reviewer_count,
  (SELECT COUNT(*) FROM postmortem_reviewers r WHERE r.postmortem_id = p.id AND r.decision = 'approved') AS approved_count,
  (SELECT COUNT(*) FROM postmortem_action_items a WHERE a.postmortem_id = p.id
    AND a.status IN ('open', 'in_progress')) AS open_items`;

export function listPostmortemRows(
  db: ReadableDb,
  filter: { states?: readonly PostmortemState[]; id?: number; incidentId?: number } = {},
): PostmortemListRow[] {
  const conditions: SqlFragment[] = [sql`1 = 1`];
  if (filter.states && filter.states.length > 0)
    conditions.push(sql`p.state IN (${sqlJoin(filter.states.map((s) => sql`${s}`))})`);
  if (filter.id !== undefined) conditions.push(sql`p.id = ${filter.id}`);
  if (filter.incidentId !== undefined) conditions.push(sql`p.incident_id = ${filter.incidentId}`);
  return all<PostmortemListRow>(
    db,
    sql`SELECT ${LIST_COLUMNS} FROM postmortems p JOIN incidents i ON i.id = p.incident_id
        WHERE ${sqlJoin(conditions, ' AND ')} ORDER BY p.updated_at DESC, p.id DESC`,
  );
}

export function getPostmortem(db: ReadableDb, id: number): PostmortemRow | undefined {
  return get<PostmortemRow>(db, sql`SELECT * FROM postmortems WHERE id = ${id}`);
}

export function findByIncident(db: ReadableDb, incidentId: number): PostmortemRow | undefined {
  return get<PostmortemRow>(db, sql`SELECT * FROM postmortems WHERE incident_id = ${incidentId}`);
}

export type PostmortemPatch = Partial<
  Pick<
    PostmortemRow,
    | 'title'
    | 'state'
    | 'revision'
    | 'sections'
    | 'model'
    | 'model_version'
    | 'published_at'
    | 'published_by'
  >
>;

export function updatePostmortem(
  db: WritableDb,
  id: number,
  patch: PostmortemPatch,
  nowMs: number,
): void {
  const sets: SqlFragment[] = [sql`updated_at = ${nowMs}`];
  for (const [column, value] of Object.entries(patch)) sets.push(sql`${sqlId(column)} = ${value}`);
  run(db, sql`UPDATE postmortems SET ${sqlJoin(sets)} WHERE id = ${id}`);
}

export function saveRevision(db: WritableDb, row: PostmortemRow, by: string, nowMs: number): void {
  run(
    db,
    sql`INSERT INTO postmortem_revisions (postmortem_id, revision, title, sections, published_at, published_by)
      VALUES (${row.id}, ${row.revision}, ${row.title}, ${row.sections}, ${nowMs}, ${by})`,
  );
}

// ── Reviewers and comments ────────────────────────────────────────────────────────────────────

export type ReviewerRow = {
  username: string;
  decision: ReviewDecision;
  comment: string | null;
  decided_at: number | null;
};

export function listReviewers(db: ReadableDb, postmortemId: number): ReviewerRow[] {
  return all<ReviewerRow>(
    db,
    sql`SELECT username, decision, comment, decided_at FROM postmortem_reviewers
        WHERE postmortem_id = ${postmortemId} ORDER BY username`,
  );
}

export function replaceReviewers(db: WritableDb, postmortemId: number, usernames: string[]): void {
  run(db, sql`DELETE FROM postmortem_reviewers WHERE postmortem_id = ${postmortemId}`);
  for (const username of usernames)
    run(
      db,
      sql`INSERT INTO postmortem_reviewers (postmortem_id, username, decision) VALUES (${postmortemId}, ${username}, 'pending')`,
    );
}

export function resetDecisions(db: WritableDb, postmortemId: number): void {
  run(
    db,
    sql`UPDATE postmortem_reviewers SET decision = 'pending', comment = NULL, decided_at = NULL
        WHERE postmortem_id = ${postmortemId}`,
  );
}

export function setDecision(
  db: WritableDb,
  postmortemId: number,
  username: string,
  decision: ReviewDecision,
  comment: string | null,
  nowMs: number,
): void {
  run(
    db,
    sql`UPDATE postmortem_reviewers SET decision = ${decision}, comment = ${comment}, decided_at = ${nowMs}
        WHERE postmortem_id = ${postmortemId} AND username = ${username}`,
  );
}

export function addComment(
  db: WritableDb,
  postmortemId: number,
  c: { author: string; text: string; section: SectionKey | null; atMs: number },
): void {
  run(
    db,
    sql`INSERT INTO postmortem_comments (postmortem_id, author, at, text, section)
      VALUES (${postmortemId}, ${c.author}, ${c.atMs}, ${c.text}, ${c.section})`,
  );
}

export function listComments(db: ReadableDb, postmortemId: number) {
  return all<{ id: number; author: string; at: number; text: string; section: SectionKey | null }>(
    db,
    sql`SELECT id, author, at, text, section FROM postmortem_comments WHERE postmortem_id = ${postmortemId}
        ORDER BY at, id`,
  );
}

// ── Action items ──────────────────────────────────────────────────────────────────────────────

export type ActionItemRow = {
  id: number;
  postmortem_id: number;
  postmortem_title: string;
  incident_id: number;
  title: string;
  owner: string;
  due_date: string | null;
  status: ActionItemStatus;
  created_at: number;
  updated_at: number;
};

const ITEM_COLUMNS = sql`a.id, a.postmortem_id, p.title AS postmortem_title, p.incident_id, a.title, a.owner,
  a.due_date, a.status, a.created_at, a.updated_at`;

export function insertActionItem(
  db: WritableDb,
  item: {
    postmortemId: number;
    title: string;
    owner: string;
    dueDate: string | null;
    by: string;
    nowMs: number;
  },
): number {
  return Number(
    run(
      db,
      sql`INSERT INTO postmortem_action_items (postmortem_id, title, owner, due_date, status, created_by, created_at, updated_at)
        VALUES (${item.postmortemId}, ${item.title}, ${item.owner}, ${item.dueDate}, 'open', ${item.by}, ${item.nowMs}, ${item.nowMs})`,
    ).lastInsertRowid,
  );
}

export function listActionItems(
  db: ReadableDb,
  filter: { postmortemId?: number; itemId?: number; isOpenOnly?: boolean },
): ActionItemRow[] {
  const conditions: SqlFragment[] = [sql`1 = 1`];
  if (filter.postmortemId !== undefined)
    conditions.push(sql`a.postmortem_id = ${filter.postmortemId}`);
  if (filter.itemId !== undefined) conditions.push(sql`a.id = ${filter.itemId}`);
  if (filter.isOpenOnly) conditions.push(sql`a.status IN ('open', 'in_progress')`);
  // Undated items last: a due date says what to do first.
  return all<ActionItemRow>(
    db,
    sql`SELECT ${ITEM_COLUMNS} FROM postmortem_action_items a JOIN postmortems p ON p.id = a.postmortem_id
        WHERE ${sqlJoin(conditions, ' AND ')} ORDER BY a.due_date IS NULL, a.due_date, a.id`,
  );
}

export function updateActionItem(
  db: WritableDb,
  id: number,
  patch: Partial<Pick<ActionItemRow, 'title' | 'owner' | 'due_date' | 'status'>>,
  nowMs: number,
): void {
  const sets: SqlFragment[] = [sql`updated_at = ${nowMs}`];
  for (const [column, value] of Object.entries(patch)) sets.push(sql`${sqlId(column)} = ${value}`);
  run(db, sql`UPDATE postmortem_action_items SET ${sqlJoin(sets)} WHERE id = ${id}`);
}

// ── Policy ────────────────────────────────────────────────────────────────────────────────────

export function readBudgetThresholdPercent(db: ReadableDb): number {
  return (
    get<{ p: number }>(db, sql`SELECT budget_threshold_percent AS p FROM postmortem_policy`)?.p ??
    20
  );
}

export function writeBudgetThresholdPercent(db: WritableDb, percent: number): void {
  run(
    db,
    sql`INSERT INTO postmortem_policy (id, budget_threshold_percent) VALUES (1, ${percent})
      ON CONFLICT (id) DO UPDATE SET budget_threshold_percent = excluded.budget_threshold_percent`,
  );
}
