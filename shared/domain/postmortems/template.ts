// The blameless postmortem template: the Google SRE postmortem's fields plus an ML section, its review
// states and action items, and the rule that says when an incident needs one.
import type { Priority } from '../incidents/priority.ts';

/** Markdown sections in the order they are written, read and exported. */
export const SECTION_KEYS = [
  'summary',
  'impact',
  'rootCauses',
  'trigger',
  'detection',
  'resolution',
  'wentWell',
  'wentWrong',
  'gotLucky',
  'timeline',
  'modelVersion',
  'dataSlice',
  'driftEvidence',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export type Sections = Record<SectionKey, string>;

/** The template's groups, for headings in the editor and the exports. */
export const SECTION_GROUPS: readonly {
  group: 'incident' | 'lessons' | 'ml';
  keys: SectionKey[];
}[] = [
  {
    group: 'incident',
    keys: ['summary', 'impact', 'rootCauses', 'trigger', 'detection', 'resolution'],
  },
  { group: 'lessons', keys: ['wentWell', 'wentWrong', 'gotLucky', 'timeline'] },
  { group: 'ml', keys: ['modelVersion', 'dataSlice', 'driftEvidence'] },
];

export const POSTMORTEM_STATES = ['draft', 'in_review', 'published'] as const;
export type PostmortemState = (typeof POSTMORTEM_STATES)[number];

export const REVIEW_DECISIONS = ['pending', 'approved', 'changes_requested'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'done', 'wont_do'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

export const OPEN_ACTION_STATUSES: readonly ActionItemStatus[] = ['open', 'in_progress'];

/** Longest Markdown a section may hold (a long timeline fits; a pasted log dump does not). */
export const MAX_SECTION_CHARS = 50_000;

export function emptySections(): Sections {
  return Object.fromEntries(SECTION_KEYS.map((k) => [k, ''])) as Sections;
}

export interface RequirementInput {
  priority: Priority;
  /** The largest share of any affected SLO's error budget the incident consumed (0..1), if known. */
  budgetConsumed: number | null;
  /** The site's threshold, as a share (0..1). */
  budgetThreshold: number;
}

export type RequirementReason = 'priority' | 'budget';

/** Why an incident needs a postmortem: P1/P2 always, any other when it burned more than the threshold. */
export function postmortemRequirement(input: RequirementInput): RequirementReason[] {
  const reasons: RequirementReason[] = [];
  if (input.priority === 'P1' || input.priority === 'P2') reasons.push('priority');
  if (input.budgetConsumed !== null && input.budgetConsumed > input.budgetThreshold)
    reasons.push('budget');
  return reasons;
}

/** An action item is overdue from the day after its due date (both in the site's zone, YYYY-MM-DD). */
export function isOverdue(
  status: ActionItemStatus,
  dueDate: string | null,
  today: string,
): boolean {
  return dueDate !== null && OPEN_ACTION_STATUSES.includes(status) && dueDate < today;
}
