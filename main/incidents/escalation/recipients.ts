// Who a tier pages at a moment: each schedule's on-call person and the named operators, enabled ones
// only, with a note for every target that yielded nobody (so the timeline says why).
import { onCallAt, type Tier } from '../../../shared/domain/oncall/index.ts';
import type { ReadableDb } from '../../store/db.ts';
import { enabledOnly } from '../oncall/people.ts';
import { findSchedule, rotaOf } from '../oncall/scheduleRepository.ts';

export interface Recipients {
  usernames: string[];
  /** Why a target paged nobody, e.g. `nobody is on call for "ML engineers"`. */
  notes: string[];
}

export function recipientsOf(
  db: ReadableDb,
  tier: Pick<Tier, 'targets'>,
  atMs: number,
  timeZone: string,
): Recipients {
  const named: string[] = [];
  const notes: string[] = [];
  for (const target of tier.targets) {
    if (target.type === 'operator') {
      named.push(target.username);
      continue;
    }
    const schedule = findSchedule(db, target.scheduleId);
    if (!schedule) {
      notes.push(`schedule #${target.scheduleId} no longer exists`);
      continue;
    }
    const username = onCallAt(rotaOf(db, schedule, atMs, atMs + 1), atMs, timeZone);
    if (username === null) notes.push(`nobody is on call for "${schedule.name}"`);
    else named.push(username);
  }
  const usernames = enabledOnly(db, named);
  for (const username of new Set(named)) {
    if (!usernames.includes(username)) notes.push(`${username} is disabled`);
  }
  return { usernames, notes };
}

/** "tier 2 (L2 ML engineer)" */
export const tierName = (index: number, tier: Pick<Tier, 'label'>) =>
  `tier ${index + 1}${tier.label ? ` (${tier.label})` : ''}`;
