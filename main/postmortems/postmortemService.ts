// Writing a blameless postmortem: created from an incident (pre-filled), edited as a draft, reviewed
// by named operators (never the author), published read-only once every reviewer approved, and
// reopened as a new revision when it must change. Every change is audited in its transaction;
// subscribers hear after the commit.
import { roleCan } from '../../shared/domain/roles.ts';
import {
  postmortemRequirement,
  type Sections,
  type SectionKey,
} from '../../shared/domain/postmortems/template.ts';
import type { ChannelParsedInput } from '../../shared/ipc/contract.ts';
import type {
  IncidentPostmortem,
  PostmortemDetail,
  PostmortemSummary,
} from '../../shared/ipc/postmortemSchemas.ts';
import { auditBy } from '../audit/index.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import type { EventBus } from '../core/events.ts';
import { findOperatorByUsername } from '../identity/operatorRepository.ts';
import { addTimelineEntry } from '../incidents/incidentRepository.ts';
import type { WritableDb } from '../store/types.ts';
import { chartWindow, incidentFacts, largestBudgetConsumed, sloChart } from './incidentFacts.ts';
import {
  addComment,
  findByIncident,
  getPostmortem,
  insertPostmortem,
  listPostmortemRows,
  listReviewers,
  parseSections,
  readBudgetThresholdPercent,
  replaceReviewers,
  resetDecisions,
  saveRevision,
  setDecision,
  updatePostmortem,
  writeBudgetThresholdPercent,
  type PostmortemPatch,
  type PostmortemRow,
} from './postmortemRepository.ts';
import { postmortemDetail, rowToSummary } from './postmortemViews.ts';
import { prefillSections } from './prefill.ts';

export type Actor = { username: string; role: string };

export interface PostmortemServiceOptions {
  store: () => WritableDb;
  clock: Clock;
  events: EventBus;
  timeZone: () => string;
  /** Told when an incident's timeline gained an entry (a postmortem was started or published). */
  onIncidentTimeline?: (incidentIds: number[]) => void;
}

export class PostmortemService {
  constructor(private readonly options: PostmortemServiceOptions) {}

  private get db() {
    return this.options.store();
  }

  private nowMs() {
    return this.options.clock.now().getTime();
  }

  list(states?: readonly PostmortemSummary['state'][]): PostmortemSummary[] {
    return listPostmortemRows(this.db, { states }).map(rowToSummary);
  }

  detail(id: number): PostmortemDetail {
    return postmortemDetail(this.db, id, this.nowMs(), this.options.timeZone());
  }

  forIncident(incidentId: number): IncidentPostmortem {
    const db = this.db;
    const facts = incidentFacts(db, incidentId);
    const window = chartWindow(facts.incident, this.nowMs());
    const charts = facts.slos.map((name) =>
      sloChart(db, name, facts.incident, window, this.options.timeZone()),
    );
    const budgetConsumed = largestBudgetConsumed(charts);
    const existing = findByIncident(db, incidentId);
    return {
      incidentId,
      postmortemId: existing?.id ?? null,
      state: existing?.state ?? null,
      reasons: postmortemRequirement({
        priority: facts.incident.priority,
        budgetConsumed,
        budgetThreshold: readBudgetThresholdPercent(db) / 100,
      }),
      budgetConsumed,
    };
  }

  private changed(ids: number[], incidentIds: number[] = []): void {
    this.options.events.emit('postmortems.changed', { ids });
    if (incidentIds.length > 0) this.options.onIncidentTimeline?.(incidentIds);
  }

  create(incidentId: number, by: Actor): PostmortemDetail {
    const db = this.db;
    const nowMs = this.nowMs();
    const timeZone = this.options.timeZone();
    const id = db.transaction(() => {
      if (findByIncident(db, incidentId))
        throw new DomainError('CONFLICT', `Incident ${incidentId} already has a postmortem.`);
      const facts = incidentFacts(db, incidentId);
      const window = chartWindow(facts.incident, nowMs);
      const charts = facts.slos.map((name) => sloChart(db, name, facts.incident, window, timeZone));
      const created = insertPostmortem(db, {
        incidentId,
        title: `Postmortem: ${facts.incident.title}`.slice(0, 200),
        author: by.username,
        sections: prefillSections(facts, charts, window, timeZone),
        model: facts.model,
        modelVersion: facts.modelVersion,
        slos: facts.slos,
        nowMs,
      });
      addTimelineEntry(db, incidentId, {
        atMs: nowMs,
        kind: 'note',
        actor: by.username,
        text: `Postmortem #${created} started by ${by.username}.`,
        details: { postmortemId: created },
      });
      auditBy(
        db,
        by,
        {
          action: 'postmortem.create',
          target: `postmortem:${created}`,
          outcome: 'success',
          details: { incidentId, slos: facts.slos },
        },
        new Date(nowMs),
      );
      return created;
    })();
    this.changed([id], [incidentId]);
    return this.detail(id);
  }

  /** Runs a change on one postmortem in a transaction, audits it, then tells subscribers. */
  private change(
    id: number,
    action: string,
    by: Actor,
    work: (db: WritableDb, row: PostmortemRow, nowMs: number) => Record<string, unknown> | null,
  ): PostmortemDetail {
    const db = this.db;
    const nowMs = this.nowMs();
    let incidentId = 0;
    const isChanged = db.transaction(() => {
      const row = getPostmortem(db, id);
      if (!row) throw new DomainError('NOT_FOUND', `There is no postmortem ${id}.`);
      incidentId = row.incident_id;
      const details = work(db, row, nowMs);
      if (details === null) return false;
      auditBy(
        db,
        by,
        { action, target: `postmortem:${id}`, outcome: 'success', details },
        new Date(nowMs),
      );
      return true;
    })();
    if (isChanged) this.changed([id], action === 'postmortem.publish' ? [incidentId] : []);
    return this.detail(id);
  }

  private requireDraft(row: PostmortemRow, doing: string): void {
    if (row.state !== 'draft')
      throw new DomainError(
        'CONFLICT',
        row.state === 'published'
          ? `Postmortem ${row.id} is published and read-only; reopen it as a new revision to ${doing}.`
          : `Postmortem ${row.id} is in review; a reviewer's request for changes returns it to draft so you can ${doing}.`,
      );
  }

  update(input: ChannelParsedInput<'postmortems.update'>, by: Actor): PostmortemDetail {
    return this.change(input.id, 'postmortem.update', by, (db, row, nowMs) => {
      this.requireDraft(row, 'edit it');
      const patch: PostmortemPatch = {};
      const changed: string[] = [];
      if (input.title !== undefined && input.title !== row.title) {
        patch.title = input.title;
        changed.push('title');
      }
      if (input.sections) {
        const sections: Sections = parseSections(row.sections);
        for (const [key, text] of Object.entries(input.sections) as [SectionKey, string][])
          if (sections[key] !== text) {
            sections[key] = text;
            changed.push(key);
          }
        patch.sections = JSON.stringify(sections);
      }
      if (input.model !== undefined && input.model !== row.model) {
        patch.model = input.model || null;
        changed.push('model');
      }
      if (input.modelVersion !== undefined && input.modelVersion !== row.model_version) {
        patch.model_version = input.modelVersion || null;
        changed.push('modelVersion');
      }
      if (changed.length === 0) return null;
      updatePostmortem(db, row.id, patch, nowMs);
      return { changed };
    });
  }

  setReviewers(id: number, usernames: string[], by: Actor): PostmortemDetail {
    return this.change(id, 'postmortem.reviewers', by, (db, row, nowMs) => {
      this.requireDraft(row, 'change its reviewers');
      const wanted = [...new Set(usernames)].sort();
      for (const username of wanted) {
        if (username === row.author)
          throw new DomainError(
            'BAD_REQUEST',
            `${username} wrote this postmortem and cannot review it; name someone else.`,
          );
        const operator = findOperatorByUsername(db, username);
        if (!operator || operator.disabled)
          throw new DomainError('BAD_REQUEST', `There is no active operator named "${username}".`);
        if (!roleCan(operator.role, 'postmortems.review'))
          throw new DomainError(
            'BAD_REQUEST',
            `${username} is ${operator.role.replace('_', ' ')}, a role that may not review postmortems.`,
          );
      }
      const before = listReviewers(db, id).map((r) => r.username);
      if (before.join(',') === wanted.join(',')) return null;
      replaceReviewers(db, id, wanted);
      updatePostmortem(db, id, {}, nowMs);
      return { from: before, to: wanted };
    });
  }

  submit(id: number, by: Actor): PostmortemDetail {
    return this.change(id, 'postmortem.submit', by, (db, row, nowMs) => {
      this.requireDraft(row, 'submit it');
      if (listReviewers(db, id).length === 0)
        throw new DomainError('CONFLICT', 'Name at least one reviewer before submitting.');
      resetDecisions(db, id);
      updatePostmortem(db, id, { state: 'in_review' }, nowMs);
      return { from: 'draft', to: 'in_review', revision: row.revision };
    });
  }

  review(
    id: number,
    decision: 'approve' | 'request_changes',
    comment: string | undefined,
    by: Actor,
  ): PostmortemDetail {
    return this.change(id, 'postmortem.review', by, (db, row, nowMs) => {
      if (row.state !== 'in_review')
        throw new DomainError('CONFLICT', `Postmortem ${id} is ${row.state}, not in review.`);
      if (!listReviewers(db, id).some((r) => r.username === by.username))
        throw new DomainError(
          'FORBIDDEN',
          `${by.username} is not a named reviewer of postmortem ${id}.`,
        );
      const text = comment?.trim() || null;
      if (decision === 'request_changes' && text === null)
        throw new DomainError('BAD_REQUEST', 'comment: say what should change.');
      setDecision(
        db,
        id,
        by.username,
        decision === 'approve' ? 'approved' : 'changes_requested',
        text,
        nowMs,
      );
      if (text !== null)
        addComment(db, id, { author: by.username, text, section: null, atMs: nowMs });
      // Changes requested: back to the authors; the next submission asks every reviewer again.
      updatePostmortem(db, id, decision === 'approve' ? {} : { state: 'draft' }, nowMs);
      return { decision, revision: row.revision };
    });
  }

  publish(id: number, by: Actor): PostmortemDetail {
    return this.change(id, 'postmortem.publish', by, (db, row, nowMs) => {
      if (row.state !== 'in_review')
        throw new DomainError(
          'CONFLICT',
          `Postmortem ${id} is ${row.state}; submit it for review first.`,
        );
      const waiting = listReviewers(db, id).filter((r) => r.decision !== 'approved');
      if (waiting.length > 0)
        throw new DomainError(
          'CONFLICT',
          `Every named reviewer must approve first; still waiting for ${waiting.map((r) => r.username).join(', ')}.`,
        );
      updatePostmortem(
        db,
        id,
        { state: 'published', published_at: nowMs, published_by: by.username },
        nowMs,
      );
      saveRevision(db, row, by.username, nowMs);
      addTimelineEntry(db, row.incident_id, {
        atMs: nowMs,
        kind: 'note',
        actor: by.username,
        text: `Postmortem #${id} (revision ${row.revision}) published by ${by.username}.`,
        details: { postmortemId: id, revision: row.revision },
      });
      return { revision: row.revision };
    });
  }

  reopen(id: number, reason: string, by: Actor): PostmortemDetail {
    return this.change(id, 'postmortem.reopen', by, (db, row, nowMs) => {
      if (row.state !== 'published')
        throw new DomainError(
          'CONFLICT',
          `Postmortem ${id} is ${row.state}; only a published one is reopened.`,
        );
      const revision = row.revision + 1;
      resetDecisions(db, id);
      updatePostmortem(db, id, { state: 'draft', revision }, nowMs);
      addComment(db, id, {
        author: by.username,
        text: `Reopened as revision ${revision}: ${reason}`,
        section: null,
        atMs: nowMs,
      });
      return { revision, reason };
    });
  }

  comment(id: number, text: string, section: SectionKey | null, by: Actor): PostmortemDetail {
    return this.change(id, 'postmortem.comment', by, (db, _row, nowMs) => {
      addComment(db, id, { author: by.username, text, section, atMs: nowMs });
      return { section, length: text.length };
    });
  }

  policy() {
    return { budgetThresholdPercent: readBudgetThresholdPercent(this.db) };
  }

  setPolicy(budgetThresholdPercent: number, by: Actor) {
    const db = this.db;
    db.transaction(() => {
      const before = readBudgetThresholdPercent(db);
      writeBudgetThresholdPercent(db, budgetThresholdPercent);
      auditBy(
        db,
        by,
        {
          action: 'postmortem.policy',
          target: 'postmortem-policy',
          outcome: 'success',
          details: { before, after: budgetThresholdPercent },
        },
        this.options.clock.now(),
      );
    })();
    this.changed([]);
    return this.policy();
  }
}
