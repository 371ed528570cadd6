// Action items: what a postmortem commits the team to, each with an owner, a due date in the site's
// zone and a status, tracked to closure across every postmortem (also after one is published).
import type { ChannelParsedInput } from '../../shared/ipc/contract.ts';
import type { ActionItem, PostmortemDetail } from '../../shared/ipc/postmortemSchemas.ts';
import { auditBy } from '../audit/index.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import type { EventBus } from '../core/events.ts';
import { findOperatorByUsername } from '../identity/operatorRepository.ts';
import type { WritableDb } from '../store/types.ts';
import {
  getPostmortem,
  insertActionItem,
  listActionItems,
  updateActionItem,
  type ActionItemRow,
} from './postmortemRepository.ts';
import { postmortemDetail, rowToActionItem, siteToday } from './postmortemViews.ts';
import type { Actor } from './postmortemService.ts';

export interface ActionItemServiceOptions {
  store: () => WritableDb;
  clock: Clock;
  events: EventBus;
  timeZone: () => string;
}

export class ActionItemService {
  constructor(private readonly options: ActionItemServiceOptions) {}

  private get db() {
    return this.options.store();
  }

  private today(): string {
    return siteToday(this.options.clock.now().getTime(), this.options.timeZone());
  }

  private requireOwner(db: WritableDb, owner: string): void {
    const operator = findOperatorByUsername(db, owner);
    if (!operator || operator.disabled)
      throw new DomainError('BAD_REQUEST', `owner: there is no active operator named "${owner}".`);
  }

  list(includeClosed: boolean): ActionItem[] {
    const today = this.today();
    return listActionItems(this.db, { isOpenOnly: !includeClosed }).map((r) =>
      rowToActionItem(r, today),
    );
  }

  add(input: ChannelParsedInput<'postmortems.addActionItem'>, by: Actor): PostmortemDetail {
    const db = this.db;
    const now = this.options.clock.now();
    db.transaction(() => {
      if (!getPostmortem(db, input.id))
        throw new DomainError('NOT_FOUND', `There is no postmortem ${input.id}.`);
      this.requireOwner(db, input.owner);
      const itemId = insertActionItem(db, {
        postmortemId: input.id,
        title: input.title,
        owner: input.owner,
        dueDate: input.dueDate,
        by: by.username,
        nowMs: now.getTime(),
      });
      auditBy(
        db,
        by,
        {
          action: 'postmortem.actionItem.add',
          target: `postmortem:${input.id}`,
          outcome: 'success',
          details: { itemId, title: input.title, owner: input.owner, dueDate: input.dueDate },
        },
        now,
      );
    })();
    this.options.events.emit('postmortems.changed', { ids: [input.id] });
    return postmortemDetail(db, input.id, now.getTime(), this.options.timeZone());
  }

  update(input: ChannelParsedInput<'postmortems.updateActionItem'>, by: Actor): ActionItem {
    const db = this.db;
    const now = this.options.clock.now();
    const find = () => listActionItems(db, { itemId: input.itemId })[0];
    const postmortemId = db.transaction(() => {
      const row = find();
      if (!row) throw new DomainError('NOT_FOUND', `There is no action item ${input.itemId}.`);
      const patch: Partial<Pick<ActionItemRow, 'title' | 'owner' | 'due_date' | 'status'>> = {};
      if (input.title !== undefined && input.title !== row.title) patch.title = input.title;
      if (input.owner !== undefined && input.owner !== row.owner) {
        this.requireOwner(db, input.owner);
        patch.owner = input.owner;
      }
      if (input.dueDate !== undefined && input.dueDate !== row.due_date)
        patch.due_date = input.dueDate;
      if (input.status !== undefined && input.status !== row.status) patch.status = input.status;
      if (Object.keys(patch).length === 0) return null;
      updateActionItem(db, row.id, patch, now.getTime());
      auditBy(
        db,
        by,
        {
          action: 'postmortem.actionItem.update',
          target: `postmortem:${row.postmortem_id}`,
          outcome: 'success',
          details: {
            itemId: row.id,
            before: Object.fromEntries(
              Object.keys(patch).map((k) => [k, row[k as keyof typeof patch]]),
            ),
            after: patch,
          },
        },
        now,
      );
      return row.postmortem_id;
    })();
    if (postmortemId !== null)
      this.options.events.emit('postmortems.changed', { ids: [postmortemId] });
    return rowToActionItem(find()!, this.today());
  }
}
